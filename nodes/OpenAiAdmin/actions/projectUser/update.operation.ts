import { apiPath } from '../../transport/path';
import { PROJECT_ROLES, projectLocator, projectRoleField, projectUserLocator } from '../shared/fields';
import { checkOneOf, readId } from '../shared/parameters';
import type { Operation } from '../types';

export const updateProjectUser: Operation = {
	value: 'update',
	name: 'Update',
	action: 'Change a project user role',
	description: "Change a user's role in a project",
	properties: [projectLocator, projectUserLocator, projectRoleField('The new role of the user in the project')],
	async execute(itemIndex, api) {
		const projectId = readId(this, 'projectId', itemIndex, 'Project');
		const userId = readId(this, 'userId', itemIndex, 'User');
		const role = checkOneOf(this, this.getNodeParameter('role', itemIndex), PROJECT_ROLES, itemIndex, 'Role');
		return await api.request({
			method: 'POST',
			path: apiPath`/organization/projects/${projectId}/users/${userId}`,
			body: { role },
		});
	},
};
