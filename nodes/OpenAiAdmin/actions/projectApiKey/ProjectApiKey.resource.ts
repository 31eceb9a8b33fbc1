import type { Resource } from '../types';
import { deleteApiKey } from './delete.operation';
import { getApiKey } from './get.operation';
import { getManyApiKeys } from './getMany.operation';

export const projectApiKey: Resource = {
	value: 'projectApiKey',
	name: 'Project API Key',
	description: 'API keys of a project, as admins see them (redacted)',
	defaultOperation: 'getMany',
	operations: [deleteApiKey, getApiKey, getManyApiKeys],
};
