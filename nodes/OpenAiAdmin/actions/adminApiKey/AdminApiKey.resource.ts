import { endpoint } from '../endpoint';
import { adminApiKeyLocator } from '../shared/fields';
import { oneTimeKey } from '../shared/oneTimeKey';
import { resource } from '../resource';
import { retireAdminApiKey, rotateAdminApiKey } from './rotate.operation';

const locators = { key_id: adminApiKeyLocator };

const key = oneTimeKey('value', 'admin API key');

export const adminApiKey = resource({ value: 'adminApiKey', name: 'Admin API Key', description: 'Keys for the Administration API itself (redacted, except once when created)' }, [
	// Its answer holds the key's secret value once: the form and the output pane say so.
	endpoint.create('admin-api-keys-create', {
		action: 'Create an admin API key',
		description: 'Create an admin API key for the organization',
		fields: {
			name: { description: 'The name of the key', placeholder: 'e.g. Offboarding workflow' },
			expires_in_seconds: {
				displayName: 'Expires In (Seconds)',
				default: 2592000,
				description: 'How long until the key expires, at most a year (31536000); without it the key does not expire',
			},
		},
		properties: key.fields,
		hints: [key.hint],
		oneTimeKeyAt: key.at,
	}),
	endpoint.delete('admin-api-keys-delete', { action: 'Delete an admin API key', description: 'Delete an admin API key; workflows using it stop working', locators }),
	endpoint.get('admin-api-keys-get', { action: 'Get an admin API key', description: 'Retrieve an admin API key (its redacted value, owner, expiry and last use)', locators }),
	endpoint.list('admin-api-keys-list', { action: 'Get many admin API keys', description: 'List the admin API keys of the organization' }),
	rotateAdminApiKey,
	retireAdminApiKey,
]);
