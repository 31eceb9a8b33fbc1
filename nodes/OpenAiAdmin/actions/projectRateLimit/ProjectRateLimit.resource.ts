import type { Resource } from '../types';
import { getManyRateLimits } from './getMany.operation';
import { updateRateLimit } from './update.operation';

export const projectRateLimit: Resource = {
	value: 'projectRateLimit',
	name: 'Project Rate Limit',
	description: 'Per-model rate limits of a project',
	defaultOperation: 'getMany',
	operations: [getManyRateLimits, updateRateLimit],
};
