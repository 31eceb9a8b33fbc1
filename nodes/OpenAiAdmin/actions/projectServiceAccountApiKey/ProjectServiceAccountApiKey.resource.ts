import { endpoint } from '../endpoint';
import { projectLocator, serviceAccountLocator } from '../shared/fields';
import { oneTimeKey } from '../shared/oneTimeKey';
import { resource } from '../resource';

const key = oneTimeKey('value', 'service account key');

export const projectServiceAccountApiKey = resource({ value: 'projectServiceAccountApiKey', name: 'Project Service Account API Key', description: 'New API keys for an existing service account (shown once)', defaultOperation: 'create' }, [
	endpoint.create('CreateanAPIkeyforaserviceaccount', {
		action: 'Create a service account API key',
		description: 'Create another API key for a service account of a project, for example to rotate its key',
		locators: { project_id: projectLocator, service_account_id: serviceAccountLocator },
		fields: {
			name: { placeholder: 'e.g. Rotated 2026-01', description: 'The name of the key' },
			scopes: {
				typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Scope' },
				placeholder: 'e.g. api.model.read',
				description: "The scopes of the key; without them it has the service account's permissions",
			},
		},
		properties: key.fields,
		hints: [key.hint],
		oneTimeKeyAt: key.at,
	}),
	]);
