import { endpoint } from '../endpoint';
import { projectLocator, serviceAccountLocator } from '../shared/fields';
import type { Resource } from '../types';
import { createServiceAccount } from './create.operation';
import { updateServiceAccount } from './update.operation';

const locators = { project_id: projectLocator, service_account_id: serviceAccountLocator };

export const projectServiceAccount: Resource = {
	value: 'projectServiceAccount',
	name: 'Project Service Account',
	description: 'Bot identities of a project, each with its own API key',
	defaultOperation: 'getMany',
	operations: [
		createServiceAccount,
		endpoint.delete({
			action: 'Delete a service account',
			description: 'Delete a service account and its API keys from a project',
			path: '/organization/projects/{project_id}/service_accounts/{service_account_id}',
			operationId: 'delete-project-service-account',
			locators,
			deletes: 'organization.project.service_account',
		}),
		endpoint.get({
			action: 'Get a service account',
			description: 'Retrieve a service account of a project',
			path: '/organization/projects/{project_id}/service_accounts/{service_account_id}',
			operationId: 'retrieve-project-service-account',
			locators,
		}),
		endpoint.list({
			action: 'Get many service accounts',
			description: 'List the service accounts of a project',
			path: '/organization/projects/{project_id}/service_accounts',
			operationId: 'list-project-service-accounts',
			locators: { project_id: projectLocator },
		}),
		updateServiceAccount,
	],
};
