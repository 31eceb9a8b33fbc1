import { startSandbox, type Sandbox } from '../../sandbox';
import type { SandboxState } from '../../sandbox/state';
import type { Project } from '../../sandbox/types';
import { client, expectError, walk } from './helpers';

const SIZES = [0, 1, 99, 100, 101, 250];

/** A list of a project: a new project given exactly n items by `add`, its path ending in `segment`. */
function inNewProject(
	segment: string,
	add: (state: SandboxState, projectId: string, n: number) => unknown,
	items: (project: Project) => Array<{ id: string }>,
) {
	return (s: SandboxState, n: number) => {
		const [p] = s.addProjects(1);
		add(s, p.id, n);
		return { path: `/organization/projects/${p.id}/${segment}`, ids: () => items(p).map((item) => item.id) };
	};
}

/** Each list endpoint: how to give it exactly n items, and its path. */
const LISTS: Record<string, (state: SandboxState, n: number) => { path: string; ids: () => string[] }> = {
	projects: (s, n) => {
		s.addProjects(n);
		return { path: '/organization/projects', ids: () => s.projects.map((p) => p.id) };
	},
	'organization users': (s, n) => {
		s.addOrganizationUsers(n);
		return { path: '/organization/users', ids: () => s.organizationUsers.map((u) => u.id) };
	},
	'project users': inNewProject('users', (s, id, n) => s.addProjectUsers(id, n), (p) => p.users),
	'service accounts': inNewProject('service_accounts', (s, id, n) => s.addServiceAccounts(id, n), (p) => p.serviceAccounts),
	'api keys': inNewProject('api_keys', (s, id, n) => s.addApiKeys(id, n), (p) => p.apiKeys),
	'rate limits': inNewProject('rate_limits', (s, id, n) => s.addRateLimits(id, n), (p) => p.rateLimits),
};

const empty = { projects: 0, defaultProject: false, users: 0 };

function checkPages(pages: any[], limit: number) {
	pages.forEach((page, i) => {
		expect(page.object).toBe('list');
		const last = i === pages.length - 1;
		expect(page.has_more).toBe(!last);
		if (!last) expect(page.data).toHaveLength(limit);
		expect(page.data.length).toBeLessThanOrEqual(limit);
		expect(page.first_id).toBe(page.data.length ? page.data[0].id : null);
		expect(page.last_id).toBe(page.data.length ? page.data.at(-1).id : null);
	});
	// no trailing empty page after a full one
	if (pages.length > 1) expect(pages.at(-1).data.length).toBeGreaterThan(0);
}

describe.each(Object.keys(LISTS))('%s: pagination walks', (name) => {
	let sb: Sandbox;
	afterEach(() => sb.close());

	it.each(SIZES)('returns every item exactly once, in order, for %i items', async (n) => {
		sb = await startSandbox(empty);
		const { path, ids } = LISTS[name](sb.state, n);
		const call = client(sb);
		expect(ids()).toHaveLength(n);
		for (const limit of [undefined, 1, 7, 100]) {
			if (limit === 1 && n > 101) continue; // keep the suite fast
			const { items, pages } = await walk(call, path, limit ? { limit } : {});
			expect(items.map((x) => x.id)).toEqual(ids());
			const effective = limit ?? (name === 'rate limits' ? 100 : 20);
			checkPages(pages, effective);
			expect(pages).toHaveLength(Math.max(1, Math.ceil(n / effective)));
		}
	});
});

describe('limit and cursor validation', () => {
	let sb: Sandbox;
	let call: ReturnType<typeof client>;
	let paths: string[];
	beforeAll(async () => {
		sb = await startSandbox({ projects: 2 });
		call = client(sb);
		const p = sb.state.projects[1].id;
		paths = [
			'/organization/projects',
			'/organization/users',
			`/organization/projects/${p}/users`,
			`/organization/projects/${p}/service_accounts`,
			`/organization/projects/${p}/api_keys`,
			`/organization/projects/${p}/rate_limits`,
		];
	});
	afterAll(() => sb.close());

	it.each(['0', '101', '-1', 'abc', '1.5', '', '1e2'])('limit=%s is a 400 naming limit with code null', async (limit) => {
		for (const path of paths) {
			const res = await call('GET', path, { query: { limit } });
			expectError(res, 400, 'limit');
			expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: null });
		}
	});

	it('limit 1 and 100 are accepted', async () => {
		for (const path of paths) {
			expect((await call('GET', path, { query: { limit: 1 } })).status).toBe(200);
			expect((await call('GET', path, { query: { limit: 100 } })).status).toBe(200);
		}
	});

	it('an after cursor that never named an object of the list is a 400 naming after', async () => {
		for (const path of paths) expectError(await call('GET', path, { query: { after: 'obj_unknown' } }), 400, 'after');
		// an id from another collection is not a cursor here either
		expectError(await call('GET', '/organization/projects', { query: { after: sb.state.organizationUsers[0].id } }), 400, 'after');
	});
});

describe('cursors across changes', () => {
	let sb: Sandbox;
	let call: ReturnType<typeof client>;
	beforeEach(async () => {
		sb = await startSandbox(empty);
		call = client(sb);
	});
	afterEach(() => sb.close());

	it('a cursor naming an object deleted since still continues where it stood', async () => {
		const [p] = sb.state.addProjects(1);
		sb.state.addApiKeys(p.id, 30);
		const path = `/organization/projects/${p.id}/api_keys`;
		const first = await call('GET', path, { query: { limit: 10 } });
		// delete the cursor object and its predecessor
		await call('DELETE', `${path}/${first.body.last_id}`);
		await call('DELETE', `${path}/${first.body.data[8].id}`);
		const rest = await walk(call, path, { limit: 10, after: first.body.last_id });
		expect(rest.items.map((k) => k.id)).toEqual(p.apiKeys.slice(8).map((k) => k.id));
		expect(p.apiKeys).toHaveLength(28);
	});

	it('hidden items (archived projects) are skipped but still work as cursors', async () => {
		const projects = sb.state.addProjects(25);
		for (const i of [0, 4, 5, 19, 24]) sb.state.archiveProject(projects[i].id);
		const visible = projects.filter((p) => p.archived_at === null).map((p) => p.id);
		const { items } = await walk(call, '/organization/projects', { limit: 4 });
		expect(items.map((p) => p.id)).toEqual(visible);
		const fromArchived = await call('GET', '/organization/projects', { query: { after: projects[4].id, limit: 2 } });
		expect(fromArchived.body.data.map((p: any) => p.id)).toEqual([projects[6].id, projects[7].id]);
		const all = await walk(call, '/organization/projects', { limit: 4, include_archived: true });
		expect(all.items.map((p) => p.id)).toEqual(projects.map((p) => p.id));
	});

	it('rate limits walk backwards with before', async () => {
		const [p] = sb.state.addProjects(1);
		sb.state.addRateLimits(p.id, 45);
		const path = `/organization/projects/${p.id}/rate_limits`;
		const all = p.rateLimits.map((r) => r.id);
		const page = await call('GET', path, { query: { before: all[20], limit: 7 } });
		expect(page.body.data.map((r: any) => r.id)).toEqual(all.slice(13, 20));
		expect(page.body.has_more).toBe(true);
		// walk all the way back from the end
		const collected: string[] = [];
		let before = all[44];
		collected.unshift(all[44]);
		for (;;) {
			const res = await call('GET', path, { query: { before, limit: 10 } });
			collected.unshift(...res.body.data.map((r: any) => r.id));
			if (!res.body.has_more) break;
			before = res.body.first_id;
		}
		expect(collected).toEqual(all);
		const start = await call('GET', path, { query: { before: all[0] } });
		expect(start.body).toMatchObject({ data: [], has_more: false, first_id: null, last_id: null });
		expectError(await call('GET', path, { query: { before: 'rl-nope' } }), 400, 'before');
		const between = await call('GET', path, { query: { after: all[2], before: all[6] } });
		expect(between.body.data.map((r: any) => r.id)).toEqual(all.slice(3, 6));
	});
});
