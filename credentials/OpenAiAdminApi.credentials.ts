import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** The public Administration API; the credential's Base URL changes it only for a proxy or the sandbox. */
export const OPENAI_API_BASE_URL = 'https://api.openai.com/v1';

export class OpenAiAdminApi implements ICredentialType {
	name = 'openAiAdminApi';

	displayName = 'OpenAI Admin API';

	icon: Icon = { light: 'file:../icons/openai-admin.svg', dark: 'file:../icons/openai-admin.dark.svg' };

	documentationUrl = 'https://platform.openai.com/docs/api-reference/administration';

	properties: INodeProperties[] = [
		{
			displayName: 'Admin API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'sk-admin-...',
			hint: 'An organization admin key (sk-admin-…) from Settings → Organization → Admin keys. A project or user API key (sk-proj-…) is refused by the Administration API.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: OPENAI_API_BASE_URL,
			description:
				'Change only to go through a proxy or to use the local sandbox that ships with this package',
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			placeholder: 'org-...',
			description:
				'Sent as the OpenAI-Organization header. Leave empty: an admin key already belongs to one organization.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/organization/projects',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The key was refused. Use an organization admin key (sk-admin-…) from Settings → Organization → Admin keys.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'This key may not administer the organization. A project or user key (sk-proj-…) cannot call the Administration API: use an admin key (sk-admin-…).',
				},
			},
		],
	};
}
