import { apiPath } from '../../transport/path';
import { projectLocator, projectUserLocator } from '../shared/fields';
import { readId } from '../shared/parameters';
import type { Operation } from '../types';

export const getProjectUser: Operation = {
	value: 'get',
	name: 'Get',
	action: 'Get a project user',
	description: 'Retrieve a user of a project',
	properties: [projectLocator, projectUserLocator],
	async execute(itemIndex, api) {
		const projectId = readId(this, 'projectId', itemIndex, 'Project');
		const userId = readId(this, 'userId', itemIndex, 'User');
		return await api.request({
			method: 'GET',
			path: apiPath`/organization/projects/${projectId}/users/${userId}`,
		});
	},
};
