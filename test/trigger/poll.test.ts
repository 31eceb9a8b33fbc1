/**
 * The OpenAI Admin Trigger's poll through n8n-core's PollContext against the sandbox, carrying the
 * workflow's static data from one poll to the next as n8n does: the first poll starts from now,
 * events arriving between polls (many on one second, over several pages) come out once each and
 * oldest first, a failed poll moves nothing, manual mode shows the newest event. And what must
 * never look like success: overlapping polls, an audit log cut short, a backlog too long for one
 * poll, a cursor the API no longer knows.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { PollResult } from '../../engine';
import type { Sandbox } from '../../sandbox';
import type { PollOptions } from '../helpers/runNode';
import { activateTrigger, pollTrigger, runNode } from '../helpers/runNode';
import { useSandbox } from '../helpers/sandbox';

const AUDIT = '/organization/audit_logs';
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** An active workflow's trigger: its static data lives on between polls, as n8n stores it. */
function activeTrigger(sandbox: () => Sandbox, parameters: INodeParameters = {}, options: Partial<PollOptions> = {}) {
	let staticData: IDataObject = {};
	const emitted: string[] = [];
	return {
		get staticData() {
			return staticData;
		},
		emitted,
		async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollResult & { ids: string[]; requests: number }> {
			sandbox().resetLog();
			const result = await pollTrigger(parameters, { api: sandbox(), staticData, mode, ...options });
			// n8n saves the static data a poll wrote to (at activation, and with each emitted run).
			if (result.changed) staticData = result.staticData;
			const ids = (result.output?.[0] ?? []).map((item) => String(item.json.id));
			if (mode === 'trigger') emitted.push(...ids);
			return { ...result, ids, requests: sandbox().requests.filter((request) => request.path === AUDIT).length };
		},
	};
}

/** The trigger's position in the workflow's static data (n8n keeps a node's under `node:<name>`). */
const positionIn = (staticData: IDataObject) => (staticData['node:OpenAI Admin Trigger'] as IDataObject | undefined)?.position;

/** Ids of the events recorded after `count` events from now, oldest first. */
const newestIds = (sandbox: Sandbox, count: number) => sandbox.state.auditLogs.slice(0, count).map((e) => e.id).reverse();

function record(sandbox: Sandbox, count: number, at?: number) {
	const [project] = sandbox.state.projects;
	for (let i = 0; i < count; i++) {
		sandbox.state.recordEvent({ type: 'rate_limit.updated', payload: { id: `rl-${i}`, changes_requested: { max_requests_per_1_minute: i } }, project, at });
	}
	return newestIds(sandbox, count);
}

describe('OpenAI Admin Trigger: polling the audit log', () => {
	const sandbox = useSandbox({ projects: 2, users: 4 });

	it('starts from now: the first poll emits nothing from before, in one request, and remembers the position', async () => {
		const trigger = activeTrigger(sandbox);
		// The seeded history, and events at this very second, are older than the activation.
		const second = nowSeconds();
		const already = record(sandbox(), 3, second);
		const first = await trigger.poll();

		expect(first.error).toBeUndefined();
		expect(first.output).toBeNull();
		expect(first.requests).toBe(1);
		const position = positionIn(trigger.staticData) as { effectiveAt: number; idsAtEffectiveAt: string[] };
		expect(position.effectiveAt).toBeGreaterThanOrEqual(second);
		// Events of the position's own second are remembered, so they never come; a poll that began in
		// a later second (a loaded machine) starts after them anyway.
		if (position.effectiveAt === second) expect(position.idsAtEffectiveAt).toEqual(expect.arrayContaining(already));
		const query = new URL(sandbox().requests[0].rawUrl, 'http://x').searchParams;
		expect(query.get('effective_at[gte]')).toBe(String(position.effectiveAt));
		expect(query.get('limit')).toBe('100');

		const nothingNew = await trigger.poll();
		expect(nothingNew).toMatchObject({ output: null, changed: false, requests: 1 });
	});

	it('emits each event once, oldest first, across polls with events in between (same second, several pages)', async () => {
		const trigger = activeTrigger(sandbox);
		await trigger.poll();
		const expected: string[] = [];

		// A real change through the action node: a service account comes with its key.
		const project = sandbox().state.projects.find((p) => !p.is_default)!;
		const created = await runNode(
			{ resource: 'projectServiceAccount', operation: 'create', projectId: { __rl: true, mode: 'id', value: project.id }, name: 'bot' },
			{ api: sandbox() },
		);
		expect(created.error).toBeUndefined();
		expected.push(...newestIds(sandbox(), 2));
		const second = await trigger.poll();
		expect(second.ids).toEqual(newestIds(sandbox(), 2));
		expect(second.output![0].map((item) => item.json.type).sort()).toEqual(['api_key.created', 'service_account.created']);
		expect(second.output![0][1].json).toEqual(sandbox().state.auditLogs[0]);

		// 150 more on the second the last poll ended on: two pages, none of the earlier ones again.
		const position = positionIn(trigger.staticData) as { effectiveAt: number };
		expected.push(...record(sandbox(), 150, position.effectiveAt));
		const third = await trigger.poll();
		expect(third.ids).toEqual(expected.slice(2));
		expect(third.requests).toBe(2);

		// And a few on later seconds.
		expected.push(...record(sandbox(), 2, position.effectiveAt + 1), ...record(sandbox(), 1, position.effectiveAt + 3));
		const fourth = await trigger.poll();
		expect(fourth.ids).toEqual(expected.slice(152));
		expect(positionIn(trigger.staticData)).toEqual({
			effectiveAt: position.effectiveAt + 3,
			idsAtEffectiveAt: [expected[154]],
			lastId: expected[154],
			previousId: expected[153],
			query: '{}',
		});

		expect(await trigger.poll()).toMatchObject({ output: null, changed: false, requests: 1 });
		expect(trigger.emitted).toEqual(expected);
		expect(new Set(trigger.emitted).size).toBe(expected.length);
	});

	it('moves nothing when a poll fails part-way, and the next poll emits every event once', async () => {
		const trigger = activeTrigger(sandbox);
		await trigger.poll();
		const before = structuredClone(trigger.staticData);
		const position = positionIn(trigger.staticData) as { effectiveAt: number };
		const expected = [...record(sandbox(), 60, position.effectiveAt + 1), ...record(sandbox(), 60, position.effectiveAt + 2)];

		// The second page is refused.
		sandbox().addFault({ kind: 'status', status: 403, method: 'GET', path: AUDIT, skip: 1, times: 1 });
		const failed = await trigger.poll();
		expect(failed.error?.message).toBeTruthy();
		expect(failed.requests).toBe(2);
		expect(failed.changed).toBe(false);
		expect(trigger.staticData).toEqual(before);

		const good = await trigger.poll();
		expect(good.error).toBeUndefined();
		expect(good.ids).toEqual(expected);
		expect(await trigger.poll()).toMatchObject({ output: null, requests: 1 });
		expect(trigger.emitted).toEqual(expected);
	});

	it('can start with the past hours instead of now', async () => {
		const now = nowSeconds();
		record(sandbox(), 1, now - 3 * 3600);
		const recent = [...record(sandbox(), 1, now - 2 * 3600 + 60), ...record(sandbox(), 1, now - 30)];
		const trigger = activeTrigger(sandbox, { options: { lookbackHours: 2 } });

		const first = await trigger.poll();
		expect(first.ids).toEqual(recent);
		expect(await trigger.poll()).toMatchObject({ output: null });
	});

	it('asks only for the chosen events, projects, actors and resources', async () => {
		const [, project] = sandbox().state.projects;
		const trigger = activeTrigger(sandbox, {
			events: ['api_key.created', 'user.added'],
			filters: { project_ids: [project.id], actor_emails: 'a@example.com, b@example.com', actor_ids: 'user-1', resource_ids: 'key_1' },
		});
		await trigger.poll();
		const query = new URL(sandbox().requests[0].rawUrl, 'http://x').searchParams;
		expect(query.getAll('event_types[]')).toEqual(['api_key.created', 'user.added']);
		expect(query.getAll('project_ids[]')).toEqual([project.id]);
		expect(query.getAll('actor_emails[]')).toEqual(['a@example.com', 'b@example.com']);
		expect(query.getAll('actor_ids[]')).toEqual(['user-1']);
		expect(query.getAll('resource_ids[]')).toEqual(['key_1']);
		expect(query.has('tenant_only')).toBe(false);
	});

	it('emits only the chosen event types', async () => {
		const trigger = activeTrigger(sandbox, { events: ['service_account.created'] });
		await trigger.poll();
		const project = sandbox().state.projects.find((p) => !p.is_default)!;
		await runNode(
			{ resource: 'projectServiceAccount', operation: 'create', projectId: { __rl: true, mode: 'id', value: project.id }, name: 'bot' },
			{ api: sandbox() },
		);
		const next = await trigger.poll();
		expect(next.output![0].map((item) => item.json.type)).toEqual(['service_account.created']);
	});

	it('refuses a bad filter before any request, naming the field', async () => {
		const trigger = activeTrigger(sandbox, { filters: { actor_emails: 'not-an-email' } });
		const result = await trigger.poll();
		expect(result.error?.message).toMatch(/^Actor Emails: "not-an-email" is not an email address/);
		expect(result.requests).toBe(0);
		const mixed = await activeTrigger(sandbox, { events: ['api_key.created', 'tenant.user.added'] }).poll();
		expect(mixed.error?.message).toMatch(/^Event Types: tenant-scoped/);
	});

	it('asks for tenant-scoped events with tenant_only when every chosen type is one', async () => {
		await activeTrigger(sandbox, { events: ['tenant.user.added'] }).poll();
		expect(new URL(sandbox().requests[0].rawUrl, 'http://x').searchParams.get('tenant_only')).toBe('true');
	});
});

describe('OpenAI Admin Trigger: manual mode (Fetch Test Event)', () => {
	const sandbox = useSandbox({ projects: 2 });

	it('returns the newest matching event in one request, without moving the position', async () => {
		const trigger = activeTrigger(sandbox, { events: ['project.created'] });
		await trigger.poll();
		const before = structuredClone(trigger.staticData);
		const result = await trigger.poll('manual');

		expect(result.error).toBeUndefined();
		const newest = sandbox().state.auditLogs.find((event) => event.type === 'project.created');
		expect(result.output).toEqual([[expect.objectContaining({ json: newest })]]);
		expect(result.requests).toBe(1);
		expect(new URL(sandbox().requests[0].rawUrl, 'http://x').searchParams.get('limit')).toBe('1');
		expect(result.changed).toBe(false);
		expect(trigger.staticData).toEqual(before);
	});

	it('says so when no event matches', async () => {
		const result = await activeTrigger(sandbox, { events: ['login.failed'] }).poll('manual');
		expect(result.error?.message).toBe('No audit log event matches the trigger yet');
		expect((result.error as { description?: string }).description).toMatch(/create an API key/);
	});
});

describe('OpenAI Admin Trigger: failing polls', () => {
	const sandbox = useSandbox({ projects: 1 });

	const failure = async (options: Partial<PollOptions> = {}, parameters: INodeParameters = {}) => {
		const result = await pollTrigger(parameters, { api: sandbox(), ...options });
		expect(result.changed).toBe(false);
		const error = result.error as Error & { description?: string; httpCode?: string };
		const shown = `${error.message}\n${error.description ?? ''}\n${JSON.stringify(error)}`;
		expect(shown).not.toContain(sandbox().adminKey);
		return error;
	};

	it('401: the admin key is refused', async () => {
		const error = await failure({ credential: { apiKey: 'sk-admin-wrong-key-1234567890' } });
		expect(error.httpCode).toBe('401');
		expect(error.description).toMatch(/admin key was refused.*OpenAI Admin API credential/);
		expect(error.description).toMatch(/Nothing was skipped/);
	});

	it('403: a key without the scope for the audit log', async () => {
		const error = await failure({ credential: { apiKey: 'sk-proj-abcdefghijklmnop' } });
		expect(error.httpCode).toBe('403');
		expect(error.description).toMatch(/may not read the audit log.*sk-admin-/);
	});

	it('audit logging turned off for the organization', async () => {
		sandbox().state.auditLogging = false;
		const error = await failure();
		expect(error.message).toMatch(/Audit logging is not enabled/);
		expect(error.description).toMatch(/^Audit logging is turned off for this OpenAI organization.*organization owner turns it on/);
	});

	it('429 after the retries', async () => {
		sandbox().addFault({ kind: 'status', status: 429, retryAfter: { ms: 5 }, path: AUDIT });
		const error = await failure();
		expect(error.httpCode).toBe('429');
		expect(error.description).toMatch(/too many requests.*Nothing was skipped/);
		expect(sandbox().requests).toHaveLength(4);
	});

	it('the network: nothing listens at the Base URL', async () => {
		const closed = await startClosedPort();
		const error = await failure({ credential: { baseUrl: `http://127.0.0.1:${closed}/v1` } });
		expect(error.message).toMatch(/^Could not reach the OpenAI Administration API \(ECONNREFUSED\)/);
		expect(error.description).toMatch(/could not connect.*Nothing was skipped/);
	}, 60_000);
});

/** A loopback port nothing listens on (bound, then closed). */
async function startClosedPort(): Promise<number> {
	const net = await import('node:net');
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** The position a trigger keeps, as stored. */
type StoredPosition = { effectiveAt: number; idsAtEffectiveAt: string[]; lastId?: string; previousId?: string; query?: string };
const storedPosition = (staticData: IDataObject) => positionIn(staticData) as StoredPosition;

/** Waits until the sandbox has received `count` requests. */
async function received(sandbox: Sandbox, count: number): Promise<void> {
	while (sandbox.requests.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('OpenAI Admin Trigger: one poll at a time', () => {
	const sandbox = useSandbox({ projects: 1 });

	it('a poll that starts while the one before still runs returns nothing, asks nothing and moves nothing; each event comes once', async () => {
		const active = activateTrigger({}, { api: sandbox() });
		expect((await active.poll()).error).toBeUndefined();
		const expected = record(sandbox(), 150, nowSeconds() + 1);
		sandbox().resetLog();
		// The next poll's first page is slow: the next tick of Poll Times comes while it waits.
		sandbox().addFault({ kind: 'latency', latencyMs: 400, path: AUDIT, times: 1 });

		const slow = active.poll();
		await received(sandbox(), 1);
		const overlapping = await active.poll();
		expect(overlapping).toMatchObject({ output: null, changed: false });
		expect(overlapping.error).toBeUndefined();
		expect(sandbox().requests).toHaveLength(1);

		const done = await slow;
		expect(done.output![0].map((item) => item.json.id)).toEqual(expected);
		expect(done.changed).toBe(true);
		// The mark that a poll runs is not part of what n8n saves.
		expect(Object.keys(done.staticData)).toEqual(['node:OpenAI Admin Trigger']);
		expect(Object.keys(done.staticData['node:OpenAI Admin Trigger'] as IDataObject)).toEqual(['position']);
		// Once it has finished, the next poll runs again, and finds nothing new.
		expect(await active.poll()).toMatchObject({ output: null, changed: false });
	});

	it('a poll that failed lets the next one run', async () => {
		const active = activateTrigger({}, { api: sandbox() });
		await active.poll();
		const expected = record(sandbox(), 3, nowSeconds() + 1);
		sandbox().addFault({ kind: 'status', status: 400, path: AUDIT, times: 1 });
		expect((await active.poll()).error).toBeDefined();
		expect((await active.poll()).output![0].map((item) => item.json.id)).toEqual(expected);
	});
});

describe('OpenAI Admin Trigger: an audit log cut short', () => {
	const sandbox = useSandbox({ projects: 1 });

	/**
	 * Spoils each request of one poll in turn (the first, then the second, ...): whichever page comes
	 * back wrong, the poll either fails and leaves the position where it was, or emits exactly the
	 * new events (a window of the time search that still says all there is, a cursor walk that gave
	 * way to reading from the time).
	 */
	const STARTS = ['from its cursor alone', 'from its cursor and the event before it', 'from the time'] as const;
	it.each(STARTS.flatMap((start) => (['empty', 'no_cursor', 'repeat'] as const).map((kind) => [start, kind] as const)))(
		'reading %s, a %s page on any request: an error and no move, or every new event once',
		async (start, kind) => {
			const trigger = activeTrigger(sandbox);
			await trigger.poll();
			const { effectiveAt } = storedPosition(trigger.staticData);
			if (start !== 'from the time') {
				record(sandbox(), start === 'from its cursor alone' ? 1 : 2, effectiveAt + 1);
				await trigger.poll();
				expect(storedPosition(trigger.staticData).lastId).toBeDefined();
				expect(storedPosition(trigger.staticData).previousId === undefined).toBe(start === 'from its cursor alone');
			} else {
				expect(storedPosition(trigger.staticData).lastId).toBeUndefined();
			}
			const burst = [...record(sandbox(), 120, effectiveAt + 2), ...record(sandbox(), 60, effectiveAt + 3)];

			const outcomes: string[] = [];
			for (let spoiled = 0; ; spoiled++) {
				sandbox().clearFaults();
				sandbox().addFault({ kind: 'bad_page', page: kind, path: AUDIT, skip: spoiled, times: 1 });
				sandbox().resetLog();
				const result = await pollTrigger({}, { api: sandbox(), staticData: trigger.staticData });
				if (sandbox().requests.every((request) => request.fault === undefined)) break;
				if (result.error) {
					expect(result.error.message).toMatch(/^The OpenAI Administration API sent .* \(page \d+ of GET \/organization\/audit_logs\)$/);
					expect((result.error as { description?: string }).description).toMatch(/would be incomplete.*Nothing was skipped/);
					expect(result.changed).toBe(false);
					outcomes.push('error');
				} else {
					expect(result.output![0].map((item) => item.json.id)).toEqual(burst);
					outcomes.push('complete');
				}
			}
			expect(outcomes.length).toBeGreaterThan(1);
			// Read from a cursor, a bad page sends the poll back to reading from the time, which gets it right;
			// read from the time, where nothing is left to fall back on, some bad page is an error.
			expect(outcomes.includes('error')).toBe(start === 'from the time');
		},
	);
});

describe('OpenAI Admin Trigger: nothing new', () => {
	const sandbox = useSandbox({ projects: 1 });

	it('is one request, also right after a burst of events on one second', async () => {
		const trigger = activeTrigger(sandbox);
		await trigger.poll();
		const burst = record(sandbox(), 150, storedPosition(trigger.staticData).effectiveAt + 1);
		expect((await trigger.poll()).ids).toEqual(burst);

		const quiet = await trigger.poll();
		expect(quiet).toMatchObject({ output: null, changed: false, requests: 1 });
		// It asks for what came after the event before the newest emitted, which the page must end with.
		expect(sandbox().requests[0].query).toMatchObject({ before: burst[148], limit: '100' });
	});
});

describe('OpenAI Admin Trigger: a backlog', () => {
	const sandbox = useSandbox({ projects: 1, users: 2 });

	it('catches up on 200,000 events over polls of Max Events Per Poll, oldest first, each once, moving after each poll', async () => {
		const trigger = activeTrigger(sandbox, { options: { maxEventsPerPoll: 10_000 } });
		await trigger.poll();
		const start = storedPosition(trigger.staticData).effectiveAt + 1;
		const backlog = sandbox().state.recordBacklog(200_000, { from: start, to: start + 40_000 });

		const sizes: number[] = [];
		for (let poll = 0; poll < 20; poll++) {
			const result = await trigger.poll();
			expect(result.error).toBeUndefined();
			expect(result.changed).toBe(true);
			// Pages overlap by one event: 99 new a page. The first poll first finds its place by the time.
			if (poll > 0) expect(result.requests).toBe(Math.ceil(10_000 / 99));
			sizes.push(result.ids.length);
			expect(storedPosition(trigger.staticData).lastId).toBe(backlog[(poll + 1) * 10_000 - 1]);
		}
		expect(sizes).toEqual(Array(20).fill(10_000));
		expect(await trigger.poll()).toMatchObject({ output: null, requests: 1 });
		expect(trigger.emitted).toEqual(backlog);
	}, 120_000);

	it('finds the oldest of 200,000 events from a time alone in a few requests, then reads on from there', async () => {
		// A minute inside the 3 hours, so that the seconds spent recording cannot push it out.
		const start = nowSeconds() - 3 * 3600 + 60;
		const backlog = sandbox().state.recordBacklog(200_000, { from: start, to: start + 3 * 3600 - 120 });
		const trigger = activeTrigger(sandbox, { options: { lookbackHours: 3 } });

		const first = await trigger.poll();
		expect(first.ids).toEqual(backlog.slice(0, 1000));
		// One page from the time, about log2(3 hours) windows, then the pages after the oldest ones.
		expect(first.requests).toBeLessThanOrEqual(1 + 15 + Math.ceil(1000 / 99));
		const second = await trigger.poll();
		expect(second.ids).toEqual(backlog.slice(1000, 2000));
		// 99 new events a page: the pages overlap by one.
		expect(second.requests).toBe(Math.ceil(1000 / 99));
	}, 60_000);

	it('walks a second that holds more than a page when the oldest events share it', async () => {
		const start = nowSeconds() - 600;
		const sameSecond = sandbox().state.recordBacklog(250, { from: start, to: start });
		const later = sandbox().state.recordBacklog(50, { from: start + 1, to: start + 60 });
		const trigger = activeTrigger(sandbox, { options: { lookbackHours: 1, maxEventsPerPoll: 120 } });

		expect((await trigger.poll()).ids).toEqual(sameSecond.slice(0, 120));
		expect((await trigger.poll()).ids).toEqual(sameSecond.slice(120, 240));
		expect((await trigger.poll()).ids).toEqual([...sameSecond.slice(240), ...later]);
		expect(await trigger.poll()).toMatchObject({ output: null, requests: 1 });
	});
});

describe('OpenAI Admin Trigger: reading on from the time', () => {
	const sandbox = useSandbox({ projects: 1 });

	it('when the API no longer knows the cursor, without repeating what the position has', async () => {
		const trigger = activeTrigger(sandbox);
		await trigger.poll();
		const { effectiveAt } = storedPosition(trigger.staticData);
		const first = record(sandbox(), 3, effectiveAt + 1);
		expect((await trigger.poll()).ids).toEqual(first);
		// The log dropped its events up to the cursor's (past its retention, say): the API refuses the cursor.
		const logs = sandbox().state.auditLogs;
		logs.splice(logs.findIndex((event) => event.id === first[2]));
		const next = record(sandbox(), 2, effectiveAt + 1);

		const result = await trigger.poll();
		expect(result.ids).toEqual(next);
		expect(sandbox().requests.map((request) => request.status)).toEqual([400, 200]);
	});

	it('when the events or filters changed, since the cursor belongs to the old ones', async () => {
		let parameters: INodeParameters = { events: ['rate_limit.updated'] };
		const trigger = activeTrigger(sandbox);
		const poll = async () => {
			sandbox().resetLog();
			return await pollTrigger(parameters, { api: sandbox(), staticData: trigger.staticData });
		};
		await trigger.poll();
		const { effectiveAt } = storedPosition(trigger.staticData);
		record(sandbox(), 2, effectiveAt + 1);
		const seen = await poll();
		expect(seen.changed).toBe(true);
		parameters = { events: ['rate_limit.updated', 'project.updated'] };
		const moved = { ...seen.staticData };
		const project = sandbox().state.projects[0];
		sandbox().state.recordEvent({ type: 'project.updated', payload: { id: project.id }, project, at: effectiveAt + 2 });

		const result = await pollTrigger(parameters, { api: sandbox(), staticData: moved });
		expect(result.output![0].map((item) => item.json.type)).toEqual(['project.updated']);
		expect(sandbox().requests.at(-1)!.query).toMatchObject({ 'effective_at[gte]': String(effectiveAt + 1) });
		expect(sandbox().requests.at(-1)!.query.before).toBeUndefined();
	});
});
