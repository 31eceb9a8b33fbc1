/**
 * The credential in a real n8n, on both lines, with the package installed as a user installs it:
 * the editor's connection test (`POST /rest/credentials/test`) passes against the sandbox, refuses a
 * plain http Base URL on another machine unless the credential allows it, and follows no redirect;
 * a workflow run by `n8n execute` follows none either. A second local server stands for wherever a
 * redirect points and must hear nothing.
 */
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import type { LocalServer } from '../helpers/httpServer';
import { startServer } from '../helpers/httpServer';
import { loadCommunityPackage } from './community-package';
import { executeWorkflow, N8nExecutionError } from './n8n-execute';
import { createN8nHome, importCredentials, importWorkflow, removeN8nHome, type N8nHome } from './n8n-home';
import { E2E_LINES } from './n8n-install';
import { setupOwner, type N8nOwner } from './n8n-requests';
import { startN8n, type N8nServer } from './n8n-server';
import { REPO_ROOT } from './processes';
import { useN8nLines } from './setup';

const CREDENTIAL = { id: 'openAiAdminE2e01', name: 'OpenAI Admin (sandbox)', type: 'openAiAdminApi' };

const { installOf } = useN8nLines();

describe.each(E2E_LINES)('n8n line %i', (line) => {
	let sandbox: Sandbox;
	let elsewhere: LocalServer;
	let home: N8nHome;

	beforeAll(async () => {
		sandbox = await startSandbox({ quiet: true, projects: 1 });
		elsewhere = await startServer(() => ({ object: 'list', data: [], has_more: false }));
		home = createN8nHome(await installOf(line));
		await loadCommunityPackage(home, REPO_ROOT);
		await importCredentials(home, { ...CREDENTIAL, data: { apiKey: sandbox.adminKey, baseUrl: sandbox.baseUrl } });
	}, 10 * 60 * 1000);

	afterAll(async () => {
		await elsewhere?.close();
		await sandbox?.close();
		if (home) removeN8nHome(home);
	});

	beforeEach(() => {
		sandbox.clearFaults();
		sandbox.resetLog();
		elsewhere.requests.length = 0;
	});

	/** The sandbox at an address that is not loopback, which Linux still delivers to this machine. */
	const notLoopback = () => sandbox.baseUrl.replace('127.0.0.1', '0.0.0.0');

	test('a workflow step (n8n execute) follows no redirect, and names where it pointed', async () => {
		sandbox.addFault({ kind: 'redirect', status: 308, location: `${elsewhere.baseUrl}/v1` });
		const workflowId = await importWorkflow(home, {
			name: 'Redirected',
			nodes: [
				{ id: 'trigger', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: 'admin',
					name: 'List projects',
					type: 'n8n-nodes-openai-admin.openAiAdmin',
					typeVersion: 1,
					position: [200, 0],
					parameters: { resource: 'project', operation: 'getMany', returnAll: true },
					credentials: { openAiAdminApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
				},
			],
			connections: { Start: { main: [[{ node: 'List projects', type: 'main', index: 0 }]] } },
		});
		const failure = await executeWorkflow(home, workflowId).then(
			() => undefined,
			(error: unknown) => error,
		);
		expect(failure).toBeInstanceOf(N8nExecutionError);
		const output = (failure as N8nExecutionError).message;
		expect(output).toContain(`The API answered with a redirect to ${elsewhere.baseUrl} (HTTP 308), which the node does not follow`);
		expect(output).not.toContain(sandbox.adminKey);
		expect(sandbox.requests).toHaveLength(1);
		expect(elsewhere.requests).toEqual([]);
	});

	describe('the connection test of the credential dialog (n8n start)', () => {
		let server: N8nServer;
		let owner: N8nOwner;
		beforeAll(async () => {
			server = await startN8n(home);
			owner = await setupOwner(server);
		}, 5 * 60 * 1000);
		afterAll(async () => {
			await server?.stop();
		});

		/** What `POST /rest/credentials/test` answers for the credential with these data, as the dialog sends them. */
		async function testCredential(data: Record<string, unknown>): Promise<{ status: string; message: string }> {
			const res = await fetch(`${server.baseUrl}/rest/credentials/test`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie: `n8n-auth=${owner.authCookie}` },
				body: JSON.stringify({ credentials: { ...CREDENTIAL, data } }),
			});
			if (res.status !== 200) throw new Error(`${res.status}: ${await res.text()}`);
			return ((await res.json()) as { data: { status: string; message: string } }).data;
		}

		test('passes against the sandbox', async () => {
			expect(await testCredential({ apiKey: sandbox.adminKey, baseUrl: sandbox.baseUrl })).toEqual({ status: 'OK', message: expect.any(String) });
			expect(sandbox.requests.map((request) => [request.path, request.headers.authorization])).toEqual([
				['/organization/projects', `Bearer ${sandbox.adminKey}`],
			]);
		});

		test('refuses plain http to another machine, sending nothing, unless the credential allows it', async () => {
			expect(await testCredential({ apiKey: sandbox.adminKey, baseUrl: notLoopback() })).toEqual({
				status: 'Error',
				message: expect.stringMatching(/^The Base URL of the OpenAI Admin API credential is plain http:\/\/ to 0\.0\.0\.0:\d+: the admin key would travel unencrypted$/),
			});
			expect(sandbox.requests).toEqual([]);
			expect(await testCredential({ apiKey: sandbox.adminKey, baseUrl: notLoopback(), allowUnencryptedHttp: true })).toEqual({
				status: 'OK',
				message: expect.any(String),
			});
			expect(sandbox.requests).toHaveLength(1);
		});

		test('follows no redirect', async () => {
			sandbox.addFault({ kind: 'redirect', status: 307, location: `${elsewhere.baseUrl}/v1` });
			const answer = await testCredential({ apiKey: sandbox.adminKey, baseUrl: sandbox.baseUrl });
			// n8n 1.x drops a credential test's message for an HTTP error (as for a 401 or 403) and shows its own.
			const message = line === 1 ? 'Request failed with status code 307' : expect.stringMatching(/^The Base URL answered with a redirect\./);
			expect(answer).toEqual({ status: 'Error', message });
			expect(sandbox.requests).toHaveLength(1);
			expect(elsewhere.requests).toEqual([]);
		});
	});
});
