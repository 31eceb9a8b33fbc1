/**
 * Issue 19, finding 1, in a real n8n (1.x on Node 20, 2.x on Node 24): a poll of the OpenAI Admin
 * Trigger that lasts longer than Poll Times' minute must not let the next tick read the same events
 * again. n8n starts a poll on every tick without waiting for the one before (1.x
 * `ActiveWorkflows.activatePolling`, 2.x `ActiveWorkflowTriggers.activatePollTrigger` with its
 * `void executePollTrigger()` per tick, the default path), so the trigger itself has to refuse a
 * second poll while one runs.
 *
 * Per line: the built package in n8n's nodes folder, a credential pointing at the sandbox, a workflow
 * holding only the trigger (every minute, every event), activated; `n8n start` at debug level, so that
 * n8n logs every poll it starts. Once the activation poll has been answered, in one synchronous step:
 * 150 new events in the sandbox, and a latency fault on the next two audit-log requests (40 s each).
 * The next poll then takes about 80 s: each of its requests stays under the node's 60 s request
 * timeout (so nothing is retried), together they outlast the minute, and the next tick of Poll Times
 * comes while the second one is still being answered. The test then checks that
 *  - a tick did fall inside the slow poll (n8n's own log line, timed), so the test cannot pass
 *    without an overlap;
 *  - every new event came in exactly one execution, once, oldest first;
 *  - while the slow poll ran, the sandbox got no audit-log request but its two slow ones: the
 *    overlapping tick returned without asking anything;
 *  - the poll after it made one request (read on with the `before` cursor) and started nothing.
 * Select lines with N8N_E2E_LINES=1 or =2. N8N_E2E_SKIP_BUILD=1 packs the existing dist/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { startSandbox, type RecordedRequest, type Sandbox } from '../../sandbox';
import { loadCommunityPackage } from './community-package';
import { nodeOutput } from './n8n-execute';
import { getExecutions, waitForExecutions } from './n8n-executions';
import { activateWorkflow, createN8nHome, importWorkflows, removeN8nHome, type N8nHome } from './n8n-home';
import { E2E_LINES } from './n8n-install';
import { startN8n, type N8nServer } from './n8n-server';
import { REPO_ROOT } from './processes';
import { useN8nLines } from './setup';
import { importExampleCredential, triggerAlone, TRIGGER_NODE } from './examples';

const AUDIT = '/organization/audit_logs';
const WORKFLOW_NAME = 'OpenAI Admin: overlapping polls e2e';
const NEW_EVENTS = 150;
/**
 * How long each slow request takes, and how many there are. The node gives up on a request after
 * 60 s (and retries it), so one request of 80 s would become a 60 s one plus a retry; two of 40 s make
 * a poll of 80 s with no retry, and leave 20 s on each side of the tick that falls inside it.
 */
const SLOW_MS = 40_000;
const SLOW_REQUESTS = 2;
/** One poll a minute, plus n8n's start-up and a loaded machine. */
const POLL_WAIT_MS = 150_000;
/**
 * After the poll that follows the slow one has been answered: time for it to start an execution,
 * had it found anything (n8n stores the execution as soon as the poll returns items).
 */
const SETTLE_MS = 5_000;

/** The trigger alone, every minute, on every event. */
const watcher = triggerAlone(WORKFLOW_NAME, [], '6f0c2a7e-31d4-4b8a-9e55-0d2b7c41a9f3');

/**
 * n8n-core's debug line at the start of every poll, activation included: "Polling trigger initiated"
 * (1.x `active-workflows.js`), "Poll trigger initiated" (2.x `poll-trigger-executor.js`). With
 * N8N_LOG_LEVEL=debug and NODE_ENV=production both lines print `<ISO time> | debug | <message> <meta>`.
 */
const POLL_LINE = new RegExp(`^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z) \\| debug \\| Poll(?:ing)? trigger initiated for workflow "${WORKFLOW_NAME}"`);
/** 2.x: a tick of a workflow that was replaced meanwhile; it never calls the node. */
const SUPERSEDED = `Skipping poll for superseded workflow "${WORKFLOW_NAME}"`;
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** When n8n started each poll of the workflow (ms since the epoch), from its log. */
function pollStarts(output: string): number[] {
	return output
		.replace(ANSI, '')
		.split('\n')
		.map((line) => POLL_LINE.exec(line.trim()))
		.filter((match): match is RegExpExecArray => match !== null)
		.map((match) => Date.parse(match[1]));
}

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 23);

/** Resolves with `probe()`'s first defined answer, checked every 200 ms. */
async function until<T>(what: string, probe: () => T | undefined, timeoutMs: number, explain: () => string = () => ''): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const answer = probe();
		if (answer !== undefined) return answer;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${explain()}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

const auditRequests = (sandbox: Sandbox) => sandbox.requests.filter((r) => r.method === 'GET' && r.path === AUDIT);
const describeRequests = (requests: RecordedRequest[]) =>
	requests.map((r) => `${clock(r.at)} ${r.status} inFlight=${r.inFlight}${r.latencyMs ? ` +${r.latencyMs}ms` : ''} ${r.rawUrl}`).join('\n');

const { installOf } = useN8nLines();
beforeAll(() => {
	expect(fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes', 'OpenAiAdminTrigger', 'OpenAiAdminTrigger.node.js'))).toBe(true);
});

test.concurrent.each(E2E_LINES)(
	'n8n line %i: a poll that outlasts Poll Times: the tick inside it asks nothing, each new event comes once',
	async (line) => {
		const started = Date.now();
		const install = await installOf(line);
		const sandbox = await startSandbox({ quiet: true, seed: 1900 + line, projects: 1, users: 2 });
		let home: N8nHome | undefined;
		let server: N8nServer | undefined;
		try {
			home = createN8nHome(install, { env: { N8N_LOG_LEVEL: 'debug' } });
			await loadCommunityPackage(home, REPO_ROOT);
			await importExampleCredential(home, sandbox);
			const [workflowId] = await importWorkflows(home, [watcher]);
			await activateWorkflow(home, workflowId);
			server = await startN8n(home);
			const output = server.output;
			const explain = () => `\n--- audit-log requests ---\n${describeRequests(auditRequests(sandbox))}`;

			// The activation poll (line 2 activates a moment after the ready line): from its answer on,
			// events are new to the trigger.
			await until('the activation poll', () => auditRequests(sandbox).find((r) => r.status === 200), POLL_WAIT_MS, explain);

			// One synchronous step, so that no request is answered in between: the new events, and the
			// next two audit-log requests slowed (a fault applies from the request's arrival, and the
			// answer is made after the delay, from the events as they are then).
			const expected = sandbox.state.recordBacklog(NEW_EVENTS, { from: Math.floor(Date.now() / 1000), to: Math.floor(Date.now() / 1000) });
			sandbox.addFault({ kind: 'latency', latencyMs: SLOW_MS, path: AUDIT, times: SLOW_REQUESTS });

			// The slow poll: both its slow requests answered (the next tick comes within a minute, then
			// about 80 s).
			const slow = await until(
				'the slow poll\'s two requests to be answered',
				() => {
					const delayed = auditRequests(sandbox).filter((r) => r.fault === 'latency');
					return delayed.length === SLOW_REQUESTS && delayed.every((r) => r.status !== 0) ? delayed : undefined;
				},
				60_000 + SLOW_REQUESTS * SLOW_MS + POLL_WAIT_MS,
				explain,
			);
			const slowFrom = slow[0].at;
			// The last slow answer was sent no earlier than this.
			const slowUntil = slow[SLOW_REQUESTS - 1].at + (slow[SLOW_REQUESTS - 1].latencyMs ?? 0);
			await waitForExecutions(home, { workflowId, count: 1, timeoutMs: 60_000 });

			// The poll after the slow one: the first tick logged after the slow poll ended, its request
			// answered, then a moment for an execution it would have started.
			const later = await until('a poll after the slow one', () => pollStarts(output()).find((t) => t > slowUntil), POLL_WAIT_MS, explain);
			await until(
				'the later poll\'s request to be answered',
				() => (auditRequests(sandbox).some((r) => r.at >= later && r.status !== 0) ? true : undefined),
				60_000,
				explain,
			);
			await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

			const polls = pollStarts(output());
			const inside = polls.filter((t) => t > slowFrom && t < slowUntil);
			const audit = auditRequests(sandbox);
			const runs = await getExecutions(home, { workflowId });
			const emitted = runs.flatMap((run) => (run.run ? nodeOutput(run.run, TRIGGER_NODE).map((item) => item.id as string) : []));
			process.stderr.write(
				`[e2e] line ${line}: polls started ${polls.map(clock).join(', ')}; slow poll's requests ${clock(slowFrom)} → answered ${clock(slowUntil)} ` +
					`(${((slowUntil - slowFrom) / 1000).toFixed(1)} s); ticks inside it ${inside.map(clock).join(', ') || 'none'}; ` +
					`${audit.length} audit-log requests; ${runs.length} executions with ${emitted.length} events (${new Set(emitted).size} distinct); ` +
					`${((Date.now() - started) / 1000).toFixed(0)} s\n${describeRequests(audit)}\n`,
			);

			// 1. The overlap happened: a tick of Poll Times started a poll while the slow one was still
			// waiting for its answer (the slow poll's own tick came before its first request), and it
			// was a real poll, not 2.x skipping a superseded workflow.
			expect(polls.filter((t) => t <= slowFrom).length).toBeGreaterThanOrEqual(2);
			expect(inside.length).toBeGreaterThanOrEqual(1);
			expect(output()).not.toContain(SUPERSEDED);

			// 2. Every new event in exactly one execution, once, oldest first.
			expect({ executions: runs.length, events: emitted.length, distinct: new Set(emitted).size }).toEqual({
				executions: 1,
				events: NEW_EVENTS,
				distinct: NEW_EVENTS,
			});
			expect(runs.map((run) => [run.mode, run.status])).toEqual([['trigger', 'success']]);
			expect(emitted).toEqual(expected);

			// 3. While the slow poll ran, the sandbox got only its two slow requests: the tick inside it
			// returned without asking. Nothing ever had two audit-log requests in flight.
			expect(audit.filter((r) => r.at >= slowFrom && r.at <= slowUntil)).toEqual(slow);
			expect(audit.filter((r) => r.inFlight > 1)).toEqual([]);

			// 4. The poll after it: one request, read on from the newest event emitted with the list's
			// `before` cursor, and nothing new (no second execution).
			const afterwards = audit.filter((r) => r.at >= later);
			expect(afterwards.map((r) => [r.status, typeof r.query.before])).toEqual([[200, 'string']]);
			expect(await getExecutions(home, { workflowId })).toHaveLength(1);
		} finally {
			await server?.stop();
			await sandbox.close();
			if (home) removeN8nHome(home);
		}
	},
	15 * 60 * 1000,
);
