import type { IDataObject } from 'n8n-workflow';

import { apiPath } from '../../transport/path';
import { collection, projectLocator } from '../shared/fields';
import { readCollection, readId, readText } from '../shared/parameters';
import type { Operation } from '../types';

export const createServiceAccount: Operation = {
	value: 'create',
	name: 'Create',
	action: 'Create a service account',
	description: 'Create a service account in a project, with an API key unless told otherwise',
	properties: [
		projectLocator,
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
	async execute(itemIndex, api) {
		const projectId = readId(this, 'projectId', itemIndex, 'Project');
		const body: IDataObject = { name: readText(this, 'name', itemIndex, 'Name') };
		const { create_service_account_only: accountOnly } = readCollection(this, 'additionalFields', itemIndex);
		if (accountOnly === true) body.create_service_account_only = true;
		return await api.request({
			method: 'POST',
			path: apiPath`/organization/projects/${projectId}/service_accounts`,
			body,
			createsResource: true,
		});
	},
};
