import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { OPENAI_API_BASE_URL, resolveBaseUrl } from './baseUrl';

/** What the credential test says when the Base URL answers with a redirect, which it does not follow. */
const REDIRECT_MESSAGE = `The Base URL answered with a redirect. The admin key is not sent to wherever a redirect points: set the Base URL to the address the API answers at, such as ${OPENAI_API_BASE_URL}.`;

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
			displayName: 'Allow Unencrypted HTTP',
			name: 'allowUnencryptedHttp',
			type: 'boolean',
			default: false,
			description:
				'Whether to accept a Base URL that starts with http:// on another machine. The admin key then travels unencrypted: anyone on the way can read it and administer the organization. http:// to this machine (localhost, 127.0.0.1, ::1) is always accepted.',
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

	/**
	 * A function rather than n8n's generic block, which cannot refuse: every request made with the
	 * key, the credential test's included, goes to the Base URL as resolveBaseUrl reads it, and none
	 * is sent where the key would travel unencrypted. The node's requests carry full URLs built from
	 * the same function; the credential test's path is relative to the `baseURL` set here.
	 */
	// n8n awaits it; the promise turns a refusal (resolveBaseUrl throws) into a rejection.
	authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return new Promise((resolve) => {
			const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
			resolve({
				...requestOptions,
				baseURL: resolveBaseUrl(credentials),
				headers: { ...requestOptions.headers, Authorization: `Bearer ${apiKey}` },
			});
		});
	}

	test: ICredentialTestRequest = {
		request: {
			url: '/organization/projects',
			qs: { limit: 1 },
			// n8n follows redirects with the Authorization header on, to any host.
			disableFollowRedirect: true,
		},
		rules: [
			...[301, 302, 303, 307, 308].map((value) => ({
				type: 'responseCode' as const,
				properties: { value, message: REDIRECT_MESSAGE },
			})),
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
