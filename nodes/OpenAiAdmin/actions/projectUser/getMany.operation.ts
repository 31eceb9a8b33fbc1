import { apiPath } from '../../transport/path';
import { listAll } from '../../transport/pagination';
import { listControls, projectLocator } from '../shared/fields';
import { readId, readListControls } from '../shared/parameters';
import type { Operation } from '../types';

export const getManyProjectUsers: Operation = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many project users',
	description: 'List the users of a project',
	properties: [projectLocator, ...listControls],
	async execute(itemIndex, api) {
		const projectId = readId(this, 'projectId', itemIndex, 'Project');
		return await listAll(
			api,
			apiPath`/organization/projects/${projectId}/users`,
			{},
			readListControls(this, itemIndex),
		);
	},
};
