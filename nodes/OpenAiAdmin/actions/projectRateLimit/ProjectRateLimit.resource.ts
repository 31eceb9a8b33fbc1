import { endpoint } from '../endpoint';
import { projectLocator } from '../shared/fields';
import type { Resource } from '../types';
import { updateRateLimit } from './update.operation';

export const projectRateLimit: Resource = {
	value: 'projectRateLimit',
	name: 'Project Rate Limit',
	description: 'Per-model rate limits of a project',
	defaultOperation: 'getMany',
	operations: [
		endpoint.list({
			action: 'Get many project rate limits',
			description: 'List the per-model rate limits of a project',
			path: '/organization/projects/{project_id}/rate_limits',
			operationId: 'list-project-rate-limits',
			locators: { project_id: projectLocator },
		}),
		updateRateLimit,
	],
};
