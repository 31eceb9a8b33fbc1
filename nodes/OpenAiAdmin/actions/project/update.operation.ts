import { endpoint } from '../endpoint';
import { collection, externalKeyIdField, projectLocator } from '../shared/fields';
import { readCollection, requireChanges } from '../shared/parameters';

/** Only the fields given are sent, and at least one must be. */
export const updateProject = endpoint.post({
	action: 'Update a project',
	description: 'Rename a project or change its external key. The default project and archived projects cannot be changed.',
	path: '/organization/projects/{project_id}',
	operationId: 'modify-project',
	createsResource: false,
	locators: { project_id: projectLocator },
	fields: [
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
	body(itemIndex) {
		const updates = readCollection(this, 'updateFields', itemIndex);
		const body = Object.fromEntries(
			['name', 'external_key_id']
				.filter((field) => typeof updates[field] === 'string' && updates[field] !== '')
				.map((field) => [field, updates[field]]),
		);
		return requireChanges(this, itemIndex, body, 'field');
	},
});
