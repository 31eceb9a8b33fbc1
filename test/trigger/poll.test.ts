/**
 * The OpenAI Admin Trigger's poll through n8n-core's PollContext against the sandbox, carrying the
 * workflow's static data from one poll to the next as n8n does: the first poll starts from now,
 * events arriving between polls (many on one second, over several pages) come out once each and
 * oldest first, a failed poll moves nothing, manual mode shows the newest event.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { PollResult } from '../../engine';
import type { Sandbox } from '../../sandbox';
import type { PollOptions } from '../helpers/runNode';
import { pollTrigger, runNode } from '../helpers/runNode';
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
		const already = record(sandbox(), 3, nowSeconds());
		const first = await trigger.poll();

		expect(first.error).toBeUndefined();
		expect(first.output).toBeNull();
		expect(first.requests).toBe(1);
		const position = positionIn(trigger.staticData) as { effectiveAt: number; idsAtEffectiveAt: string[] };
		expect(position.effectiveAt).toBeGreaterThanOrEqual(nowSeconds() - 5);
		expect(position.idsAtEffectiveAt).toEqual(expect.arrayContaining(already));
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
		expect(positionIn(trigger.staticData)).toEqual({ effectiveAt: position.effectiveAt + 3, idsAtEffectiveAt: [expected[154]] });

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
