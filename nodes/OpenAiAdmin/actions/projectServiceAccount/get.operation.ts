import { apiPath } from '../../transport/path';
import { projectLocator, serviceAccountLocator } from '../shared/fields';
import { readId } from '../shared/parameters';
import type { Operation } from '../types';

export const getServiceAccount: Operation = {
	value: 'get',
	name: 'Get',
	action: 'Get a service account',
	description: 'Retrieve a service account of a project',
	properties: [projectLocator, serviceAccountLocator],
	async execute(itemIndex, api) {
		const projectId = readId(this, 'projectId', itemIndex, 'Project');
		const serviceAccountId = readId(this, 'serviceAccountId', itemIndex, 'Service Account');
		return await api.request({
			method: 'GET',
			path: apiPath`/organization/projects/${projectId}/service_accounts/${serviceAccountId}`,
		});
	},
};
