import http from 'node:http';
import { startSandbox, type Sandbox } from '../../sandbox';
import { useSandbox } from '../helpers/sandbox';
import { client, clientOf, expectError } from './helpers';

const sandbox = useSandbox({ seed: 2, projects: 2 });
const call = clientOf(sandbox);

describe('auth', () => {
	it('no Authorization header: 401 with the standard error body', async () => {
		const res = await call('GET', '/organization/projects', { key: null });
		expectError(res, 401, null);
		expect(res.body.error.message).toMatch(/didn't provide an API key/);
		expect(res.body.error.type).toBe('invalid_request_error');
	});

	it('a non-Bearer Authorization header counts as no key', async () => {
		const res = await call('GET', '/organization/projects', { key: null, headers: { authorization: `Basic ${sandbox().adminKey}` } });
		expectError(res, 401);
	});

	it('a wrong key: 401 invalid_api_key, the key masked, never echoed whole', async () => {
		const wrong = 'sk-admin-THISisNOTtheRIGHTkeyAtAll0123456789abcdef';
		const res = await call('GET', '/organization/projects', { key: wrong });
		expectError(res, 401, null);
		expect(res.body.error.code).toBe('invalid_api_key');
		expect(res.body.error.message).toMatch(/^Incorrect API key provided: sk-admin\*+cdef\./);
		expect(res.text).not.toContain(wrong);
		expect(res.text).not.toContain(wrong.slice(8, -4));
		const short = await call('GET', '/organization/projects', { key: 'abc' });
		expect(short.text).not.toMatch(/abc/);
	});

	it('a project key (sk-proj-…): 403 with the bare-string error body', async () => {
		const res = await call('GET', '/organization/projects', { key: 'sk-proj-abcdefghijklmnopqrstuvwxyz' });
		expect(res.status).toBe(403);
		expect(res.text).toBe(
			JSON.stringify({ error: 'You have insufficient permissions for this operation. Missing scopes: api.management.read.' }),
		);
		expect(typeof res.body.error).toBe('string');
	});

	it('the admin key is deterministic per seed and looks like one', async () => {
		expect(sandbox().adminKey).toMatch(/^sk-admin-[A-Za-z0-9_-]{40,}$/);
		const same = await startSandbox({ seed: 2, projects: 0 });
		const other = await startSandbox({ seed: 3, projects: 0, adminKey: 'sk-admin-mine' });
		try {
			expect(same.adminKey).toBe(sandbox().adminKey);
			expect(other.adminKey).toBe('sk-admin-mine');
		} finally {
			await same.close();
			await other.close();
		}
	});

	it('auth failures change nothing', async () => {
		const before = sandbox().state.projects.length;
		expect((await call('POST', '/organization/projects', { key: null, body: { name: 'x' } })).status).toBe(401);
		expect((await call('POST', '/organization/projects', { key: 'sk-proj-x', body: { name: 'x' } })).status).toBe(403);
		expect(sandbox().state.projects.length).toBe(before);
	});
});

describe('routing, bodies, path parameters', () => {
	it('listens on 127.0.0.1 with a /v1 base URL', () => {
		expect(sandbox().baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
		expect(sandbox().port).toBeGreaterThan(0);
	});

	it('unknown URLs and paths outside /v1 are 404 with the error body', async () => {
		expectError(await call('GET', '/organization/nothing'), 404);
		expectError(await call('GET', '/organization/projects/'), 404);
		const outside = await fetch(`${sandbox().baseUrl.replace(/\/v1$/, '')}/organization/projects`, {
			headers: { authorization: `Bearer ${sandbox().adminKey}` },
		});
		expect(outside.status).toBe(404);
	});

	it('decodes path parameters once for lookup and records the raw path', async () => {
		const [p] = sandbox().state.addProjects(1);
		p.id = 'proj_with space/and%';
		const raw = `/organization/projects/${encodeURIComponent(p.id)}`;
		const res = await call('GET', raw);
		expect(res.status).toBe(200);
		expect(res.body.id).toBe('proj_with space/and%');
		expect(sandbox().requests.at(-1)!.path).toBe('/organization/projects/proj_with%20space%2Fand%25');
		// decoded once only: a doubly-encoded id is a different id
		expectError(await call('GET', `/organization/projects/${encodeURIComponent(encodeURIComponent(p.id))}`), 404);
		// a malformed escape matches nothing
		expectError(await call('GET', '/organization/projects/%E0%A4%A'), 404);
	});

	it('records every request: method, path, rawUrl, query, body, headers, status', async () => {
		sandbox().resetLog();
		await call('GET', '/organization/projects', { query: { limit: 2, include_archived: 'false' } });
		await call('POST', '/organization/projects', { body: { name: 'Logged' } });
		await call('GET', '/organization/projects', { key: null });
		expect(sandbox().requests).toHaveLength(3);
		expect(sandbox().requests[0]).toMatchObject({
			method: 'GET',
			path: '/organization/projects',
			rawUrl: '/v1/organization/projects?limit=2&include_archived=false',
			query: { limit: '2', include_archived: 'false' },
			body: undefined,
			status: 200,
		});
		expect(sandbox().requests[0].headers.authorization).toBe(`Bearer ${sandbox().adminKey}`);
		expect(sandbox().requests[1]).toMatchObject({ method: 'POST', body: { name: 'Logged' }, status: 200 });
		expect(sandbox().requests[2].status).toBe(401);
		expect(sandbox().requests.every((r) => r.fault === undefined)).toBe(true);
		const log = sandbox().requests;
		sandbox().resetLog();
		expect(log).toBe(sandbox().requests);
		expect(sandbox().requests).toHaveLength(0);
	});

	it('records how many requests were open when each arrived, dropped ones included', async () => {
		sandbox().resetLog();
		await call('GET', '/organization/projects');
		await call('GET', '/organization/projects');
		// Held open by latency, three at once: each arrival sees the ones before it still open.
		sandbox().addFault({ kind: 'latency', latencyMs: 1000, times: 3 });
		await Promise.all([1, 2, 3].map(async () => await call('GET', '/organization/projects')));
		sandbox().clearFaults();
		sandbox().addFault({ kind: 'drop', times: 1 });
		await call('GET', '/organization/projects').catch(() => undefined);
		await call('GET', '/organization/projects');
		expect(sandbox().requests.map((r) => r.inFlight)).toEqual([1, 1, 1, 2, 3, 1, 1]);
	});

	it('answers with JSON, a request id and the OpenAI headers', async () => {
		const res = await call('GET', '/organization/projects');
		expect(res.headers.get('content-type')).toBe('application/json');
		expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
		expect(res.headers.get('openai-version')).toBe('2020-10-01');
	});

	it('keeps working over a keep-alive connection and closes promptly with open sockets', async () => {
		const agent = new http.Agent({ keepAlive: true });
		const get = () =>
			new Promise<number>((resolve, reject) => {
				http
					.get(`${sandbox().baseUrl}/organization/projects`, { agent, headers: { authorization: `Bearer ${sandbox().adminKey}` } }, (res) => {
						res.resume();
						res.on('end', () => resolve(res.statusCode ?? 0));
					})
					.on('error', reject);
			});
		expect(await get()).toBe(200);
		expect(await get()).toBe(200);
		const t = Date.now();
		await sandbox().close();
		// Waiting for the idle sockets would take Node's keep-alive timeout (5 s).
		expect(Date.now() - t).toBeLessThan(4000);
		agent.destroy();
	});
});

describe('determinism', () => {
	it('the same seed gives the same ids, names and timestamps; another seed does not', async () => {
		const a = await startSandbox({ seed: 11, projects: 5 });
		const b = await startSandbox({ seed: 11, projects: 5 });
		const c = await startSandbox({ seed: 12, projects: 5 });
		try {
			const dump = (s: Sandbox) => JSON.stringify({ u: s.state.organizationUsers, p: s.state.projects });
			expect(dump(a)).toBe(dump(b));
			expect(dump(a)).not.toBe(dump(c));
			// and objects created through the API get the same ids too
			const ca = await client(a)('POST', '/organization/projects', { body: { name: 'x' } });
			const cb = await client(b)('POST', '/organization/projects', { body: { name: 'x' } });
			expect(ca.body.id).toBe(cb.body.id);
		} finally {
			await Promise.all([a.close(), b.close(), c.close()]);
		}
	});

	it('seeds the documented defaults', async () => {
		const s = await startSandbox();
		try {
			expect(s.state.projects).toHaveLength(4);
			expect(s.state.projects[0]).toMatchObject({ name: 'Default project', is_default: true });
			expect(s.state.organizationUsers).toHaveLength(10);
			for (const p of s.state.projects) {
				expect(p.users).toHaveLength(2);
				expect(p.serviceAccounts).toHaveLength(1);
				expect(p.apiKeys).toHaveLength(2);
				expect(p.rateLimits).toHaveLength(6);
			}
			const times = s.state.projects.map((p) => p.created_at);
			expect([...times].sort((x, y) => x - y)).toEqual(times);
			expect(Math.max(...times)).toBeLessThan(s.state.epoch);
		} finally {
			await s.close();
		}
	});

	// How fast it seeds is the benchmark's business (timed assertions fail on a busy machine).
	it('a large seed stays unique', async () => {
		const s = await startSandbox({ projects: 250, users: 300 });
		try {
			expect(new Set(s.state.projects.map((p) => p.name)).size).toBe(251);
			expect(new Set(s.state.projects.map((p) => p.id)).size).toBe(251);
			expect(new Set(s.state.organizationUsers.map((u) => u.email)).size).toBe(300);
		} finally {
			await s.close();
		}
	});
});
