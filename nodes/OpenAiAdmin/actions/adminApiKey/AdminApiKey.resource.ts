import { endpoint } from '../endpoint';
import { adminApiKeyLocator, orderFilter } from '../shared/fields';
import type { Resource } from '../types';
import { createAdminApiKey } from './create.operation';

const locators = { key_id: adminApiKeyLocator };

export const adminApiKey: Resource = {
	value: 'adminApiKey',
	name: 'Admin API Key',
	description: 'Keys for the Administration API itself (redacted, except once when created)',
	defaultOperation: 'getMany',
	operations: [
		createAdminApiKey,
		endpoint.delete({
			action: 'Delete an admin API key',
			description: 'Delete an admin API key; workflows using it stop working',
			path: '/organization/admin_api_keys/{key_id}',
			operationId: 'admin-api-keys-delete',
			locators,
			deletes: 'organization.admin_api_key',
		}),
		endpoint.get({
			action: 'Get an admin API key',
			description: 'Retrieve an admin API key (its redacted value, owner, expiry and last use)',
			path: '/organization/admin_api_keys/{key_id}',
			operationId: 'admin-api-keys-get',
			locators,
		}),
		endpoint.list({
			action: 'Get many admin API keys',
			description: 'List the admin API keys of the organization',
			path: '/organization/admin_api_keys',
			operationId: 'admin-api-keys-list',
			filters: [orderFilter('asc')],
		}),
	],
};
