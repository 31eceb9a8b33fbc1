/**
 * The generic stores on their own, through test-only stores bound to real operations of the spec:
 * each pager style and its guards, the plain create/get/update/delete endpoints and their audit
 * events, the singleton store, and routes bound by operationId (an unknown operation, an operation
 * of another path, or one operation served twice fails at load).
 */
import type { OperationId } from '../../nodes/shared/spec';
import { SandboxState } from '../../sandbox';
import { route, type Route, type RouteContext } from '../../sandbox/resources/context';
import { ApiError } from '../../sandbox/http';
import type { PagerStyle } from '../../sandbox/pagers';
import { oneRoutePerOperation } from '../../sandbox/routes';
import { CollectionStore, SingletonStore, organization, project } from '../../sandbox/store';
import type { Project } from '../../sandbox/types';

interface Widget {
	object: 'widget';
	id: string;
	name: string;
	created_at: number;
}

/** Widgets where the spec has groups: the store's routes are bound to the group operations. */
function widgets(pager: PagerStyle) {
	return new CollectionStore<Widget>({
		path: '/organization/groups',
		idParam: 'group_id',
		noun: 'widget',
		object: 'widget',
		idPrefix: 'wdg_',
		scope: organization,
		pager,
		events: { created: 'group.created', updated: 'group.updated', deleted: 'group.deleted' },
		eventData: (w) => ({ group_name: w.name }),
		eventChanges: (body) => ({ group_name: body.name }),
	});
}

const state = () => new SandboxState({ seed: 1, now: () => 1_800_000_000 });

/** Runs a route's handler as the server would after validation; an ApiError comes back as {status, param}. */
function run(s: SandboxState, route: Route, params: Record<string, string> = {}, query: Record<string, string> = {}, body = {}) {
	const ctx: RouteContext = { state: s, params, query: new URLSearchParams(query), body, now: s.now };
	try {
		return route.handler(ctx) as any;
	} catch (err) {
		if (err instanceof ApiError) return { status: err.status, param: err.param };
		throw err;
	}
}

const list = (store: CollectionStore<Widget>) => store.listRoute('list-groups');

function fill(s: SandboxState, store: CollectionStore<Widget>, n: number): string[] {
	const create = store.createRoute('create-group');
	return Array.from({ length: n }, (_, i) => run(s, create, {}, {}, { name: `w${i}` }).id);
}

describe('CollectionStore pager styles', () => {
	it('last_id: first_id/last_id/has_more, `after` naming an object', () => {
		const s = state();
		const store = widgets('last_id');
		const ids = fill(s, store, 5);
		const page = run(s, list(store), {}, { limit: '2' });
		expect(page).toEqual({ object: 'list', data: [expect.objectContaining({ id: ids[0] }), expect.objectContaining({ id: ids[1] })], first_id: ids[0], last_id: ids[1], has_more: true });
		expect(run(s, list(store), {}, { after: ids[3] }).data.map((w: Widget) => w.id)).toEqual([ids[4]]);
		expect(run(s, list(store), {}, { after: 'wdg_never' })).toEqual({ status: 400, param: 'after' });
	});

	it('next: `next` is the cursor for `after`, null on the last page', () => {
		const s = state();
		const store = widgets('next');
		const ids = fill(s, store, 5);
		const seen: string[] = [];
		let query: Record<string, string> = { limit: '2' };
		for (let guard = 0; guard < 10; guard++) {
			const page = run(s, list(store), {}, query);
			expect(Object.keys(page).sort()).toEqual(['data', 'has_more', 'next', 'object']);
			seen.push(...page.data.map((w: Widget) => w.id));
			if (!page.has_more) {
				expect(page.next).toBeNull();
				break;
			}
			query = { limit: '2', after: page.next };
		}
		expect(seen).toEqual(ids);
		expect(run(s, list(store), {}, { after: 'nope' })).toEqual({ status: 400, param: 'after' });
	});

	it('page: object "page", next_page tokens, a token of no page is a 400 naming page', () => {
		const s = state();
		const store = widgets('page');
		const ids = fill(s, store, 5);
		const first = run(s, list(store), {}, { limit: '3' });
		expect(first).toMatchObject({ object: 'page', has_more: true, next_page: expect.any(String) });
		const second = run(s, list(store), {}, { limit: '3', page: first.next_page });
		expect([...first.data, ...second.data].map((w: Widget) => w.id)).toEqual(ids);
		expect(second).toMatchObject({ has_more: false, next_page: null });
		for (const page of ['garbage', 'page_99', 'page_-1']) {
			expect(run(s, list(store), {}, { page })).toEqual({ status: 400, param: 'page' });
		}
	});

	it.each(['last_id', 'next', 'page'] as const)('%s: limit is 1..100, else a 400 naming limit', (pager) => {
		const s = state();
		const store = widgets(pager);
		for (const limit of ['0', '101', 'x']) expect(run(s, list(store), {}, { limit })).toEqual({ status: 400, param: 'limit' });
		expect(run(s, list(store), {}, { limit: '100' }).data).toEqual([]);
	});
});

describe('CollectionStore plain endpoints', () => {
	it('create, get, update, delete: one event each, with the changed id and the spec payload', () => {
		const s = state();
		const store = widgets('last_id');
		const created = run(s, store.createRoute('create-group'), {}, {}, { name: 'first' });
		expect(created).toEqual({ object: 'widget', id: expect.stringMatching(/^wdg_[A-Za-z0-9]{24}$/), name: 'first', created_at: 1_800_000_000 });
		const params = { group_id: created.id };
		expect(run(s, store.getRoute('retrieve-group'), params)).toEqual(created);
		expect(run(s, store.updateRoute('update-group'), params, {}, { name: '  second ' }).name).toBe('second');
		expect(run(s, store.deleteRoute('delete-group'), params)).toEqual({ object: 'widget.deleted', id: created.id, deleted: true });
		expect(run(s, store.getRoute('retrieve-group'), params)).toEqual({ status: 404, param: null });
		expect(s.auditLogs.map((e) => [e.type, e[e.type]])).toEqual([
			['group.deleted', { id: created.id }],
			['group.updated', { id: created.id, changes_requested: { group_name: '  second ' } }],
			['group.created', { id: created.id, data: { group_name: 'first' } }],
		]);
		expect(s.auditLogs[0].actor).toEqual({ type: 'api_key', api_key: { id: s.adminKeyId, type: 'user', user: expect.any(Object) } });
	});

	it('a cursor naming a deleted object keeps working', () => {
		const s = state();
		const store = widgets('last_id');
		const ids = fill(s, store, 4);
		run(s, store.deleteRoute('delete-group'), { group_id: ids[1] });
		expect(run(s, list(store), {}, { after: ids[1] }).data.map((w: Widget) => w.id)).toEqual([ids[2], ids[3]]);
	});

	it('a change without an audit event type is refused, not served silently', () => {
		const store = new CollectionStore<Widget>({ path: '/organization/groups', idParam: 'group_id', noun: 'x', object: 'x', idPrefix: 'x_', scope: organization });
		expect(() => store.createRoute('create-group')).toThrow(/audit event type/);
		expect(() => store.deleteRoute('delete-group')).toThrow(/audit event type/);
		expect(store.getRoute('retrieve-group').method).toBe('GET');
	});

	it('project-scoped: objects are kept per project; an archived project answers 400 to changes, 404 when unknown', () => {
		const s = state();
		const [a, b] = s.addProjects(2);
		const store = new CollectionStore<Widget, Project>({
			path: '/organization/projects/{project_id}/spend_alerts',
			idParam: 'alert_id',
			noun: 'widget',
			object: 'widget',
			idPrefix: 'wdg_',
			scope: project,
			events: { created: 'group.created' },
		});
		const [create, listed] = [store.createRoute('create-project-spend-alert'), store.listRoute('list-project-spend-alerts')];
		run(s, create, { project_id: a.id }, {}, { name: 'in a' });
		expect(run(s, listed, { project_id: a.id }).data).toHaveLength(1);
		expect(run(s, listed, { project_id: b.id }).data).toHaveLength(0);
		expect(s.auditLogs[0].project).toEqual({ id: a.id, name: a.name });
		s.archiveProject(b.id);
		expect(run(s, create, { project_id: b.id }, {}, { name: 'x' })).toEqual({ status: 400, param: null });
		expect(run(s, listed, { project_id: 'proj_nope' })).toEqual({ status: 404, param: null });
	});
});

describe('SingletonStore', () => {
	const retention = new SingletonStore<{ object: string; retention_days: number }, Project>({
		path: '/organization/projects/{project_id}/model_permissions',
		scope: project,
		defaults: () => ({ object: 'data_retention', retention_days: 30 }),
		event: 'project.updated',
	});

	it('serves defaults, changes them per parent with an event, and resets them', () => {
		const s = state();
		const [a, b] = s.addProjects(2);
		const get = retention.getRoute('retrieve-project-model-permissions');
		expect(run(s, get, { project_id: a.id })).toEqual({ object: 'data_retention', retention_days: 30 });
		expect(run(s, retention.updateRoute('update-project-model-permissions'), { project_id: a.id }, {}, { retention_days: 7 }).retention_days).toBe(7);
		expect(run(s, get, { project_id: b.id }).retention_days).toBe(30);
		expect(s.auditLogs[0]).toMatchObject({ type: 'project.updated', project: { id: a.id } });
		expect(run(s, retention.resetRoute('delete-project-model-permissions'), { project_id: a.id }).retention_days).toBe(30);
		expect(s.auditLogs.filter((e) => e.type === 'project.updated')).toHaveLength(2);
	});
});

describe('routes bound by operationId', () => {
	const handler = () => ({});

	it('take their method and path from the operation table', () => {
		expect(route('archive-project', { handler })).toMatchObject({ operationId: 'archive-project', method: 'POST', path: '/organization/projects/{project_id}/archive' });
	});

	it('an operationId the table does not have fails at load', () => {
		expect(() => route('archive-everything' as OperationId, { handler })).toThrow(/'archive-everything' is not an operation of the spec/);
	});

	it('a store helper bound to an operation of another method or path fails at load', () => {
		const store = widgets('next');
		expect(() => store.getRoute('list-groups')).toThrow(/'list-groups' is GET \/organization\/groups, not the store's GET \/organization\/groups\/\{group_id\}/);
		expect(() => store.listRoute('list-invites')).toThrow(/not the store's GET \/organization\/groups$/);
		expect(() => store.updateRoute('delete-group')).toThrow(/is DELETE/);
	});

	it('two routes for one operation fail at load', () => {
		const store = widgets('next');
		expect(() => oneRoutePerOperation([list(store), store.getRoute('retrieve-group'), list(store)])).toThrow(/two routes serve the operation 'list-groups'/);
		expect(oneRoutePerOperation([list(store), store.getRoute('retrieve-group')])).toHaveLength(2);
	});
});

describe('the seeded collections are store collections', () => {
	it('projects, organization users and what hangs under a project are the state\'s arrays under their store\'s path', () => {
		const s = state();
		s.addOrganizationUsers(2);
		const [p] = s.addProjects(1, { users: 1, serviceAccounts: 1, apiKeys: 1, rateLimits: 1 });
		expect(s.collection('/organization/projects', 'organization')).toBe(s.projects);
		expect(s.collection('/organization/users', 'organization')).toBe(s.organizationUsers);
		for (const [path, items] of [
			['/organization/projects/{project_id}/users', p.users],
			['/organization/projects/{project_id}/service_accounts', p.serviceAccounts],
			['/organization/projects/{project_id}/api_keys', p.apiKeys],
			['/organization/projects/{project_id}/rate_limits', p.rateLimits],
		] as const) {
			expect([path, s.collection(path, p.id)]).toEqual([path, items]);
			expect(s.collection(path, p.id)).toBe(items);
			expect(items).toHaveLength(1);
		}
	});
});
