import type { IDataObject } from 'n8n-workflow';

import { endpoint } from '../endpoint';
import { RESIDENCIES } from '../shared/enums';
import { collection, externalKeyIdField } from '../shared/fields';
import { checkOneOf, readCollection, readText } from '../shared/parameters';

/** A project with an optional residency, which must be one the spec knows. */
export const createProject = endpoint.post({
	value: 'create',
	name: 'Create',
	action: 'Create a project',
	description: 'Create a project in the organization',
	path: '/organization/projects',
	operationId: 'create-project',
	createsResource: true,
	fields: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Marketing chatbot',
			description: 'The friendly name of the project; it appears in reports',
		},
		collection('additionalFields', [
			externalKeyIdField,
			{
				displayName: 'Residency',
				name: 'residency',
				type: 'options',
				options: RESIDENCIES.map((value) => ({ name: value, value })),
				default: 'GLOBAL',
				description:
					'Data residency of the project. Your organization must have access to the residency you choose.',
			},
		]),
	],
	body(itemIndex) {
		const body: IDataObject = { name: readText(this, 'name', itemIndex, 'Name') };
		const { external_key_id: externalKeyId, residency } = readCollection(this, 'additionalFields', itemIndex);
		if (externalKeyId) body.external_key_id = externalKeyId;
		if (residency !== undefined) {
			body.residency = checkOneOf(this, residency, RESIDENCIES, itemIndex, 'Residency');
		}
		return body;
	},
});
