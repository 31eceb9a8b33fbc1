import { apiPath } from '../../transport/path';
import { listAll } from '../../transport/pagination';
import { listControls, projectLocator } from '../shared/fields';
import { readId, readListControls } from '../shared/parameters';
import type { Operation } from '../types';

export const getManyRateLimits: Operation = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many project rate limits',
	description: 'List the per-model rate limits of a project',
	properties: [projectLocator, ...listControls],
	async execute(itemIndex, api) {
		const projectId = readId(this, 'projectId', itemIndex, 'Project');
		return await listAll(
			api,
			apiPath`/organization/projects/${projectId}/rate_limits`,
			{},
			readListControls(this, itemIndex),
		);
	},
};
