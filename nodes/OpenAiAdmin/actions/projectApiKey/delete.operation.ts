import { apiPath } from '../../transport/path';
import { apiKeyLocator, projectLocator } from '../shared/fields';
import { readId } from '../shared/parameters';
import type { Operation } from '../types';

export const deleteApiKey: Operation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a project API key',
	description: "Delete a user's API key from a project. A service account's key goes with its service account.",
	properties: [projectLocator, apiKeyLocator],
	async execute(itemIndex, api) {
		const projectId = readId(this, 'projectId', itemIndex, 'Project');
		const apiKeyId = readId(this, 'apiKeyId', itemIndex, 'API Key');
		return await api.request({
			method: 'DELETE',
			path: apiPath`/organization/projects/${projectId}/api_keys/${apiKeyId}`,
			deletedAnswer: { object: 'organization.project.api_key.deleted', id: apiKeyId, deleted: true },
		});
	},
};
