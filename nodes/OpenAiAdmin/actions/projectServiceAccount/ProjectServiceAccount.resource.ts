import { endpoint } from '../endpoint';
import { sameName } from '../shared/existing';
import { inProject, projectLocator, serviceAccountLocator } from '../shared/fields';
import { oneTimeKey } from '../shared/oneTimeKey';
import { resource } from '../resource';
import { retireServiceAccount, rotateServiceAccount } from './rotate.operation';

const locators = { project_id: projectLocator, service_account_id: serviceAccountLocator };

const key = oneTimeKey('api_key.value', 'service account key');

export const projectServiceAccount = resource({ value: 'projectServiceAccount', name: 'Project Service Account', description: 'Bot identities of a project, each with its own API key' }, [
	// Its answer holds the account's API key, unredacted, once: the form and the output pane say so.
	endpoint.create('create-project-service-account', {
		action: 'Create a service account',
		description: 'Create a service account in a project, with an API key unless told otherwise',
		existing: sameName('service account', 'the project', 'One found comes without an API key: the API shows a key only when it makes it.'),
		locators: inProject,
		fields: {
			name: { placeholder: 'e.g. Production app', description: 'The name of the service account' },
			create_service_account_only:
				'Whether to create the service account without an API key and without default roles (its role is then "none")',
		},
		properties: key.fields,
		hints: [key.hint],
		oneTimeKeyAt: key.at,
	}),
	endpoint.delete('delete-project-service-account', { action: 'Delete a service account and its API keys', description: 'Delete a service account and its API keys from a project', locators }),
	endpoint.get('retrieve-project-service-account', { action: 'Get a service account', description: 'Retrieve a service account of a project', locators }),
	endpoint.list('list-project-service-accounts', { action: 'Get many service accounts', description: 'List the service accounts of a project', locators: inProject }),
	// Only the fields given are sent, and at least one must be.
	endpoint.update('update-project-service-account', {
		action: 'Update a service account',
		description: 'Rename a service account or change its role in the project',
		locators,
		fields: {
			name: 'The new name of the service account',
			role: { default: 'member', description: 'The new role of the service account in the project' },
		},
	}),
	rotateServiceAccount,
	retireServiceAccount,
]);
