import type { IDataObject } from 'n8n-workflow';

import { apiPath } from '../../transport/path';
import { collection, PROJECT_ROLES, projectLocator, serviceAccountLocator } from '../shared/fields';
import { checkOneOf, invalidInput, readCollection, readId } from '../shared/parameters';
import type { Operation } from '../types';

export const updateServiceAccount: Operation = {
	value: 'update',
	name: 'Update',
	action: 'Update a service account',
	description: 'Rename a service account or change its role in the project',
	properties: [
		projectLocator,
		serviceAccountLocator,
		collection('updateFields', [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The new name of the service account',
			},
			{
				displayName: 'Role',
				name: 'role',
				type: 'options',
				options: [
					{ name: 'Member', value: 'member' },
					{ name: 'Owner', value: 'owner' },
				],
				default: 'member',
				description: 'The new role of the service account in the project',
			},
		]),
	],
	async execute(itemIndex, api) {
		const projectId = readId(this, 'projectId', itemIndex, 'Project');
		const serviceAccountId = readId(this, 'serviceAccountId', itemIndex, 'Service Account');
		const updates = readCollection(this, 'updateFields', itemIndex);
		const body: IDataObject = {};
		if (typeof updates.name === 'string' && updates.name !== '') body.name = updates.name;
		if (updates.role !== undefined) {
			body.role = checkOneOf(this, updates.role, PROJECT_ROLES, itemIndex, 'Role');
		}
		if (Object.keys(body).length === 0) {
			throw invalidInput(this, itemIndex, 'Update Fields', 'add at least one field to change');
		}
		return await api.request({
			method: 'POST',
			path: apiPath`/organization/projects/${projectId}/service_accounts/${serviceAccountId}`,
			body,
		});
	},
};
