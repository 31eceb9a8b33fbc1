import { apiPath } from '../../transport/path';
import { projectLocator, serviceAccountLocator } from '../shared/fields';
import { readId } from '../shared/parameters';
import type { Operation } from '../types';

export const deleteServiceAccount: Operation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a service account',
	description: 'Delete a service account and its API keys from a project',
	properties: [projectLocator, serviceAccountLocator],
	async execute(itemIndex, api) {
		const projectId = readId(this, 'projectId', itemIndex, 'Project');
		const serviceAccountId = readId(this, 'serviceAccountId', itemIndex, 'Service Account');
		return await api.request({
			method: 'DELETE',
			path: apiPath`/organization/projects/${projectId}/service_accounts/${serviceAccountId}`,
			deletedAnswer: { object: 'organization.project.service_account.deleted', id: serviceAccountId, deleted: true },
		});
	},
};
