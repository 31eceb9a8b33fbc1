import { endpoint } from '../endpoint';
import { OWNER_PROJECT_ACCESS } from '../shared/enums';
import { apiKeyLocator, capitalized, projectLocator } from '../shared/fields';
import type { Resource } from '../types';
import { auditAllProjects } from './auditAllProjects.operation';

const locators = { project_id: projectLocator, api_key_id: apiKeyLocator };

const OWNER_ACCESS_DESCRIPTIONS: Record<(typeof OWNER_PROJECT_ACCESS)[number], string> = {
	active: 'Keys whose owner has access to the project',
	any: 'Every enabled key of the project',
	inactive: 'Keys whose owner no longer has access to the project',
};

export const projectApiKey: Resource = {
	value: 'projectApiKey',
	name: 'Project API Key',
	description: 'API keys of a project, as admins see them (redacted)',
	defaultOperation: 'getMany',
	operations: [
		endpoint.delete({
			action: 'Delete a project API key',
			description: "Delete a user's API key from a project. A service account's key goes with its service account.",
			path: '/organization/projects/{project_id}/api_keys/{api_key_id}',
			operationId: 'delete-project-api-key',
			locators,
			deletes: 'organization.project.api_key',
		}),
		endpoint.get({
			action: 'Get a project API key',
			description: 'Retrieve an API key of a project (its redacted value, owner and last use)',
			path: '/organization/projects/{project_id}/api_keys/{api_key_id}',
			operationId: 'retrieve-project-api-key',
			locators,
		}),
		endpoint.list({
			action: 'Get many project API keys',
			description: 'List the API keys of a project',
			path: '/organization/projects/{project_id}/api_keys',
			operationId: 'list-project-api-keys',
			locators: { project_id: projectLocator },
			filters: [
				{
					displayName: 'Owner Project Access',
					name: 'owner_project_access',
					type: 'options',
					options: OWNER_PROJECT_ACCESS.map((value) => ({
						name: capitalized(value),
						value,
						description: OWNER_ACCESS_DESCRIPTIONS[value],
					})),
					default: 'any',
					description:
						'Filter by whether the key owner still has access to the project. Without it, the API applies its membership-based visibility rules, which may leave out some enabled keys.',
				},
			],
		}),
		auditAllProjects,
	],
};
