import type { IDataObject } from 'n8n-workflow';

import { apiPath } from '../../transport/path';
import { collection, externalKeyIdField, projectLocator } from '../shared/fields';
import { invalidInput, readCollection, readId } from '../shared/parameters';
import type { Operation } from '../types';

export const updateProject: Operation = {
	value: 'update',
	name: 'Update',
	action: 'Update a project',
	description: 'Rename a project or change its external key. The default project and archived projects cannot be changed.',
	properties: [
		projectLocator,
		collection('updateFields', [
			externalKeyIdField,
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The new name of the project; it appears in reports',
			},
		]),
	],
	async execute(itemIndex, api) {
		const projectId = readId(this, 'projectId', itemIndex, 'Project');
		const updates = readCollection(this, 'updateFields', itemIndex);
		const body: IDataObject = {};
		for (const field of ['name', 'external_key_id']) {
			if (typeof updates[field] === 'string' && updates[field] !== '') body[field] = updates[field];
		}
		if (Object.keys(body).length === 0) {
			throw invalidInput(this, itemIndex, 'Update Fields', 'add at least one field to change');
		}
		return await api.request({
			method: 'POST',
			path: apiPath`/organization/projects/${projectId}`,
			body,
		});
	},
};
