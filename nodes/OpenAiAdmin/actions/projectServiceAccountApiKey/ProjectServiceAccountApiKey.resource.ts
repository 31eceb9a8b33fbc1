import type { IDataObject } from 'n8n-workflow';

import { endpoint } from '../endpoint';
import { collection, projectLocator, serviceAccountLocator } from '../shared/fields';
import { oneTimeKey } from '../shared/oneTimeKey';
import { readCollection } from '../shared/parameters';
import type { Resource } from '../types';

const { notice, hint } = oneTimeKey('value', 'service account key');

export const projectServiceAccountApiKey: Resource = {
	value: 'projectServiceAccountApiKey',
	name: 'Project Service Account API Key',
	description: 'New API keys for an existing service account (shown once)',
	defaultOperation: 'create',
	operations: [
		endpoint.post({
			value: 'create',
			name: 'Create',
			action: 'Create a service account API key',
			description: 'Create another API key for a service account of a project, for example to rotate its key',
			path: '/organization/projects/{project_id}/service_accounts/{service_account_id}/api_keys',
			operationId: 'CreateanAPIkeyforaserviceaccount',
			createsResource: true,
			locators: { project_id: projectLocator, service_account_id: serviceAccountLocator },
			fields: [
				notice,
				collection('additionalFields', [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. Rotated 2026-01',
						description: 'The name of the key',
					},
					{
						displayName: 'Scopes',
						name: 'scopes',
						type: 'string',
						typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Scope' },
						default: [],
						placeholder: 'e.g. api.model.read',
						description: 'The scopes of the key; without them it has the service account\'s permissions',
					},
				]),
			],
			hints: [hint],
			body(itemIndex) {
				const { name, scopes } = readCollection(this, 'additionalFields', itemIndex);
				const body: IDataObject = {};
				if (typeof name === 'string' && name.trim() !== '') body.name = name;
				if (Array.isArray(scopes) && scopes.length > 0) body.scopes = scopes.map(String);
				return body;
			},
		}),
	],
};
