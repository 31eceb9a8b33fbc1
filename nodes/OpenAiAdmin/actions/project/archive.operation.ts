import { apiPath } from '../../transport/path';
import { projectLocator } from '../shared/fields';
import { readId } from '../shared/parameters';
import type { Operation } from '../types';

export const archiveProject: Operation = {
	value: 'archive',
	name: 'Archive',
	action: 'Archive a project',
	description: 'Archive a project. Archived projects cannot be used or updated; projects cannot be deleted.',
	properties: [projectLocator],
	async execute(itemIndex, api) {
		const projectId = readId(this, 'projectId', itemIndex, 'Project');
		return await api.request({ method: 'POST', path: apiPath`/organization/projects/${projectId}/archive` });
	},
};
