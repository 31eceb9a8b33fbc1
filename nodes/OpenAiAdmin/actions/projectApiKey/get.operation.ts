import { apiPath } from '../../transport/path';
import { apiKeyLocator, projectLocator } from '../shared/fields';
import { readId } from '../shared/parameters';
import type { Operation } from '../types';

export const getApiKey: Operation = {
	value: 'get',
	name: 'Get',
	action: 'Get a project API key',
	description: 'Retrieve an API key of a project (its redacted value, owner and last use)',
	properties: [projectLocator, apiKeyLocator],
	async execute(itemIndex, api) {
		const projectId = readId(this, 'projectId', itemIndex, 'Project');
		const apiKeyId = readId(this, 'apiKeyId', itemIndex, 'API Key');
		return await api.request({
			method: 'GET',
			path: apiPath`/organization/projects/${projectId}/api_keys/${apiKeyId}`,
		});
	},
};
