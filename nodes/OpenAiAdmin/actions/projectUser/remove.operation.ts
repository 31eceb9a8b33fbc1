import { apiPath } from '../../transport/path';
import { projectLocator, projectUserLocator } from '../shared/fields';
import { readId } from '../shared/parameters';
import type { Operation } from '../types';

export const removeProjectUser: Operation = {
	value: 'remove',
	name: 'Remove',
	action: 'Remove a user from a project',
	description: 'Remove a user from a project; they stay a member of the organization',
	properties: [projectLocator, projectUserLocator],
	async execute(itemIndex, api) {
		const projectId = readId(this, 'projectId', itemIndex, 'Project');
		const userId = readId(this, 'userId', itemIndex, 'User');
		return await api.request({
			method: 'DELETE',
			path: apiPath`/organization/projects/${projectId}/users/${userId}`,
			deletedAnswer: { object: 'organization.project.user.deleted', id: userId, deleted: true },
		});
	},
};
