import type { IDataObject } from 'n8n-workflow';

import { endpoint } from '../endpoint';
import { collection, projectLocator } from '../shared/fields';
import { readCollection, readText } from '../shared/parameters';

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
		{
			displayName:
				'The output holds the new API key in <code>api_key.value</code>. OpenAI shows it only this once: store it (for example in a credential or a vault) in a later node.',
			name: 'oneTimeKeyNotice',
			type: 'notice',
			default: '',
		},
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
	hints: [
		{
			message:
				'The new service account key is in <code>api_key.value</code>. OpenAI shows it only this once, and it is also kept in this execution\'s saved data: store it in a later node, and consider not saving successful executions of this workflow.',
			type: 'warning',
		},
	],
	body(itemIndex) {
		const body: IDataObject = { name: readText(this, 'name', itemIndex, 'Name') };
		const { create_service_account_only: accountOnly } = readCollection(this, 'additionalFields', itemIndex);
		if (accountOnly === true) body.create_service_account_only = true;
		return body;
	},
});
