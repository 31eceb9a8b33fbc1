import type { IDataObject } from 'n8n-workflow';

import { endpoint } from '../endpoint';
import { collection, projectLocator } from '../shared/fields';
import { oneTimeKey } from '../shared/oneTimeKey';
import { readCollection, readText } from '../shared/parameters';

const { notice, hint } = oneTimeKey('api_key.value', 'service account key');

/** Its answer holds the account's API key, unredacted, once: the form and the output pane say so. */
export const createServiceAccount = endpoint.post({
	value: 'create',
	name: 'Create',
	action: 'Create a service account',
	description: 'Create a service account in a project, with an API key unless told otherwise',
	path: '/organization/projects/{project_id}/service_accounts',
	operationId: 'create-project-service-account',
	createsResource: true,
	locators: { project_id: projectLocator },
	fields: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Production app',
			description: 'The name of the service account',
		},
		notice,
		collection('additionalFields', [
			{
				displayName: 'Create Service Account Only',
				name: 'create_service_account_only',
				type: 'boolean',
				default: false,
				description:
					'Whether to create the service account without an API key and without default roles (its role is then "none")',
			},
		]),
	],
	hints: [hint],
	body(itemIndex) {
		const body: IDataObject = { name: readText(this, 'name', itemIndex, 'Name') };
		const { create_service_account_only: accountOnly } = readCollection(this, 'additionalFields', itemIndex);
		if (accountOnly === true) body.create_service_account_only = true;
		return body;
	},
});
