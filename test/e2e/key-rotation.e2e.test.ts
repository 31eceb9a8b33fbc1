/**
 * examples/key-rotation.json in a real n8n on both lines (1.x on Node 20, 2.x on Node 24) against
 * the sandbox. Two things differ from the file, in the imported copy only:
 *  - *Service account to rotate* is filled in with a seeded project and one of its service accounts
 *    (the file leaves both for the user);
 *  - *Wait a day* waits 66 seconds instead of a day. n8n keeps a wait under 65 s inside the running
 *    process, and stores a longer one in its database for its wait tracker to resume, which is what
 *    the example's day does: 66 s takes that same path, twice, in a little over two minutes.
 *
 * The run: `n8n execute` (the Manual Trigger) rotates and stops at the Wait, stored as `waiting`;
 * `n8n start` of the same home resumes it; the first Retire finds the new key unused, deletes nothing
 * and loops back to the Wait; while the run waits again, the test uses the new key, taken from the
 * vault stand-in's output, through the sandbox's `POST /__sandbox/api_keys/use` (an app that read
 * the key from the vault); the second Retire deletes the old service account and the run ends in
 * *Rotation done*. Checked: the replacement has the old one's name and role, the key the vault
 * stand-in got is the replacement's, nothing is deleted before the key was used, then exactly the old
 * account, and nothing else in the organization changes.
 * Select lines with N8N_E2E_LINES=1 or =2. N8N_E2E_SKIP_BUILD=1 packs the existing dist/.
 */
import { startSandbox, type Project, type Sandbox } from '../../sandbox';
import { loadCommunityPackage } from './community-package';
import { executeWorkflow, type N8nRun } from './n8n-execute';
import { getExecutions, waitForExecutions, type N8nExecution } from './n8n-executions';
import { createN8nHome, importWorkflows, removeN8nHome, type N8nHome } from './n8n-home';
import { E2E_LINES } from './n8n-install';
import { startN8n, type N8nServer } from './n8n-server';
import { REPO_ROOT } from './processes';
import { useN8nLines } from './setup';
import { expectImportableExample, importExampleCredential, NODE_TYPE, readExample, type ExampleWorkflow } from './examples';

const EXAMPLE = 'key-rotation.json';
/** The shortest wait n8n stores in its database rather than keeping in the process (see above). */
const TEST_WAIT_SECONDS = 66;
/** A stored wait is picked up by the wait tracker's poll (every 60 s, for the next 70 s), then run on time. */
const RESUME_TIMEOUT_MS = (TEST_WAIT_SECONDS + 90) * 1000;

const CONFIG = 'Service account to rotate';
const ROTATE = 'Rotate service account';
const VAULT = 'Store the new key (placeholder)';
const WAIT = 'Wait a day';
const RETIRE = 'Retire old service account';
const AGAIN = 'Check again tomorrow?';
const DONE = 'Rotation done';
const GAVE_UP = 'New key not used';

const node = (workflow: ExampleWorkflow, name: string) => {
	const found = workflow.nodes.find((n) => n.name === name);
	if (!found) throw new Error(`${EXAMPLE} has no node "${name}"`);
	return found;
};
const targets = (workflow: ExampleWorkflow, from: string) => workflow.connections[from].main.map((output) => output.map((target) => target.node));

describe('examples/key-rotation.json', () => {
	const workflow = readExample<ExampleWorkflow>(EXAMPLE);

	it('is an importable workflow with only a credential reference', () => {
		expectImportableExample(EXAMPLE);
	});

	it('rotates every three months and on demand, a service account the user fills in, retiring the old one later', () => {
		const schedule = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger')!;
		// The Schedule Trigger's day interval stops at 31: three months is its nearest to 90 days.
		expect(schedule.parameters.rule).toEqual({ interval: [{ field: 'months', monthsInterval: 3, triggerAtDayOfMonth: 1, triggerAtHour: 6 }] });
		const manual = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger')!;
		expect(targets(workflow, schedule.name)).toEqual([[CONFIG]]);
		expect(targets(workflow, manual.name)).toEqual([[CONFIG]]);
		expect(node(workflow, CONFIG).parameters.assignments.assignments).toEqual([
			expect.objectContaining({ name: 'projectId', value: '' }),
			expect.objectContaining({ name: 'serviceAccountId', value: '' }),
		]);
		expect(node(workflow, ROTATE)).toMatchObject({
			type: NODE_TYPE,
			parameters: {
				resource: 'projectServiceAccount',
				operation: 'rotate',
				projectId: { value: '={{ $json.projectId }}' },
				serviceAccountId: { value: '={{ $json.serviceAccountId }}' },
				retire: 'later',
			},
		});
		expect(targets(workflow, ROTATE)).toEqual([[VAULT]]);
	});

	it('hands the one-time key to the vault stand-in, then retires the old account once a day until the new key is used, 30 checks at most', () => {
		const vault = node(workflow, VAULT);
		expect(vault.type).toBe('n8n-nodes-base.set');
		expect(vault.parameters.assignments.assignments).toContainEqual(
			expect.objectContaining({ name: 'serviceAccountApiKey', value: '={{ $json.replacement.api_key.value }}' }),
		);
		const note = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.stickyNote')!;
		expect(note.parameters.content).toContain(`**${VAULT}** stands for your vault: replace it`);
		expect(targets(workflow, VAULT)).toEqual([[WAIT]]);
		expect(node(workflow, WAIT).parameters).toEqual({ amount: 1, unit: 'days' });
		expect(targets(workflow, WAIT)).toEqual([[RETIRE]]);
		expect(node(workflow, RETIRE)).toMatchObject({
			type: NODE_TYPE,
			parameters: {
				resource: 'projectServiceAccount',
				operation: 'retire',
				projectId: { value: `={{ $('${CONFIG}').item.json.projectId }}` },
				serviceAccountId: { value: `={{ $('${ROTATE}').item.json.old.id }}` },
				replacementId: { value: `={{ $('${ROTATE}').item.json.replacement.id }}` },
				force: false,
				dryRun: false,
			},
		});
		expect(targets(workflow, RETIRE)).toEqual([[AGAIN]]);
		// True: back to the Wait; false: retired, or given up.
		expect(targets(workflow, AGAIN)).toEqual([[WAIT], ['Retired?']]);
		expect(node(workflow, AGAIN).parameters.conditions).toMatchObject({
			combinator: 'and',
			conditions: [
				{ leftValue: '={{ $json.status }}', rightValue: 'notYetUsed', operator: { type: 'string', operation: 'equals' } },
				{ leftValue: '={{ $runIndex + 1 }}', rightValue: 30, operator: { type: 'number', operation: 'lt' } },
			],
		});
		expect(targets(workflow, 'Retired?')).toEqual([[DONE], [GAVE_UP]]);
		expect(node(workflow, GAVE_UP).type).toBe('n8n-nodes-base.stopAndError');
	});
});

const { installOf } = useN8nLines();

/** The example with the test's service account filled in and its Wait shortened (see the top). */
function exampleFor(project: Project, serviceAccountId: string): ExampleWorkflow {
	const workflow = readExample<ExampleWorkflow>(EXAMPLE);
	const [projectId, accountId] = node(workflow, CONFIG).parameters.assignments.assignments as Array<{ value: string }>;
	projectId.value = project.id;
	accountId.value = serviceAccountId;
	node(workflow, WAIT).parameters = { amount: TEST_WAIT_SECONDS, unit: 'seconds' };
	return workflow;
}

/** The items a node output on each of its runs (`output` 0 unless given); [] for a run on the other output. */
function runsOf(run: N8nRun, name: string, output = 0): Array<Array<Record<string, unknown>>> {
	return (run.data.resultData.runData[name] ?? []).map((task) => (task.data?.main?.[output] ?? []).map((item) => item.json));
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

/** Every service account and key of the organization but those of the rotation. */
function everythingElse(sandbox: Sandbox, rotated: string[]) {
	const owner = (key: Project['apiKeys'][number]) => (key.owner.type === 'service_account' ? key.owner.service_account.id : key.owner.user.id);
	return sandbox.state.projects.map((p) => ({
		project: p.id,
		serviceAccounts: p.serviceAccounts.filter((account) => !rotated.includes(account.id)),
		keys: p.apiKeys.filter((key) => !rotated.includes(owner(key))),
	}));
}

test.concurrent.each(E2E_LINES)(
	'n8n line %i: rotates, hands the key on, keeps the old account until the new key is used, then retires it',
	async (line) => {
		const started = Date.now();
		const seconds = () => ((Date.now() - started) / 1000).toFixed(0);
		const install = await installOf(line);
		const sandbox = await startSandbox({ quiet: true, seed: 600 + line, projects: 2, users: 4, serviceAccountsPerProject: 2 });
		let home: N8nHome | undefined;
		let server: N8nServer | undefined;
		try {
			const project = sandbox.state.projects.find((p) => !p.is_default)!;
			const [old, sibling] = project.serviceAccounts;
			// An owner: a new service account is a member, so the rotation must give the replacement the role.
			old.role = 'owner';
			const oldKeys = project.apiKeys.filter((key) => key.owner.type === 'service_account' && key.owner.service_account.id === old.id).map((key) => key.id);
			expect(oldKeys).not.toHaveLength(0);
			const othersBefore = JSON.stringify(everythingElse(sandbox, [old.id]));

			home = createN8nHome(install);
			await loadCommunityPackage(home, REPO_ROOT);
			await importExampleCredential(home, sandbox);
			const [workflowId] = await importWorkflows(home, [exampleFor(project, old.id)]);

			// 1. Rotate, hand the key on, and stop at the Wait: stored as waiting.
			const firstPart = await executeWorkflow(home, workflowId, { until: 'waiting' });
			const afterExecute = seconds();
			const [rotated] = runsOf(firstPart, ROTATE)[0];
			const replacement = sandbox.state.projects
				.find((p) => p.id === project.id)!
				.serviceAccounts.find((account) => account.id === (rotated.replacement as { id: string }).id)!;
			expect(rotated).toMatchObject({ status: 'rotated', oldDeleted: false, old: { id: old.id, name: old.name, role: 'owner' } });
			expect(replacement).toMatchObject({ name: old.name, role: 'owner' });
			const [handedOn] = runsOf(firstPart, VAULT)[0];
			expect(handedOn).toEqual({
				serviceAccountApiKey: expect.stringMatching(/^sk-svcacct-/),
				serviceAccountId: replacement.id,
				serviceAccountName: old.name,
				projectId: project.id,
				replacesServiceAccountId: old.id,
			});
			const newKey = project.apiKeys.find((key) => key.owner.type === 'service_account' && key.owner.service_account.id === replacement.id)!;
			expect(sandbox.state.keyIdOfSecret(handedOn.serviceAccountApiKey as string)).toBe(newKey.id);
			expect(Object.keys(firstPart.data.resultData.runData)).not.toContain(RETIRE);
			expect(project.serviceAccounts.map((account) => account.id)).toEqual([old.id, sibling.id, replacement.id]);

			// 2. n8n resumes the stored run; the first check finds the new key unused and waits again.
			server = await startN8n(home);
			const execution = (await getExecutions(home, { workflowId }))[0];
			// n8n stores the run's data again when it waits (or ends), not while it runs.
			const firstCheck = await waitFor('the first Retire', RESUME_TIMEOUT_MS, async () => {
				const [stored] = await getExecutions(home!, { workflowId });
				return !['new', 'running'].includes(stored.status) && runsOf(stored.run!, RETIRE).length > 0 ? stored : undefined;
			});
			expect([firstCheck.id, firstCheck.status]).toEqual([execution.id, 'waiting']);
			expect(runsOf(firstCheck.run!, RETIRE)[0]).toEqual([
				expect.objectContaining({ status: 'notYetUsed', deleted: false, lastUsedAt: null, old: { id: old.id, name: old.name, role: 'owner' } }),
			]);
			expect(project.serviceAccounts.map((account) => account.id)).toContain(old.id);
			const afterFirstCheck = seconds();

			// 3. An app starts using the new key, read from the vault, while the run waits.
			const use = await fetch(`${sandbox.baseUrl}/__sandbox/api_keys/use`, {
				method: 'POST',
				headers: { authorization: `Bearer ${sandbox.adminKey}`, 'content-type': 'application/json' },
				body: JSON.stringify({ value: handedOn.serviceAccountApiKey }),
			});
			expect(use.status).toBe(200);
			const usedAt = newKey.last_used_at!;

			// 4. The next check retires the old account, and the run ends.
			const [finished]: N8nExecution[] = await waitForExecutions(home, { workflowId, count: 1, timeoutMs: RESUME_TIMEOUT_MS });
			const run = finished.run!;
			expect(finished.id).toBe(execution.id);
			expect(finished.status).toBe('success');
			expect(runsOf(run, RETIRE).map((items) => items.map((item) => [item.status, item.deleted]))).toEqual([
				[['notYetUsed', false]],
				[['retired', true]],
			]);
			expect(runsOf(run, AGAIN, 0).map((items) => items.length)).toEqual([1, 0]);
			expect(runsOf(run, DONE)).toEqual([
				[
					{
						serviceAccountName: old.name,
						retiredServiceAccountId: old.id,
						replacementServiceAccountId: replacement.id,
						newKeyLastUsedAt: new Date(usedAt * 1000).toISOString(),
					},
				],
			]);
			expect(run.data.resultData.runData[GAVE_UP]).toBeUndefined();

			// The organization: the old account and its keys gone, the replacement and its key there, nothing else changed.
			const accounts = sandbox.state.projects.find((p) => p.id === project.id)!.serviceAccounts;
			expect(accounts.map((account) => [account.id, account.name, account.role])).toEqual([
				[sibling.id, sibling.name, sibling.role],
				[replacement.id, old.name, 'owner'],
			]);
			expect(project.apiKeys.filter((key) => oldKeys.includes(key.id))).toEqual([]);
			expect(project.apiKeys.map((key) => key.id)).toContain(newKey.id);
			expect(JSON.stringify(everythingElse(sandbox, [old.id, replacement.id]))).toBe(othersBefore);

			// What reached the API, in order: nothing deleted before the key was used, then only the old account.
			const accountPath = (id: string) => `/organization/projects/${project.id}/service_accounts/${id}`;
			const check = [`GET ${accountPath(replacement.id)}`, `GET ${accountPath(old.id)}`, `GET /organization/projects/${project.id}/api_keys`];
			const calls = sandbox.requests.map((request) => `${request.method} ${request.path}`);
			expect(calls).toEqual([
				`GET ${accountPath(old.id)}`,
				`POST /organization/projects/${project.id}/service_accounts`,
				`POST ${accountPath(replacement.id)}`,
				...check,
				'POST /__sandbox/api_keys/use',
				...check,
				`DELETE ${accountPath(old.id)}`,
			]);
			expect(sandbox.requests.every((request) => request.status === 200)).toBe(true);
			// Each check came after a full wait.
			const at = (index: number) => sandbox.requests[index].at;
			expect(at(3) - at(2)).toBeGreaterThanOrEqual(TEST_WAIT_SECONDS * 1000);
			expect(at(7) - at(5)).toBeGreaterThanOrEqual(TEST_WAIT_SECONDS * 1000);

			process.stderr.write(
				`[e2e] line ${line}: key rotation done in ${seconds()} s (execute until the Wait at ${afterExecute} s, first check at ${afterFirstCheck} s)\n`,
			);
		} finally {
			await server?.stop();
			await sandbox.close();
			if (home) removeN8nHome(home);
		}
	},
	15 * 60 * 1000,
);

