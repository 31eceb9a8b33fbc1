import type { IDataObject } from 'n8n-workflow';

import { endpoint } from '../endpoint';
import { PROJECT_ROLES } from '../shared/enums';
import { collection, projectLocator, roleOptions, serviceAccountLocator } from '../shared/fields';
import { checkOneOf, readCollection, requireChanges } from '../shared/parameters';

/** Only the fields given are sent (a role only from the spec's), and at least one must be. */
export const updateServiceAccount = endpoint.post({
	action: 'Update a service account',
	description: 'Rename a service account or change its role in the project',
	path: '/organization/projects/{project_id}/service_accounts/{service_account_id}',
	operationId: 'update-project-service-account',
	createsResource: false,
	locators: { project_id: projectLocator, service_account_id: serviceAccountLocator },
	fields: [
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
				options: roleOptions,
				default: 'member',
				description: 'The new role of the service account in the project',
			},
		]),
	],
	body(itemIndex) {
		const updates = readCollection(this, 'updateFields', itemIndex);
		const body: IDataObject = {};
		if (typeof updates.name === 'string' && updates.name !== '') body.name = updates.name;
		if (updates.role !== undefined) {
			body.role = checkOneOf(this, updates.role, PROJECT_ROLES, itemIndex, 'Role');
		}
		return requireChanges(this, itemIndex, body, 'field');
	},
});
