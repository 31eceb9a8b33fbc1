/**
 * examples/project-access-sync.json, unchanged, in a real n8n on both lines (1.x on Node 20, 2.x on
 * Node 24) against the sandbox: the form is submitted to `n8n start` with a project; the workflow
 * plans, then waits on its approval form (n8n's Wait node, On Form Submitted), which shows the plan;
 * nothing has changed by then. Approved, Apply makes the changes: the project's members are the
 * list's (an invite for the one outside the organization, the unlisted member removed, the owner of
 * the admin key kept). A second run finds nothing to do: its approval makes only reads.
 * Select lines with N8N_E2E_LINES=1 or =2. N8N_E2E_SKIP_BUILD=1 packs the existing dist/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { startSandbox, type Project, type Sandbox } from '../../sandbox';
import type { OrganizationUser } from '../../sandbox/types';
import { nodeOutput } from './n8n-execute';
import { waitForExecutions } from './n8n-executions';
import type { N8nHome } from './n8n-home';
import { E2E_LINES } from './n8n-install';
import { waitForWebhook } from './n8n-requests';
import type { N8nServer } from './n8n-server';
import { useN8nLines } from './setup';
import { EXAMPLE_CREDENTIAL, EXAMPLES_DIR, readExample, serveExample, stopExample, type ServedExample } from './examples';

const EXAMPLE = 'project-access-sync.json';
const FORM_PATH = 'openai-project-access';
const NODE_TYPE = 'n8n-nodes-openai-admin.openAiAdmin';

type Node = { name: string; type: string; typeVersion: number; parameters: Record<string, unknown>; credentials?: unknown };
type Workflow = { name: string; nodes: Node[]; connections: Record<string, { main: Array<Array<{ node: string }>> }> };
const example = readExample<Workflow>(EXAMPLE);
const nodeNamed = (name: string) => example.nodes.find((node) => node.name === name)!;
/** The nodes each node's first output leads to. */
const next = (name: string, output = 0) => (example.connections[name]?.main[output] ?? []).map((target) => target.node);

describe('examples/project-access-sync.json', () => {
	it('is a list, then Plan, then an approval form, then Apply with the same list and policy, with only a credential reference', () => {
		const text = fs.readFileSync(path.join(EXAMPLES_DIR, EXAMPLE), 'utf8');
		expect(example.name).toMatch(/^OpenAI Admin: /);
		const names = example.nodes.map((node) => node.name);
		expect(new Set(names).size).toBe(names.length);
		expect(next('Sync form')).toEqual(['Team list']);
		expect(next('Team list')).toEqual(['Members']);
		expect(next('Members')).toEqual(['Plan']);
		expect(next('Plan')).toEqual(['Approve the plan']);
		expect(next('Approve the plan')).toEqual(['Approved?']);
		expect(next('Approved?')).toEqual(['Approved team list']);
		expect(next('Approved?', 1)).toEqual([]);
		expect(next('Approved team list')).toEqual(['Approved members']);
		expect(next('Approved members')).toEqual(['Apply']);

		expect(nodeNamed('Approve the plan')).toMatchObject({ type: 'n8n-nodes-base.wait', typeVersion: 1.1, parameters: { resume: 'form' } });
		expect(nodeNamed('Sync form').parameters).toMatchObject({ responseMode: 'lastNode', options: { path: FORM_PATH } });
		const plan = nodeNamed('Plan');
		const apply = nodeNamed('Apply');
		expect(plan.parameters).toMatchObject({ resource: 'projectAccess', operation: 'plan' });
		expect(apply.parameters).toMatchObject({ resource: 'projectAccess', operation: 'apply' });
		// Apply must be given what Plan was given, or it would do something else than was approved.
		const { operation: _plan, ...planned } = plan.parameters;
		const { operation: _apply, ...applied } = apply.parameters;
		expect(applied).toEqual(planned);
		expect(nodeNamed('Approved team list').parameters).toEqual(
			expect.objectContaining({ assignments: { assignments: [expect.objectContaining({ value: "={{ $('Team list').first().json.members }}" })] } }),
		);

		for (const node of example.nodes.filter((candidate) => candidate.type === NODE_TYPE)) {
			expect(node.typeVersion).toBe(1);
			expect(node.credentials).toEqual({ openAiAdminApi: EXAMPLE_CREDENTIAL });
		}
		expect(text).not.toMatch(/sk-[A-Za-z0-9-]{8,}/);
		expect(example.nodes.map((node) => node.type)).not.toContain('n8n-nodes-base.code');
	});
});

const { installOf } = useN8nLines();

/** Submits a form as a browser does: multipart, the fields named `field-0`, `field-1`, … in order. */
async function post(url: string, values: string[]): Promise<Response> {
	const form = new FormData();
	values.forEach((value, index) => form.append(`field-${index}`, value));
	return await fetch(url, { method: 'POST', body: form, redirect: 'manual' });
}

/**
 * Submits the sync form with a project and returns the approval form's address once the workflow
 * waits on it, the plan made. A Form Trigger followed by a Wait form answers at once with the address
 * the browser goes on to (`formWaitingUrl`, on 2.x with its resume token); the browser asks
 * `<address>/n8n-execution-status` until it says `form-waiting`, then opens the form. So does this.
 */
async function startSync(server: N8nServer, projectId: string): Promise<string> {
	await waitForWebhook(server, FORM_PATH, { kind: 'form', method: 'POST' });
	const response = await post(`${server.baseUrl}/form/${FORM_PATH}`, [projectId]);
	expect(response.status).toBe(200);
	const { formWaitingUrl } = (await response.json()) as { formWaitingUrl: string };
	const status = new URL(formWaitingUrl);
	status.pathname += '/n8n-execution-status';
	const deadline = Date.now() + 60_000;
	for (;;) {
		const state = await (await fetch(status)).text();
		if (state === 'form-waiting') return formWaitingUrl;
		if (Date.now() > deadline || ['error', 'success', 'crashed', 'canceled'].includes(state)) {
			throw new Error(`the workflow did not come to its approval form (status ${state})`);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

const writes = (sandbox: Sandbox) => sandbox.requests.filter((request) => request.method !== 'GET');

describe.each(E2E_LINES)('n8n line %i: project access sync', (line) => {
	let sandbox: Sandbox;
	let served: ServedExample | undefined;
	let home: N8nHome;
	let server: N8nServer;
	let id: string;
	let project: Project;
	let people: Record<'ada' | 'katherine' | 'grace' | 'cleo' | 'keyOwner', OrganizationUser>;

	beforeAll(async () => {
		const install = await installOf(line);
		sandbox = await startSandbox({ quiet: true, seed: 600 + line, projects: 1, users: 3, usersPerProject: 0, serviceAccountsPerProject: 0, keysPerProject: 0 });
		const { state } = sandbox;
		// The list's people, as the example names them; Alan Turing is not in the organization.
		const named = (email: string) => state.addOrganizationUsers(1, { email, name: email.split('@')[0] })[0];
		const [keyOwner, cleo] = state.organizationUsers;
		people = { ada: named('ada.lovelace@example.com'), katherine: named('katherine.johnson@example.com'), grace: named('grace.hopper@example.com'), cleo, keyOwner };
		[project] = state.projects.filter((candidate) => !candidate.is_default);
		const join = (user: OrganizationUser, role: 'owner' | 'member') =>
			project.users.push({ object: 'organization.project.user', id: user.id, name: user.name, email: user.email, role, added_at: 1 });
		join(people.ada, 'owner');
		join(people.katherine, 'member');
		join(cleo, 'member');
		join(keyOwner, 'member');

		served = await serveExample(install, sandbox, example);
		({ home, id, server } = served);
	}, 10 * 60 * 1000);

	afterAll(async () => {
		await stopExample(served);
		await sandbox?.close();
	});

	test('shows the plan on the approval form, changes nothing until approved, then makes the list the project\'s members', async () => {
		sandbox.resetLog();
		const approval = await startSync(server, project.id);

		const page = await fetch(approval);
		const html = await page.text();
		expect(page.status).toBe(200);
		expect(html).toContain('Approve these changes?');
		expect(html).toContain('4 changes to make: 1 invite, 1 add, 1 role change, 1 removal');
		expect(html).toContain('invite alan.turing@example.com');
		expect(html).toContain(`remove ${people.cleo.email}`);
		expect(html).toContain(`left as they are: ${people.keyOwner.email}`);
		expect(writes(sandbox)).toEqual([]);

		const approved = await post(approval, ['Apply the changes']);
		await approved.arrayBuffer();
		expect(approved.status).toBe(200);

		const [execution] = await waitForExecutions(home, { workflowId: id, count: 1, timeoutMs: 60_000 });
		expect(execution.status).toBe('success');
		const applied = nodeOutput(execution.run!, 'Apply');
		expect(applied.filter((item) => item.type === 'change').map((item) => [item.action, item.email, item.status])).toEqual([
			['add', people.grace.email, 'done'],
			['invite', 'alan.turing@example.com', 'done'],
			['changeRole', people.katherine.email, 'done'],
			['remove', people.cleo.email, 'done'],
		]);
		expect(applied.at(-1)).toMatchObject({ type: 'summary', status: 'done', outcomes: { done: 4, skipped: 0, failed: 0 } });
		expect(Object.fromEntries(project.users.map((user) => [user.email, user.role]))).toEqual({
			[people.ada.email]: 'owner',
			[people.katherine.email]: 'owner',
			[people.keyOwner.email]: 'member',
			[people.grace.email]: 'member',
		});
		const invites = sandbox.state.collection<{ email: string; status: string; projects: unknown }>('/organization/invites', 'organization');
		expect(invites).toEqual([expect.objectContaining({ email: 'alan.turing@example.com', status: 'pending', projects: [{ id: project.id, role: 'member' }] })]);
	});

	test('run again, it finds nothing to do, and its approval makes only reads', async () => {
		sandbox.resetLog();
		const approval = await startSync(server, project.id);
		const page = await (await fetch(approval)).text();
		expect(page).toContain('No changes to make; 2 left as they are (see skipped)');

		await (await post(approval, ['Apply the changes'])).arrayBuffer();
		const executions = await waitForExecutions(home, { workflowId: id, count: 2, timeoutMs: 60_000 });
		const applied = nodeOutput(executions[1].run!, 'Apply');
		expect(applied).toEqual([expect.objectContaining({ type: 'summary', status: 'inSync' })]);
		expect(writes(sandbox)).toEqual([]);
	});
});
