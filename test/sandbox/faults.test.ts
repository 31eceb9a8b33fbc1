import { startSandbox, type Sandbox } from '../../sandbox';
import type { LocalServer } from '../helpers/httpServer';
import { startServer } from '../helpers/httpServer';
import { client, expectError } from './helpers';

let sb: Sandbox;
let call: ReturnType<typeof client>;

beforeEach(async () => {
	sb = await startSandbox({ seed: 9, projects: 2, now: () => 1800000000 });
	call = client(sb);
});
afterEach(() => sb.close());

const PROJECTS = '/organization/projects';

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const t = performance.now();
	const value = await fn();
	return { ms: performance.now() - t, value };
}

describe('latency', () => {
	it('delays matching requests by a fixed time, then answers normally', async () => {
		sb.addFault({ kind: 'latency', latencyMs: 80, path: PROJECTS });
		const slow = await timed(() => call('GET', PROJECTS));
		expect(slow.value.status).toBe(200);
		expect(slow.ms).toBeGreaterThanOrEqual(75);
		expect(sb.requests.at(-1)).toMatchObject({ fault: 'latency', latencyMs: 80 });
		await call('GET', `${PROJECTS}/${sb.state.projects[0].id}`);
		expect(sb.requests.at(-1)!.fault).toBeUndefined();
		expect(sb.requests.at(-1)!.latencyMs).toBeUndefined();
	});

	it('draws random latency within a range', async () => {
		sb.addFault({ kind: 'latency', latencyMs: [10, 60] });
		// What was drawn is read from the request log: timing the calls on a busy machine measures the machine.
		for (let i = 0; i < 6; i++) {
			const { ms } = await timed(() => call('GET', PROJECTS));
			expect(ms).toBeGreaterThanOrEqual(sb.requests.at(-1)!.latencyMs! - 1);
		}
		const drawn = sb.requests.map((request) => request.latencyMs!);
		for (const ms of drawn) {
			expect(ms).toBeGreaterThanOrEqual(10);
			expect(ms).toBeLessThanOrEqual(60);
		}
		expect(new Set(drawn).size).toBeGreaterThan(1);
	});
});

describe('status faults', () => {
	it('500 and 503 with OpenAI-style JSON bodies; the server did nothing', async () => {
		sb.addFault({ kind: 'status', status: 500, method: 'POST', path: PROJECTS, times: 1 });
		sb.addFault({ kind: 'status', status: 503, method: 'POST', path: PROJECTS, times: 1 });
		const before = sb.state.projects.length;
		const r500 = await call('POST', PROJECTS, { body: { name: 'x' } });
		expectError(r500, 500);
		expect(r500.body.error.type).toBe('server_error');
		const r503 = await call('POST', PROJECTS, { body: { name: 'x' } });
		expectError(r503, 503);
		expect(sb.state.projects.length).toBe(before);
		const ok = await call('POST', PROJECTS, { body: { name: 'x' } });
		expect(ok.status).toBe(200);
		expect(sb.requests.map((r) => [r.status, r.fault])).toEqual([
			[500, 'status'],
			[503, 'status'],
			[200, undefined],
		]);
	});

	it('502 comes as the proxy HTML page, not JSON', async () => {
		sb.addFault({ kind: 'status', status: 502 });
		const res = await call('GET', PROJECTS);
		expect(res.status).toBe(502);
		expect(res.headers.get('content-type')).toBe('text/html');
		expect(res.text).toContain('502 Bad Gateway');
		expect(res.body).toBeUndefined();
	});

	it('matches method, exact path or RegExp; skip then times', async () => {
		const p = sb.state.projects[1].id;
		sb.addFault({ kind: 'status', status: 500, method: 'GET', path: /\/users$/, skip: 1, times: 2 });
		const users = `${PROJECTS}/${p}/users`;
		const statuses: number[] = [];
		for (let i = 0; i < 5; i++) statuses.push((await call('GET', users)).status);
		expect(statuses).toEqual([200, 500, 500, 200, 200]);
		// other paths and methods untouched
		expect((await call('GET', PROJECTS)).status).toBe(200);
		expect((await call('POST', users, { body: { role: 'member' } })).status).toBe(400);
	});

	it('matches the path without the query string', async () => {
		sb.addFault({ kind: 'status', status: 503, path: PROJECTS });
		expect((await call('GET', PROJECTS, { query: { limit: 5 } })).status).toBe(503);
	});

	it('applies before auth: a faulted request never reaches the server', async () => {
		sb.addFault({ kind: 'status', status: 500, times: 1 });
		expect((await call('GET', PROJECTS, { key: null })).status).toBe(500);
		expect((await call('GET', PROJECTS, { key: null })).status).toBe(401);
	});
});

describe('429 and Retry-After', () => {
	const retryHeaders = (h: Headers) => ({ ra: h.get('retry-after'), ms: h.get('retry-after-ms') });

	it('Retry-After in seconds', async () => {
		sb.addFault({ kind: 'status', status: 429, retryAfter: { seconds: 2 } });
		const res = await call('GET', PROJECTS);
		expectError(res, 429);
		expect(res.body.error.code).toBe('rate_limit_exceeded');
		expect(retryHeaders(res.headers)).toEqual({ ra: '2', ms: null });
	});

	it('retry-after-ms', async () => {
		sb.addFault({ kind: 'status', status: 429, retryAfter: { ms: 250 } });
		expect(retryHeaders((await call('GET', PROJECTS)).headers)).toEqual({ ra: null, ms: '250' });
	});

	it('Retry-After as an HTTP date, from the sandbox clock', async () => {
		sb.addFault({ kind: 'status', status: 429, retryAfter: { seconds: 3, httpDate: true } });
		const { ra } = retryHeaders((await call('GET', PROJECTS)).headers);
		expect(ra).toBe(new Date((1800000000 + 3) * 1000).toUTCString());
		expect(Date.parse(ra!)).toBe((1800000000 + 3) * 1000);
	});

	it('no header at all, as the live admin API often sends', async () => {
		sb.addFault({ kind: 'status', status: 429 });
		const res = await call('GET', PROJECTS);
		expect(res.status).toBe(429);
		expect(retryHeaders(res.headers)).toEqual({ ra: null, ms: null });
	});
});

describe('dropped connections and malformed JSON', () => {
	it('drop: the connection closes without a response and nothing happens', async () => {
		sb.addFault({ kind: 'drop', method: 'POST', times: 1 });
		const before = sb.state.projects.length;
		await expect(call('POST', PROJECTS, { body: { name: 'dropped' } })).rejects.toThrow();
		expect(sb.state.projects.length).toBe(before);
		expect(sb.requests.at(-1)).toMatchObject({ method: 'POST', status: 0, fault: 'drop', body: { name: 'dropped' } });
		expect((await call('POST', PROJECTS, { body: { name: 'next' } })).status).toBe(200);
	});

	it('malformed_json: a 200 whose body does not parse', async () => {
		sb.addFault({ kind: 'malformed_json', path: PROJECTS });
		const res = await call('GET', PROJECTS);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/json');
		expect(() => JSON.parse(res.text)).toThrow();
		expect(sb.requests.at(-1)!.fault).toBe('malformed_json');
	});
});

describe('bad_page: list pages that contradict themselves', () => {
	beforeEach(() => sb.state.addProjects(5));

	it('empty: no items, yet has_more and a cursor', async () => {
		sb.addFault({ kind: 'bad_page', page: 'empty', path: PROJECTS, times: 1 });
		const res = await call('GET', PROJECTS, { query: { limit: 2 } });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ object: 'list', data: [], has_more: true });
		expect(typeof res.body.last_id).toBe('string');
		expect(sb.requests.at(-1)!.fault).toBe('bad_page');
		expect((await call('GET', PROJECTS, { query: { limit: 2 } })).body.data).toHaveLength(2);
	});

	it('no_cursor: has_more without a cursor, on the last page too', async () => {
		sb.addFault({ kind: 'bad_page', page: 'no_cursor', path: PROJECTS });
		const res = await call('GET', PROJECTS, { query: { limit: 100 } });
		expect(res.body.data.length).toBe(sb.state.projects.length);
		expect(res.body).toMatchObject({ has_more: true, last_id: null });
	});

	it('repeat: the cursor is ignored and the first page comes again', async () => {
		const first = await call('GET', PROJECTS, { query: { limit: 2 } });
		sb.addFault({ kind: 'bad_page', page: 'repeat', path: PROJECTS, times: 1 });
		const again = await call('GET', PROJECTS, { query: { limit: 2, after: first.body.last_id } });
		expect(again.body).toEqual(first.body);
		const second = await call('GET', PROJECTS, { query: { limit: 2, after: first.body.last_id } });
		expect(second.body.data[0].id).not.toBe(first.body.data[0].id);
	});

	it('passes what is not a list page unchanged, and needs a page kind', async () => {
		sb.addFault({ kind: 'bad_page', page: 'empty' });
		const project = await call('GET', `${PROJECTS}/${sb.state.projects[0].id}`);
		expect(project.body).toMatchObject({ id: sb.state.projects[0].id });
		expect(() => sb.addFault({ kind: 'bad_page' })).toThrow(/page/);
	});
});

describe('redirect', () => {
	let elsewhere: LocalServer;
	beforeEach(async () => {
		elsewhere = await startServer(() => ({ object: 'list', data: [], has_more: false }));
	});
	afterEach(() => elsewhere.close());

	it('answers 307 by default, with the same path and query under location, and touches nothing', async () => {
		sb.addFault({ kind: 'redirect', location: `${elsewhere.baseUrl}/v1`, method: 'POST' });
		const before = sb.state.projects.length;
		const res = await call('POST', PROJECTS, { body: { name: 'moved' }, query: { limit: 5 }, redirect: 'manual' });
		expect(res.status).toBe(307);
		expect(res.headers.get('location')).toBe(`${elsewhere.baseUrl}/v1${PROJECTS}?limit=5`);
		expect(res.headers.get('content-type')).toBe('text/html');
		expect(res.text).toContain('307 Temporary Redirect');
		expect(sb.state.projects.length).toBe(before);
		expect(sb.requests.at(-1)).toMatchObject({ method: 'POST', status: 307, fault: 'redirect' });
		expect(elsewhere.requests).toEqual([]);
	});

	it.each([301, 302, 303, 308])('answers %i when asked; a client that follows it asks the other server', async (status) => {
		sb.addFault({ kind: 'redirect', status, location: `${elsewhere.baseUrl}/v1/`, path: PROJECTS });
		expect((await call('GET', PROJECTS, { redirect: 'manual' })).status).toBe(status);
		const followed = await call('GET', PROJECTS);
		expect(followed.status).toBe(200);
		expect(elsewhere.requests.map((request) => request.rawUrl)).toEqual([`/v1${PROJECTS}`]);
		// Other paths are not redirected.
		expect((await call('GET', '/organization/users', { redirect: 'manual' })).status).toBe(200);
	});

	it('can come after the handler: the server acted, then sends the client away', async () => {
		sb.addFault({ kind: 'redirect', location: elsewhere.baseUrl, method: 'POST', path: PROJECTS, afterHandler: true, times: 1 });
		const before = sb.state.projects.length;
		expect((await call('POST', PROJECTS, { body: { name: 'acted' }, redirect: 'manual' })).status).toBe(307);
		expect(sb.state.projects.length).toBe(before + 1);
	});

	it('rejects a redirect without an absolute http(s) location, or with a status that is no redirect', () => {
		expect(() => sb.addFault({ kind: 'redirect' })).toThrow(/location/);
		expect(() => sb.addFault({ kind: 'redirect', location: '/v1/elsewhere' })).toThrow(/location/);
		expect(() => sb.addFault({ kind: 'redirect', location: 'ftp://example.org/' })).toThrow(/location/);
		expect(() => sb.addFault({ kind: 'redirect', location: elsewhere.baseUrl, status: 304 })).toThrow(/301, 302, 303, 307, 308/);
	});
});

describe('afterHandler: the server acted, then the answer was lost', () => {
	it.each([
		['status', { kind: 'status' as const, status: 500 }],
		['drop', { kind: 'drop' as const }],
		['malformed_json', { kind: 'malformed_json' as const }],
	])('%s after the handler: the project exists although the client saw a failure', async (_name, rule) => {
		sb.addFault({ ...rule, method: 'POST', path: PROJECTS, afterHandler: true, times: 1 });
		const before = sb.state.projects.length;
		const outcome = await call('POST', PROJECTS, { body: { name: 'ambiguous' } }).then(
			(r) => r,
			(e: Error) => e,
		);
		if (rule.kind === 'drop') expect(String((outcome as Error).message)).toMatch(/fetch failed/);
		else if (rule.kind === 'status') expect((outcome as any).status).toBe(500);
		else {
			const text = (outcome as any).text as string;
			expect(() => JSON.parse(text)).toThrow();
			expect(text.startsWith('{"id":"proj_')).toBe(true);
		}
		expect(sb.state.projects.length).toBe(before + 1);
		expect(sb.state.projects.at(-1)!.name).toBe('ambiguous');
	});
});

describe('probability', () => {
	it('faults a seeded random share of requests, the same way for the same seed', async () => {
		const run = async (seed: number) => {
			const s = await startSandbox({ seed, projects: 0, faults: [{ kind: 'status', status: 503, probability: 0.5 }] });
			const c = client(s);
			const out: number[] = [];
			for (let i = 0; i < 40; i++) out.push((await c('GET', PROJECTS)).status);
			await s.close();
			return out;
		};
		const a = await run(21);
		const b = await run(21);
		const c = await run(22);
		expect(a).toEqual(b);
		expect(a).not.toEqual(c);
		const faulted = a.filter((s) => s === 503).length;
		expect(faulted).toBeGreaterThan(8);
		expect(faulted).toBeLessThan(32);
	});

	it('times counts affected requests, not matches', async () => {
		sb.addFault({ kind: 'status', status: 500, probability: 0.5, times: 3 });
		let failures = 0;
		for (let i = 0; i < 40; i++) if ((await call('GET', PROJECTS)).status === 500) failures++;
		expect(failures).toBe(3);
	});
});

describe('rules', () => {
	it('faults passed to startSandbox apply from the start; clearFaults removes them', async () => {
		const s = await startSandbox({ projects: 0, faults: [{ kind: 'status', status: 503 }] });
		const c = client(s);
		try {
			expect((await c('GET', PROJECTS)).status).toBe(503);
			s.clearFaults();
			expect((await c('GET', PROJECTS)).status).toBe(200);
		} finally {
			await s.close();
		}
	});

	it('the first failure rule that fires wins; latency adds up with it', async () => {
		sb.addFault({ kind: 'latency', latencyMs: 40 });
		sb.addFault({ kind: 'status', status: 502, times: 1 });
		sb.addFault({ kind: 'status', status: 503 });
		const first = await timed(() => call('GET', PROJECTS));
		expect(first.value.status).toBe(502);
		expect(first.ms).toBeGreaterThanOrEqual(35);
		expect((await call('GET', PROJECTS)).status).toBe(503);
	});

	it('rejects malformed rules', () => {
		expect(() => sb.addFault({ kind: 'status' })).toThrow(/status/);
		expect(() => sb.addFault({ kind: 'latency' })).toThrow(/latencyMs/);
		expect(() => sb.addFault({ kind: 'drop', probability: 2 })).toThrow(/probability/);
		expect(() => sb.addFault({ kind: 'nope' as any })).toThrow(/kind/);
	});

	it('close() does not wait for requests stuck in latency', async () => {
		sb.addFault({ kind: 'latency', latencyMs: 10000 });
		const pending = call('GET', PROJECTS).catch((e) => e);
		await new Promise((r) => setTimeout(r, 30));
		const t = Date.now();
		await sb.close();
		// Far below the 10 s the request would otherwise hold it open.
		expect(Date.now() - t).toBeLessThan(5000);
		expect(String((await pending).message)).toMatch(/fetch failed/);
	});
});

describe('token-bucket rate limit', () => {
	it('answers 429 once the bucket is empty, with retry headers, and refills over the window', async () => {
		// One token per 3 s: the five calls below come long before a refill, however busy the machine.
		sb.setRateLimit({ requests: 3, windowMs: 9000 });
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) statuses.push((await call('GET', PROJECTS)).status);
		expect(statuses).toEqual([200, 200, 200, 429]);
		const limited = sb.requests.at(-1)!;
		expect(limited.fault).toBe('rate_limit');
		const res = await call('GET', PROJECTS);
		expectError(res, 429);
		expect(res.body.error.code).toBe('rate_limit_exceeded');
		const waitMs = Number(res.headers.get('retry-after-ms'));
		expect(waitMs).toBeGreaterThan(0);
		expect(waitMs).toBeLessThanOrEqual(3000);
		expect(res.headers.get('retry-after')).toBe(String(Math.ceil(waitMs / 1000)));
		expect(res.headers.get('x-ratelimit-limit-requests')).toBe('3');
		await new Promise((r) => setTimeout(r, waitMs + 20));
		expect((await call('GET', PROJECTS)).status).toBe(200);
	});

	it('counts every route and every outcome; setRateLimit() lifts it', async () => {
		sb.setRateLimit({ requests: 2, windowMs: 60000 });
		expect((await call('GET', PROJECTS)).status).toBe(200);
		expect((await call('GET', '/organization/users/user-nobody')).status).toBe(404);
		expect((await call('GET', '/organization/users')).status).toBe(429);
		sb.setRateLimit();
		expect((await call('GET', '/organization/users')).status).toBe(200);
	});

	it('can leave out the retry headers; the option works from startSandbox too', async () => {
		const s = await startSandbox({ projects: 0, rateLimit: { requests: 1, windowMs: 60000, retryAfterHeaders: false } });
		const c = client(s);
		try {
			expect((await c('GET', PROJECTS)).status).toBe(200);
			const res = await c('GET', PROJECTS);
			expect(res.status).toBe(429);
			expect(res.headers.get('retry-after')).toBeNull();
			expect(res.headers.get('retry-after-ms')).toBeNull();
		} finally {
			await s.close();
		}
	});
});
