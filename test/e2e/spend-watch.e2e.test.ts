/**
 * The spend watch in a real n8n (1.x on Node 20, 2.x on Node 24), against the sandbox:
 *  - the two example files, examples/spend-watch.json (a monthly threshold and a jump, each turned
 *    into a readable message posted to a chat webhook) and examples/spend-rate-limit.json (a daily
 *    threshold that lowers the project's rate limits), are imported with two changes only: Poll
 *    Times every minute instead of every 15 minutes, and the chat webhook pointed at a local server
 *    that records what it receives; both are activated, and `n8n start`;
 *  - between two polls a project's spend grows twice (the sandbox bills it through `addCost`): the
 *    first time past 50 (the monthly threshold, and a jump for a project that spent nothing before),
 *    the second time past 100 and 200 in one step (two thresholds of the month, and the daily 200 of
 *    the rate-limit workflow). Each crossing must start exactly one execution with exactly its items,
 *    post its message, and lower the rate limits once; a further poll must start nothing.
 *
 * n8n polls at most once a minute, so the test waits for the triggers' own polls: about three minutes
 * a line, the lines at the same time. Select lines with N8N_E2E_LINES=1 or =2. N8N_E2E_SKIP_BUILD=1
 * packs the existing dist/.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { startServer, type LocalServer } from '../helpers/httpServer';
import { loadCommunityPackage } from './community-package';
import { nodeOutput } from './n8n-execute';
import { getExecutions, waitForExecutions, type N8nExecution } from './n8n-executions';
import { activateWorkflow, createN8nHome, importWorkflows, removeN8nHome, type N8nHome } from './n8n-home';
import { E2E_LINES } from './n8n-install';
import { startN8n, type N8nServer } from './n8n-server';
import { REPO_ROOT } from './processes';
import { expectImportableExample, importExampleCredential, readExample, TRIGGER_TYPE, type ExampleWorkflow } from './examples';
import { useN8nLines } from './setup';

const COSTS = '/organization/costs';
/** One poll a minute, plus n8n's start-up and a loaded machine. */
const POLL_WAIT_MS = 150_000;

const WATCH = 'spend-watch.json';
const RATE_LIMIT = 'spend-rate-limit.json';
const THRESHOLD_TRIGGER = 'Monthly spend over a threshold';
const JUMP_TRIGGER = 'Daily spend jumped';
const DAILY_TRIGGER = 'Daily spend over 200';

const targets = (workflow: ExampleWorkflow, from: string) => workflow.connections[from].main[0].map((target) => target.node);

describe.each([WATCH, RATE_LIMIT])('examples/%s', (file) => {
	it('is an importable workflow with only a credential reference, no secret and no Code node, polling every 15 minutes', () => {
		const workflow = expectImportableExample(file);
		// Costs come in with a delay: every 15 minutes is often enough.
		for (const trigger of workflow.nodes.filter((node) => node.type === TRIGGER_TYPE)) {
			expect(trigger.parameters.pollTimes).toEqual({ item: [{ mode: 'everyX', value: 15, unit: 'minutes' }] });
		}
	});

	const workflow = readExample<ExampleWorkflow>(file);
	if (file === WATCH) {
		it('watches each project on both events, each turned into its message, posted to a chat webhook', () => {
			const trigger = (name: string) => workflow.nodes.find((node) => node.name === name)!;
			expect(trigger(THRESHOLD_TRIGGER).parameters).toMatchObject({ triggerOn: 'spendThreshold', watch: 'eachProject', period: 'month', thresholds: '50, 100, 200' });
			expect(trigger(JUMP_TRIGGER).parameters).toMatchObject({ triggerOn: 'spendJump', watch: 'eachProject', multiplier: 3, baselineDays: 14, minimumAmount: 10 });
			expect(targets(workflow, THRESHOLD_TRIGGER)).toEqual(['Threshold message']);
			expect(targets(workflow, JUMP_TRIGGER)).toEqual(['Jump message']);
			expect(targets(workflow, 'Threshold message')).toEqual(['Send to chat']);
			expect(targets(workflow, 'Jump message')).toEqual(['Send to chat']);
			const send = trigger('Send to chat');
			expect(send.type).toBe('n8n-nodes-base.httpRequest');
			expect(send.parameters).toMatchObject({ method: 'POST', sendBody: true, bodyParameters: { parameters: [{ name: 'text', value: '={{ $json.message }}' }] } });
			expect(send.parameters.url).toMatch(/^https:\/\/.*replace-with-your-webhook$/);
		});
	} else {
		it('lowers to 60 requests a minute every rate limit above it of a project whose day passes 200', () => {
			const node = (name: string) => workflow.nodes.find((n) => n.name === name)!;
			expect(node(DAILY_TRIGGER).parameters).toMatchObject({ triggerOn: 'spendThreshold', watch: 'eachProject', period: 'day', thresholds: '200' });
			expect(targets(workflow, DAILY_TRIGGER)).toEqual(['Its rate limits']);
			expect(node('Its rate limits').parameters).toMatchObject({ resource: 'projectRateLimit', operation: 'getMany', returnAll: true });
			expect(targets(workflow, 'Its rate limits')).toEqual(['Above 60 a minute']);
			expect(targets(workflow, 'Above 60 a minute')).toEqual(['Lower to 60 a minute']);
			expect(node('Lower to 60 a minute').parameters).toMatchObject({ resource: 'projectRateLimit', operation: 'update', updateFields: { max_requests_per_1_minute: 60 } });
			expect(targets(workflow, 'Lower to 60 a minute')).toEqual(['What was done']);
		});
	}
});

/** An example as the test imports it: polls every minute, and a chat webhook at `chatUrl`. */
function forTheTest(file: string, chatUrl: string): Record<string, unknown> {
	const workflow = readExample<ExampleWorkflow>(file);
	for (const node of workflow.nodes) {
		if (node.type === TRIGGER_TYPE) node.parameters.pollTimes = { item: [{ mode: 'everyMinute' }] };
		if (node.type === 'n8n-nodes-base.httpRequest') node.parameters.url = chatUrl;
	}
	return workflow as unknown as Record<string, unknown>;
}

const { installOf } = useN8nLines();

/** Resolves once the sandbox has answered `count` costs requests after request number `after`. */
async function costPolls(sandbox: Sandbox, after: number, count: number): Promise<number> {
	const deadline = Date.now() + POLL_WAIT_MS;
	for (;;) {
		const answered = sandbox.requests.map((request, index) => ({ request, index })).filter(({ request, index }) => index >= after && request.path === COSTS && request.status === 200);
		if (answered.length >= count) return answered[count - 1].index + 1;
		if (Date.now() > deadline) throw new Error(`${count} costs polls did not reach the sandbox within ${POLL_WAIT_MS} ms`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** Waits out the last minutes of a UTC day: the test's spend must fall in one day and one month. */
async function awayFromMidnight(): Promise<void> {
	const toMidnight = 86_400_000 - (Date.now() % 86_400_000);
	if (toMidnight < 8 * 60_000) await new Promise((resolve) => setTimeout(resolve, toMidnight + 5_000));
}

/** The first node's items of each execution, in execution order, by the trigger that started it. */
function triggered(executions: N8nExecution[], triggers: string[]): Array<{ trigger: string; items: Array<Record<string, any>> }> {
	return executions.map((execution) => {
		const trigger = triggers.find((name) => execution.run!.data.resultData.runData[name])!;
		return { trigger, items: nodeOutput(execution.run!, trigger) };
	});
}

test.concurrent.each(E2E_LINES)(
	'n8n line %i: each crossing between two polls fires once, posts its message and lowers the rate limits once',
	async (line) => {
		const install = await installOf(line);
		const sandbox = await startSandbox({ quiet: true, seed: 2300 + line, projects: 2, users: 4, usageDays: 0 });
		const chat: LocalServer = await startServer(() => ({ ok: true }));
		let home: N8nHome | undefined;
		let server: N8nServer | undefined;
		try {
			await awayFromMidnight();
			home = createN8nHome(install);
			await loadCommunityPackage(home, REPO_ROOT);
			await importExampleCredential(home, sandbox);
			const [watchId, rateLimitId] = await importWorkflows(home, [forTheTest(WATCH, `${chat.baseUrl}/hooks/chat`), forTheTest(RATE_LIMIT, chat.baseUrl)]);
			await activateWorkflow(home, watchId);
			await activateWorkflow(home, rateLimitId);
			const project = sandbox.state.projects.find((p) => !p.is_default)!;
			const other = sandbox.state.projects.find((p) => !p.is_default && p.id !== project.id)!;
			const limitsBefore = structuredClone(project.rateLimits);
			const otherLimits = structuredClone(other.rateLimits);
			const today = new Date().toISOString().slice(0, 10);
			const month = today.slice(0, 7);

			server = await startN8n(home);
			// The three triggers' first polls: the watch starts from there.
			let seen = await costPolls(sandbox, 0, 3);

			// 1. 60 today: past 50 in the month, and a jump for a project that spent nothing before.
			sandbox.state.addCost(project.id, Math.floor(Date.now() / 1000) - 1, 60);
			await waitForExecutions(home, { workflowId: watchId, count: 2, timeoutMs: POLL_WAIT_MS });
			seen = sandbox.requests.length;

			// 2. 150 more: past 100 and 200 in the month, and past the day's 200.
			sandbox.state.addCost(project.id, Math.floor(Date.now() / 1000) - 1, 150);
			const runs = await waitForExecutions(home, { workflowId: watchId, count: 3, timeoutMs: POLL_WAIT_MS });
			const lowered = await waitForExecutions(home, { workflowId: rateLimitId, count: 1, timeoutMs: POLL_WAIT_MS });

			// A full round of polls after the last crossing starts nothing more.
			await costPolls(sandbox, Math.max(seen, sandbox.requests.length), 3);
			await new Promise((resolve) => setTimeout(resolve, 5_000));

			expect(runs.map((run) => [run.mode, run.status])).toEqual([['trigger', 'success'], ['trigger', 'success'], ['trigger', 'success']]);
			const fired = triggered(runs, [THRESHOLD_TRIGGER, JUMP_TRIGGER]);
			const summary = fired.map(({ trigger, items }) => [trigger, items.map((item) => [item.project.id, item.period.key, item.threshold ?? null, item.total])]);
			// The first two came from one poll tick each; which of the two started first is n8n's.
			expect(summary.slice(0, 2).sort()).toEqual(
				[
					[THRESHOLD_TRIGGER, [[project.id, month, 50, 60]]],
					[JUMP_TRIGGER, [[project.id, today, null, 60]]],
				].sort(),
			);
			expect(summary[2]).toEqual([THRESHOLD_TRIGGER, [[project.id, month, 100, 210], [project.id, month, 200, 210]]]);
			expect(fired.flatMap(({ items }) => items.map((item) => item.project))).toEqual(Array(4).fill({ id: project.id, name: project.name }));

			// The messages reached the chat webhook: one post per item.
			const posted = chat.requests.filter((request) => request.path === '/hooks/chat').map((request) => (request.body as { text: string }).text);
			const usd = (amount: number) => `${amount.toFixed(2)} USD`;
			expect(posted.sort()).toEqual(
				[
					`OpenAI spend alert: ${project.name} (${project.id}) has spent ${usd(60)} in ${month}, reaching its 50 USD threshold.`,
					`OpenAI spend alert: ${project.name} (${project.id}) has spent ${usd(60)} on ${today}, after spending nothing in the 14 days before.`,
					`OpenAI spend alert: ${project.name} (${project.id}) has spent ${usd(210)} in ${month}, reaching its 100 USD threshold.`,
					`OpenAI spend alert: ${project.name} (${project.id}) has spent ${usd(210)} in ${month}, reaching its 200 USD threshold.`,
				].sort(),
			);

			// The daily 200: once, every limit above 60 lowered to 60, the others and the other project's as they were.
			expect(lowered.map((run) => run.status)).toEqual(['success']);
			expect(nodeOutput(lowered[0].run!, DAILY_TRIGGER)).toEqual([expect.objectContaining({ project: { id: project.id, name: project.name }, period: expect.objectContaining({ key: today }), threshold: 200, total: 210 })]);
			const done = nodeOutput(lowered[0].run!, 'What was done');
			const above = limitsBefore.filter((limit) => limit.max_requests_per_1_minute > 60);
			expect(above.length).toBeGreaterThan(0);
			expect(done.map((item) => item.model).sort()).toEqual(above.map((limit) => limit.model).sort());
			expect(done[0].message).toBe(`Lowered ${done[0].model} to 60 requests a minute in ${project.name} (${project.id}): it has spent ${usd(210)} on ${today}.`);
			expect(project.rateLimits).toEqual(limitsBefore.map((limit) => ({ ...limit, max_requests_per_1_minute: Math.min(limit.max_requests_per_1_minute, 60) })));
			expect(other.rateLimits).toEqual(otherLimits);

			// Nothing else ran, in either workflow.
			expect(await getExecutions(home)).toHaveLength(4);
		} finally {
			await server?.stop();
			await chat.close();
			await sandbox.close();
			if (home) removeN8nHome(home);
		}
	},
	15 * 60 * 1000,
);
