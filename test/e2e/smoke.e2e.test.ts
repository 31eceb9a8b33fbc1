/**
 * Smoke test of the e2e machinery on both n8n lines (1.x on Node 20, 2.x on Node 24):
 *  - a workflow of built-in nodes (Manual Trigger -> Set -> Code) runs with `n8n execute`;
 *  - a throwaway community package (node + credential), generated in a temp dir, is installed into
 *    n8n's nodes folder like a user install, and its node runs with an imported credential;
 *  - the same package also loads through N8N_CUSTOM_EXTENSIONS (node type CUSTOM.*);
 *  - a failing node makes executeWorkflow throw with n8n's error;
 *  - with `n8n start`, a Webhook workflow answers the POST with its last node's output, and a Form
 *    Trigger workflow renders its form and runs on submission.
 * Select lines with N8N_E2E_LINES=1 or =2 (default both).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadCommunityPackage } from './community-package';
import { executeWorkflow, nodeOutput } from './n8n-execute';
import { waitForExecutions } from './n8n-executions';
import { createN8nHome, importCredentials, importWorkflows, removeN8nHome, type N8nHome } from './n8n-home';
import { E2E_LINES, type N8nInstall } from './n8n-install';
import { callWebhook, openForm, submitForm } from './n8n-requests';
import { useN8nLines, useStartedN8n } from './setup';
import { createProbePackage, PROBE_PACKAGE_NAME } from './probe-package';

const LINES = E2E_LINES;
const EXPECTED = { 1: { n8n: /^1\./, node: /^v20\./ }, 2: { n8n: /^2\./, node: /^v24\./ } } as const;

// Both lines install in parallel, once, before any test runs; the probe package needs no build.
const { installOf } = useN8nLines({ build: false });

/** Tiny HTTP server standing in for a remote API: records requests, echoes path and auth header. */
interface EchoServer {
	url: string;
	requests: Array<{ url: string; authorization?: string }>;
	close(): Promise<void>;
}
async function startEchoServer(): Promise<EchoServer> {
	const requests: EchoServer['requests'] = [];
	const server = http.createServer((req, res) => {
		requests.push({ url: req.url ?? '', authorization: req.headers.authorization });
		res.setHeader('content-type', 'application/json');
		res.end(JSON.stringify({ path: req.url, authorization: req.headers.authorization }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

const CRED = { id: 'e2eProbeCred0001', name: 'Probe credential' };

function manualWorkflow(name: string, nodes: Array<Record<string, unknown>>) {
	const all = [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		...nodes,
	];
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name as string] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes: all, connections };
}

const setNode = {
	id: 'set',
	name: 'Set',
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	position: [200, 0],
	parameters: {
		assignments: {
			assignments: [
				{ id: 'a1', name: 'greeting', value: 'hello', type: 'string' },
				{ id: 'a2', name: 'n', value: '={{ 40 + 2 }}', type: 'number' },
			],
		},
		options: {},
	},
};

function probeNode(typePrefix: string, parameters: Record<string, unknown>, name = 'Probe') {
	return {
		id: name.toLowerCase(),
		name,
		type: `${typePrefix}.e2eProbe`,
		typeVersion: 1,
		position: [400, 0],
		parameters,
		credentials: { e2eProbeApi: CRED },
	};
}

describe.each(LINES)('n8n line %i', (line) => {
	let install: N8nInstall;
	let home: N8nHome;
	let echo: EchoServer;
	let probeDir: string;
	let ids: Record<'builtin' | 'probe' | 'fail' | 'webhook' | 'form', string>;

	beforeAll(async () => {
		install = await installOf(line);
		expect(install.version).toMatch(EXPECTED[line].n8n);
		echo = await startEchoServer();
		home = createN8nHome(install);
		probeDir = createProbePackage(home.root);
		const pkg = await loadCommunityPackage(home, probeDir);
		expect(pkg).toMatchObject({ name: PROBE_PACKAGE_NAME, nodeTypePrefix: PROBE_PACKAGE_NAME });
		await importCredentials(home, { ...CRED, type: 'e2eProbeApi', data: { baseUrl: echo.url, token: 's3cret' } });
		const p = PROBE_PACKAGE_NAME;
		const [builtin, probe, fail, webhook, form] = await importWorkflows(home, [
			manualWorkflow('e2e built-in nodes', [
				setNode,
				{
					id: 'code',
					name: 'Code',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					position: [400, 0],
					parameters: { jsCode: 'return $input.all().map((i) => ({ json: { ...i.json, doubled: i.json.n * 2 } }));' },
				},
			]),
			manualWorkflow('e2e community node', [setNode, probeNode(p, { greeting: '={{ $json.greeting + " probe" }}', callEcho: true })]),
			manualWorkflow('e2e failing node', [probeNode(p, { greeting: 'fail' })]),
			{
				name: 'e2e webhook',
				nodes: [
					{
						id: 'hook',
						name: 'Webhook',
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						position: [0, 0],
						webhookId: '6f1d8a52-0c6b-4d0e-9a59-4d1f1b2c3e01',
						parameters: { httpMethod: 'POST', path: 'e2e-smoke', responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
					},
					probeNode(p, { greeting: '={{ "hi " + $json.body.who }}', callEcho: true }),
				],
				connections: { Webhook: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } },
			},
			{
				name: 'e2e form',
				nodes: [
					{
						id: 'form',
						name: 'Form',
						type: 'n8n-nodes-base.formTrigger',
						typeVersion: 2.2,
						position: [0, 0],
						webhookId: '6f1d8a52-0c6b-4d0e-9a59-4d1f1b2c3e02',
						parameters: {
							formTitle: 'E2E onboarding',
							formFields: {
								values: [
									{ fieldLabel: 'Email', fieldType: 'email', requiredField: true },
									{ fieldLabel: 'Project', requiredField: true },
								],
							},
							responseMode: 'lastNode',
							options: { path: 'e2e-form' },
						},
					},
					probeNode(p, { greeting: '={{ $json.Email + " -> " + $json.Project }}', callEcho: true }),
				],
				connections: { Form: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } },
			},
		]);
		ids = { builtin, probe, fail, webhook, form };
	}, 35 * 60 * 1000);

	afterAll(async () => {
		await echo?.close();
		if (home) removeN8nHome(home);
	});

	test('runs a workflow of built-in nodes with n8n execute', async () => {
		const run = await executeWorkflow(home, ids.builtin);
		expect(run.status).toBe('success');
		expect(nodeOutput(run, 'Code')).toEqual([{ greeting: 'hello', n: 42, doubled: 84 }]);
	});

	test('loads a community package from the nodes folder and runs its node with a credential', async () => {
		const before = echo.requests.length;
		const run = await executeWorkflow(home, ids.probe);
		const [out] = nodeOutput(run, 'Probe');
		expect(out).toMatchObject({ greeting: 'hello', probe: 'hello probe', hasNodeOperationError: true });
		expect(out.nodeVersion).toMatch(EXPECTED[line].node);
		expect(out.echo).toEqual({ path: '/echo?greeting=hello%20probe', authorization: 'Bearer s3cret' });
		expect(echo.requests.slice(before)).toEqual([{ url: '/echo?greeting=hello%20probe', authorization: 'Bearer s3cret' }]);
	});

	test("a node's error makes executeWorkflow throw with n8n's message", async () => {
		await expect(executeWorkflow(home, ids.fail)).rejects.toThrow(/asked to fail/);
	});

	test('loads the same package through N8N_CUSTOM_EXTENSIONS as CUSTOM.* nodes', async () => {
		const other = createN8nHome(install);
		try {
			const pkg = await loadCommunityPackage(other, probeDir, { method: 'custom-extensions' });
			expect(pkg.nodeTypePrefix).toBe('CUSTOM');
			const [id] = await importWorkflows(other, [
				manualWorkflow('e2e custom extension', [{ ...probeNode('CUSTOM', { greeting: 'custom' }), credentials: undefined }]),
			]);
			const run = await executeWorkflow(other, id);
			expect(nodeOutput(run, 'Probe')).toEqual([expect.objectContaining({ probe: 'custom', hasNodeOperationError: true })]);
		} finally {
			removeN8nHome(other);
		}
	});

	describe('with n8n start', () => {
		const server = useStartedN8n(() => home, () => [ids.webhook, ids.form]);

		test('a Webhook workflow runs and answers with its last node', async () => {
			const res = await callWebhook(server(), 'e2e-smoke', { who: 'ann' });
			expect(res.status).toBe(200);
			expect(res.body).toMatchObject({
				body: { who: 'ann' },
				probe: 'hi ann',
				echo: { path: '/echo?greeting=hi%20ann', authorization: 'Bearer s3cret' },
			});
			expect((res.body as { nodeVersion: string }).nodeVersion).toMatch(EXPECTED[line].node);
		});

		test('a Form Trigger workflow renders its form and runs on submission', async () => {
			const page = await openForm(server(), 'e2e-form');
			expect(page.status).toBe(200);
			expect(page.text).toContain('E2E onboarding');
			const before = echo.requests.length;
			const res = await submitForm(server(), 'e2e-form', ['ann@example.com', 'proj_1']);
			expect(res.status).toBe(200);
			const greeting = 'ann%40example.com%20-%3E%20proj_1';
			expect(echo.requests.slice(before)).toEqual([{ url: `/echo?greeting=${greeting}`, authorization: 'Bearer s3cret' }]);
			const [execution] = await waitForExecutions(home, { workflowId: ids.form });
			expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
			expect(nodeOutput(execution.run!, 'Probe')).toEqual([
				expect.objectContaining({ Email: 'ann@example.com', Project: 'proj_1', probe: 'ann@example.com -> proj_1' }),
			]);
		});
	});
});

