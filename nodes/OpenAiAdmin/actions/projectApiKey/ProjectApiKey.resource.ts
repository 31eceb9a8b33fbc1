import { endpoint } from '../endpoint';
import { apiKeyLocator, capitalized, inProject, projectLocator } from '../shared/fields';
import { specEnum } from '../shared/specFields';
import { resource } from '../resource';
import { auditAllProjects } from './auditAllProjects.operation';

const locators = { project_id: projectLocator, api_key_id: apiKeyLocator };

const OWNER_ACCESS_DESCRIPTIONS: Record<string, string> = {
	active: 'Keys whose owner has access to the project',
	any: 'Every enabled key of the project',
	inactive: 'Keys whose owner no longer has access to the project',
};

export const projectApiKey = resource({ value: 'projectApiKey', name: 'Project API Key', description: 'API keys of a project, as admins see them (redacted)' }, [
	endpoint.delete('delete-project-api-key', { action: 'Delete a project API key', description: "Delete a user's API key from a project. A service account's key goes with its service account.", locators }),
	endpoint.get('retrieve-project-api-key', { action: 'Get a project API key', description: 'Retrieve an API key of a project (its redacted value, owner and last use)', locators }),
	endpoint.list('list-project-api-keys', {
		action: 'Get many project API keys',
		description: 'List the API keys of a project',
		locators: inProject,
		filters: {
			owner_project_access: {
				options: specEnum('list-project-api-keys', 'query', 'owner_project_access').map((value) => ({
					name: capitalized(value),
					value,
					description: OWNER_ACCESS_DESCRIPTIONS[value],
				})),
				default: 'any',
				description:
					'Filter by whether the key owner still has access to the project. Without it, the API applies its membership-based visibility rules, which may leave out some enabled keys.',
			},
		},
	}),
	auditAllProjects,
	]);
