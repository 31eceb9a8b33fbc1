/**
 * The credential's own test request, sent the way n8n's credential dialog sends it: as the single
 * routed request of a declarative node, run by n8n-core, with the credential's `authenticate`
 * applied. A refused request is mapped to the credential's rule message as the dialog does.
 */
import axios from 'axios';
import type { ICredentialDataDecryptedObject, INodeType } from 'n8n-workflow';

import { OpenAiAdminApi } from '../../credentials/OpenAiAdminApi.credentials';
import { errorOf, N8nEngine } from '../../engine';
import type { LocalServer } from '../helpers/httpServer';
import { startServer } from '../helpers/httpServer';
import { useSandbox } from '../helpers/sandbox';

const credential = new OpenAiAdminApi();

const credentialTestNode: INodeType = {
	description: {
		displayName: 'Credential test',
		name: 'credentialTest',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'Credential test' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: credential.name, required: true }],
		properties: [
			{
				displayName: 'Temp',
				name: 'temp',
				type: 'string',
				default: '',
				routing: { request: credential.test.request },
			},
		],
	},
};

const engine = new N8nEngine({
	nodes: { 'test.credentialTest': credentialTestNode },
	credentials: { [credential.name]: credential },
});

async function testCredential(data: ICredentialDataDecryptedObject): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const run = await engine.run(
		{
			nodes: [
				{
					id: 'credential-test',
					name: 'Credential test',
					type: 'test.credentialTest',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
					credentials: { [credential.name]: { id: '1', name: 'test' } },
				},
			],
			connections: {},
		},
		{ credentials: { [credential.name]: data } },
	);
	const error = errorOf(run) as (Error & { httpCode?: string }) | undefined;
	if (!error) return { status: 'OK', message: 'Connection tested successfully' };
	const rule = credential.test.rules?.find(
		(candidate) => candidate.type === 'responseCode' && String(candidate.properties.value) === error.httpCode,
	);
	return { status: 'Error', message: rule ? String(rule.properties.message) : error.message };
}

describe('OpenAI Admin API credential', () => {
	const sandbox = useSandbox();

	it('passes its test with the admin key, asking for one project with the Bearer header', async () => {
		const result = await testCredential({ apiKey: sandbox().adminKey, baseUrl: sandbox().baseUrl });

		expect(result.status).toBe('OK');
		expect(sandbox().requests).toHaveLength(1);
		expect(sandbox().requests[0]).toEqual(
			expect.objectContaining({ method: 'GET', path: '/organization/projects', query: { limit: '1' } }),
		);
		expect(sandbox().requests[0].headers.authorization).toBe(`Bearer ${sandbox().adminKey}`);
	});

	it('tolerates a trailing slash on the base URL', async () => {
		const result = await testCredential({ apiKey: sandbox().adminKey, baseUrl: `${sandbox().baseUrl}/` });
		expect(result.status).toBe('OK');
		expect(sandbox().requests[0].path).toBe('/organization/projects');
	});

	it('says why a wrong key fails', async () => {
		const result = await testCredential({ apiKey: 'sk-admin-wrong', baseUrl: sandbox().baseUrl });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/admin key \(sk-admin-…\)/) });
	});

	it('says why a project key fails', async () => {
		const result = await testCredential({
			apiKey: 'sk-proj-0123456789abcdefghijklmnopqrstuvwxyz',
			baseUrl: sandbox().baseUrl,
		});
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/project or user key \(sk-proj-…\)/) });
	});

	it('uses the public API by default', () => {
		expect(credential.properties.find((property) => property.name === 'baseUrl')?.default).toBe(
			'https://api.openai.com/v1',
		);
	});

	it('tests the public API when the Base URL is empty, as the node uses it', async () => {
		// Stops n8n's request at the socket: the test must not reach api.openai.com.
		const requested: string[] = [];
		const adapter = axios.defaults.adapter;
		axios.defaults.adapter = async (config) => {
			requested.push(axios.getUri(config));
			return { status: 200, statusText: 'OK', headers: {}, config, data: { object: 'list', data: [], has_more: false } };
		};
		try {
			const result = await testCredential({ apiKey: 'sk-admin-default', baseUrl: '' });
			expect(result.status).toBe('OK');
		} finally {
			axios.defaults.adapter = adapter;
		}
		expect(requested).toEqual(['https://api.openai.com/v1/organization/projects?limit=1']);
	});

	describe('where the key may go', () => {
		let elsewhere: LocalServer;
		beforeEach(async () => {
			elsewhere = await startServer(() => ({ object: 'list', data: [], has_more: false }));
		});
		afterEach(() => elsewhere.close());

		/** The sandbox at an address that is not loopback, which Linux still delivers to this machine. */
		const notLoopback = () => sandbox().baseUrl.replace('127.0.0.1', '0.0.0.0');

		it('refuses a plain http Base URL on another machine, sending nothing', async () => {
			const result = await testCredential({ apiKey: sandbox().adminKey, baseUrl: notLoopback() });
			expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^The Base URL .* is plain http:\/\/ to 0\.0\.0\.0:\d+: the admin key would travel unencrypted$/) });
			expect(sandbox().requests).toEqual([]);
		});

		it('tests a plain http Base URL on another machine when Allow Unencrypted HTTP is on', async () => {
			const result = await testCredential({ apiKey: sandbox().adminKey, baseUrl: notLoopback(), allowUnencryptedHttp: true });
			expect(result.status).toBe('OK');
			expect(sandbox().requests).toHaveLength(1);
			expect(sandbox().requests[0].headers.authorization).toBe(`Bearer ${sandbox().adminKey}`);
		});

		it.each([301, 302, 307, 308])('does not follow a %i: the key never reaches the other server', async (status) => {
			sandbox().addFault({ kind: 'redirect', status, location: `${elsewhere.baseUrl}/v1` });
			const result = await testCredential({ apiKey: sandbox().adminKey, baseUrl: sandbox().baseUrl });
			expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^The Base URL answered with a redirect\. The admin key is not sent/) });
			expect(sandbox().requests).toHaveLength(1);
			expect(elsewhere.requests).toEqual([]);
		});
	});
});
