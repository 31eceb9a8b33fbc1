import { apiPath } from '../../transport/path';
import { projectLocator } from '../shared/fields';
import { readId } from '../shared/parameters';
import type { Operation } from '../types';

export const getProject: Operation = {
	value: 'get',
	name: 'Get',
	action: 'Get a project',
	description: 'Retrieve a project',
	properties: [projectLocator],
	async execute(itemIndex, api) {
		const projectId = readId(this, 'projectId', itemIndex, 'Project');
		return await api.request({ method: 'GET', path: apiPath`/organization/projects/${projectId}` });
	},
};
