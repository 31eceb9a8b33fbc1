/**
 * The OpenAI Admin Trigger in a real n8n (1.x on Node 20, 2.x on Node 24), against the sandbox:
 *  - the built package is installed into n8n's nodes folder from `npm pack`; a credential pointing at
 *    the sandbox is imported; two workflows are imported and activated: a trigger on
 *    `api_key.created` and `user.added` alone, and examples/new-key-alert.json as it is;
 *  - `n8n start`; changes are made through the sandbox's API between polls (a service account with
 *    its key, a user added to a project), and each new event must start one execution whose items
 *    are exactly that event; the example's run must turn each new key into its alert message;
 *  - n8n is stopped, a key is created while it is down, n8n is started again: that key comes in the
 *    poll at start-up and nothing from before the restart comes again, then one more change.
 *
 * n8n polls at most once a minute (a cron with a `*` in the seconds is refused: "The polling
 * interval is too short"), so the test waits for the trigger's own polls (Poll Times: every
 * minute): three waits of at most a minute per line; the lines run at the same time.
 * Select lines with N8N_E2E_LINES=1 or =2. N8N_E2E_SKIP_BUILD=1 packs the existing dist/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { startSandbox, type Sandbox } from '../../sandbox';
import { loadCommunityPackage } from './community-package';
import { nodeOutput } from './n8n-execute';
import { getExecutions, waitForExecutions, type N8nExecution } from './n8n-executions';
import { activateWorkflow, createN8nHome, importWorkflows, removeN8nHome, type N8nHome } from './n8n-home';
import { E2E_LINES } from './n8n-install';
import { startN8n, type N8nServer } from './n8n-server';
import { REPO_ROOT } from './processes';
import { adminCall } from './sandbox-admin';
import { useN8nLines } from './setup';
import { EXAMPLE_CREDENTIAL, EXAMPLES_DIR, importExampleCredential, readExample, triggerAlone, TRIGGER_NODE, TRIGGER_TYPE } from './examples';

const EXAMPLE = 'new-key-alert.json';
const AUDIT = '/organization/audit_logs';
/** One poll a minute, plus n8n's start-up and a loaded machine. */
const POLL_WAIT_MS = 150_000;

type Workflow = {
	name: string;
	nodes: Array<{ name: string; type: string; typeVersion: number; parameters: Record<string, unknown>; credentials?: unknown }>;
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
};
const example = readExample<Workflow>(EXAMPLE);

describe('examples/new-key-alert.json', () => {
	it('is an importable workflow: the trigger on API key creation, then the alert, with only a credential reference', () => {
		const text = fs.readFileSync(path.join(EXAMPLES_DIR, EXAMPLE), 'utf8');
		expect(example.name).toMatch(/^OpenAI Admin: /);
		const trigger = example.nodes.find((node) => node.type === TRIGGER_TYPE)!;
		expect(trigger.parameters.events).toEqual(['api_key.created']);
		expect(trigger.credentials).toEqual({ openAiAdminApi: EXAMPLE_CREDENTIAL });
		expect(example.connections[trigger.name].main[0].map((target) => target.node)).toEqual(['Alert message']);
		expect(text).not.toMatch(/sk-[A-Za-z0-9-]{8,}/);
		expect(example.nodes.map((node) => node.type)).not.toContain('n8n-nodes-base.code');
	});
});

/** The trigger alone, on the two events the test makes. */
const watcher = triggerAlone('OpenAI Admin: trigger e2e', ['api_key.created', 'user.added'], '4d3b6a0e-5c1f-4f43-9a53-1f0d6c3b7a10');

const { installOf } = useN8nLines();
beforeAll(() => {
	expect(fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes', 'OpenAiAdminTrigger', 'OpenAiAdminTrigger.node.js'))).toBe(true);
});

/** Resolves once the sandbox has answered a trigger poll after request number `after`. */
async function polled(sandbox: Sandbox, after: number, timeoutMs = POLL_WAIT_MS): Promise<number> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const index = sandbox.requests.findIndex((request, i) => i >= after && request.path === AUDIT && request.status === 200);
		if (index >= 0) return index + 1;
		if (Date.now() > deadline) throw new Error(`no audit-log poll reached the sandbox within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** The ids of the events each execution started with, in execution order. */
const itemsPerExecution = (executions: N8nExecution[], node: string) =>
	executions.map((execution) => nodeOutput(execution.run!, node).map((item) => item.id));

test.concurrent.each(E2E_LINES)(
	'n8n line %i: one execution per new event, each event once, across a restart',
	async (line) => {
		const install = await installOf(line);
		const sandbox = await startSandbox({ quiet: true, seed: 500 + line, projects: 2, users: 8, usersPerProject: 1 });
		let home: N8nHome | undefined;
		let server: N8nServer | undefined;
		try {
			home = createN8nHome(install);
			await loadCommunityPackage(home, REPO_ROOT);
			await importExampleCredential(home, sandbox);
			const [watcherId, alertId] = await importWorkflows(home, [watcher, example as unknown as Record<string, unknown>]);
			await activateWorkflow(home, watcherId);
			await activateWorkflow(home, alertId);

			const project = sandbox.state.projects.find((p) => !p.is_default)!;
			const outsiders = () => sandbox.state.organizationUsers.filter((user) => !project.users.some((member) => member.id === user.id));
			const newest = (type: string) => sandbox.state.auditLogs.find((event) => event.type === type)!;
			const expected: Array<Array<string>> = [];
			const keyIdOf = (event: { [payload: string]: unknown }) => (event['api_key.created'] as { id: string }).id;
			const alertKeys: string[][] = [];

			server = await startN8n(home);
			// Both workflows' first polls (line 2 activates a moment after it says it is ready): from then on.
			let seen = await polled(sandbox, await polled(sandbox, 0));

			// 1. A service account and its key: only the key's event is watched.
			await adminCall(sandbox, 'POST', `/organization/projects/${project.id}/service_accounts`, { name: 'ci bot' });
			expected.push([newest('api_key.created').id]);
			alertKeys.push([keyIdOf(newest('api_key.created'))]);
			await waitForExecutions(home, { workflowId: watcherId, count: 1, timeoutMs: POLL_WAIT_MS });

			// 2. A person added to the project.
			await adminCall(sandbox, 'POST', `/organization/projects/${project.id}/users`, { user_id: outsiders()[0].id, role: 'member' });
			expected.push([newest('user.added').id]);
			await waitForExecutions(home, { workflowId: watcherId, count: 2, timeoutMs: POLL_WAIT_MS });

			// 3. n8n goes down; meanwhile a key is created, and an admin key (with its admin scopes).
			await server.stop();
			server = undefined;
			await adminCall(sandbox, 'POST', `/organization/projects/${project.id}/service_accounts`, { name: 'batch job' });
			const projectKey = newest('api_key.created');
			const adminKey = sandbox.state.recordEvent({
				type: 'api_key.created',
				payload: { id: 'key_adminE2e', data: { scopes: ['api.management.read', 'api.management.write'] } },
			});
			expected.push([projectKey.id, adminKey.id]);
			alertKeys.push([keyIdOf(projectKey), 'key_adminE2e']);
			seen = sandbox.requests.length;
			server = await startN8n(home);
			await waitForExecutions(home, { workflowId: watcherId, count: 3, timeoutMs: POLL_WAIT_MS });

			// 4. One more change after the restart.
			seen = await polled(sandbox, seen);
			await adminCall(sandbox, 'POST', `/organization/projects/${project.id}/users`, { user_id: outsiders()[0].id, role: 'owner' });
			expected.push([newest('user.added').id]);
			const runs = await waitForExecutions(home, { workflowId: watcherId, count: 4, timeoutMs: POLL_WAIT_MS });

			expect(runs.map((run) => [run.mode, run.status])).toEqual(expected.map(() => ['trigger', 'success']));
			expect(itemsPerExecution(runs, TRIGGER_NODE)).toEqual(expected);
			const [firstEvent] = nodeOutput(runs[0].run!, TRIGGER_NODE);
			expect(firstEvent).toEqual(sandbox.state.auditLogs.find((event) => event.id === expected[0][0]));

			// The example: the two polls with new keys, each key turned into its alert.
			const alertRuns = await waitForExecutions(home, { workflowId: alertId, count: 2, timeoutMs: POLL_WAIT_MS });
			const messages = alertRuns.map((run) => nodeOutput(run.run!, 'Alert message'));
			expect(messages.map((items) => items.map((item) => item.keyId))).toEqual(alertKeys);
			expect(messages[1][1]).toMatchObject({
				keyKind: 'admin key',
				message: expect.stringMatching(/^New admin key key_adminE2e created by .+@.+ in no project at \d{4}-.*\(scopes: api\.management\.read, api\.management\.write\)$/),
			});
			expect(messages[0][0]).toMatchObject({
				keyKind: 'API key',
				project: `${project.name} (${project.id})`,
				createdBy: expect.stringContaining('@'),
				at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			});

			// Nothing more than that: no event came twice, in any execution of either workflow.
			const all = await getExecutions(home);
			expect(all).toHaveLength(6);
		} finally {
			await server?.stop();
			await sandbox.close();
			if (home) removeN8nHome(home);
		}
	},
	15 * 60 * 1000,
);
