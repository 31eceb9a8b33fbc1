import { endpoint } from '../endpoint';
import { projectLocator, projectRoleField, projectUserLocator } from '../shared/fields';
import type { Resource } from '../types';
import { addProjectUser } from './add.operation';

const locators = { project_id: projectLocator, user_id: projectUserLocator };

export const projectUser: Resource = {
	value: 'projectUser',
	name: 'Project User',
	description: 'People who are members of a project',
	defaultOperation: 'getMany',
	operations: [
		addProjectUser,
		endpoint.get({
			action: 'Get a project user',
			description: 'Retrieve a user of a project',
			path: '/organization/projects/{project_id}/users/{user_id}',
			operationId: 'retrieve-project-user',
			locators,
		}),
		endpoint.list({
			action: 'Get many project users',
			description: 'List the users of a project',
			path: '/organization/projects/{project_id}/users',
			operationId: 'list-project-users',
			locators: { project_id: projectLocator },
		}),
		endpoint.delete({
			value: 'remove',
			name: 'Remove',
			action: 'Remove a user from a project',
			description: 'Remove a user from a project; they stay a member of the organization',
			path: '/organization/projects/{project_id}/users/{user_id}',
			operationId: 'delete-project-user',
			locators,
			deletes: 'organization.project.user',
		}),
		endpoint.post({
			action: 'Change a project user role',
			description: "Change a user's role in a project",
			path: '/organization/projects/{project_id}/users/{user_id}',
			operationId: 'modify-project-user',
			createsResource: false,
			locators,
			fields: [projectRoleField('The new role of the user in the project')],
		}),
	],
};
