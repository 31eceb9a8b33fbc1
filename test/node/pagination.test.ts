/**
 * Return All and Limit on every list, at the collection sizes where cursor bugs live: empty, one
 * item, exactly one page, one more than a page, and several pages.
 */
import type { INodeParameters } from 'n8n-workflow';

import { registry } from '../../nodes/OpenAiAdmin/actions/registry';
import type { Sandbox } from '../../sandbox';
import { addSpendAlerts } from '../../sandbox/resources/spend';
import { adminApiKeys } from '../../sandbox/resources/admin-api-keys';
import { certificates } from '../../sandbox/resources/certificates';
import { groups, groupUsers, projectGroups, type Group } from '../../sandbox/resources/groups';
import { invites } from '../../sandbox/resources/invites';
import { groupRoles, roles, userRoles } from '../../sandbox/resources/roles';
import type { CollectionStore } from '../../sandbox/store';
import { byId } from '../helpers/runNode';
import { runAgainst, useSandbox } from '../helpers/sandbox';

/** Fills a collection of exactly `size` items and returns the ids in list order plus extra parameters. */
type Fill = (sandbox: Sandbox, size: number) => { ids: string[]; parameters: INodeParameters };

/** A list below one project: a fresh, empty project holds exactly what the test adds. */
const inProject =
	(add: (sandbox: Sandbox, projectId: string, size: number) => Array<{ id: string }>): Fill =>
	(sandbox, size) => {
		const [project] = sandbox.state.addProjects(1);
		return { ids: add(sandbox, project.id, size).map((item) => item.id), parameters: { projectId: byId(project.id) } };
	};

/** Exactly `size` made objects in a store's collection under `scope`, in the order the list serves them. */
function fillStore<T extends { id: string }, S>(
	sandbox: Sandbox,
	store: CollectionStore<T, S>,
	scope: S,
	size: number,
	make: (n: number) => T,
): string[] {
	const items = store.items(scope, sandbox.state);
	items.splice(0, items.length, ...Array.from({ length: size }, (_, n) => make(n)));
	const ids = items.map((item) => item.id);
	return store.options.order === 'desc' ? ids.reverse() : ids;
}

const at = (n: number) => 1_700_000_000 + n;
const idOf = (prefix: string, n: number) => `${prefix}${String(n).padStart(5, '0')}`;
const role = (n: number) => ({
	object: 'role' as const,
	id: idOf('role_', n),
	name: `Role ${n}`,
	description: null,
	permissions: [],
	resource_type: 'api.organization' as const,
	predefined_role: false,
	created_at: at(n),
	updated_at: at(n),
});
const group = (n: number) => ({ id: idOf('group_', n), name: `Group ${n}`, created_at: at(n), is_scim_managed: false, group_type: 'group' as const });
const certificate = (n: number) => ({
	id: idOf('cert_', n),
	name: `Certificate ${n}`,
	created_at: at(n),
	content: `pem ${n}`,
	valid_at: at(n),
	expires_at: at(n) + 1,
	active: false,
	projects: [],
});

/** A list below one group: a fresh group holds exactly what the test adds. */
const inGroup =
	<T extends { id: string }>(store: CollectionStore<T, Group>, make: (sandbox: Sandbox, n: number) => T): Fill =>
	(sandbox, size) => {
		const parent = group(0);
		groups.items(sandbox.state, sandbox.state).push(parent);
		return { ids: fillStore(sandbox, store, parent, size, (n) => make(sandbox, n)), parameters: { groupId: byId(parent.id) } };
	};

/** A role made in the sandbox, and its assignment. */
function assigned(sandbox: Sandbox, n: number) {
	const made = role(n);
	roles.items(sandbox.state, sandbox.state).push(made);
	return { id: made.id, role: made, created_at: at(n) };
}

/** How the sandbox fills each list the registry declares, by the list's path. */
const FILLS: Record<string, Fill> = {
	'/organization/projects': (sandbox, size) => ({ ids: sandbox.state.addProjects(size).map((p) => p.id), parameters: {} }),
	'/organization/projects/{project_id}/users': inProject((s, id, n) => s.state.addProjectUsers(id, n)),
	'/organization/projects/{project_id}/service_accounts': inProject((s, id, n) => s.state.addServiceAccounts(id, n)),
	'/organization/projects/{project_id}/api_keys': inProject((s, id, n) => s.state.addApiKeys(id, n)),
	'/organization/projects/{project_id}/rate_limits': inProject((s, id, n) => s.state.addRateLimits(id, n)),
	'/organization/spend_alerts': (sandbox, size) => ({ ids: addSpendAlerts(sandbox.state, size).map((a) => a.id), parameters: {} }),
	'/organization/projects/{project_id}/spend_alerts': inProject((s, id, n) => addSpendAlerts(s.state, n, s.state.findProject(id))),
	// Only the events the test records, newest first as the API lists them.
	'/organization/audit_logs': (sandbox, size) => {
		sandbox.state.auditLogs.length = 0;
		for (let i = 0; i < size; i++) sandbox.state.recordEvent({ type: 'project.updated', payload: { id: `proj_${i}` }, at: 1_800_000_000 + i });
		return { ids: sandbox.state.auditLogs.map((event) => event.id), parameters: {} };
	},
	'/organization/users': (sandbox, size) => {
		sandbox.state.organizationUsers.splice(0);
		return { ids: sandbox.state.addOrganizationUsers(size).map((u) => u.id), parameters: {} };
	},
	'/organization/invites': (sandbox, size) => ({
		ids: fillStore(sandbox, invites, sandbox.state, size, (n) => ({
			object: 'organization.invite' as const,
			id: idOf('invite-', n),
			email: `p${n}@example.org`,
			role: 'reader' as const,
			status: 'pending' as const,
			created_at: at(n),
			expires_at: null,
			accepted_at: null,
			projects: [],
		})),
		parameters: {},
	}),
	'/organization/admin_api_keys': (sandbox, size) => ({
		ids: fillStore(sandbox, adminApiKeys, sandbox.state, size, (n) => ({
			object: 'organization.admin_api_key' as const,
			id: idOf('key_', n),
			name: `Key ${n}`,
			redacted_value: 'sk-admin...abcd',
			created_at: at(n),
			expires_at: null,
			last_used_at: null,
			owner: { type: 'user' as const, object: 'organization.user' as const, id: 'user-1', name: 'Owner', created_at: 0, role: 'owner' as const },
		})),
		parameters: {},
	}),
	'/organization/groups': (sandbox, size) => ({ ids: fillStore(sandbox, groups, sandbox.state, size, group), parameters: {} }),
	'/organization/roles': (sandbox, size) => ({ ids: fillStore(sandbox, roles, sandbox.state, size, role), parameters: {} }),
	'/organization/certificates': (sandbox, size) => ({ ids: fillStore(sandbox, certificates, sandbox.state, size, certificate), parameters: {} }),
	'/organization/projects/{project_id}/certificates': (sandbox, size) => {
		const [project] = sandbox.state.addProjects(1);
		return { ids: fillStore(sandbox, certificates, sandbox.state, size, certificate), parameters: { projectId: byId(project.id) } };
	},
	'/organization/groups/{group_id}/users': inGroup(groupUsers, (sandbox, n) => ({ id: sandbox.state.addOrganizationUsers(1)[0].id, added_at: at(n) })),
	'/organization/groups/{group_id}/roles': inGroup(groupRoles, assigned),
	'/organization/users/{user_id}/roles': (sandbox, size) => {
		const [user] = sandbox.state.addOrganizationUsers(1);
		return { ids: fillStore(sandbox, userRoles, user, size, (n) => assigned(sandbox, n)), parameters: { userId: byId(user.id) } };
	},
	'/organization/projects/{project_id}/groups': (sandbox, size) => {
		const [project] = sandbox.state.addProjects(1);
		const made = Array.from({ length: size }, (_, n) => group(n));
		groups.items(sandbox.state, sandbox.state).splice(0, Infinity, ...made);
		const ids = fillStore(sandbox, projectGroups, project, size, (n) => ({ id: made[n].id, role: 'role_proj_member', created_at: at(n) }));
		return { ids, parameters: { projectId: byId(project.id) } };
	},
};

const lists = registry
	.filter((entry) => entry.pager)
	.map((entry) => ({ resource: entry.resource, path: entry.path, fill: FILLS[entry.path], page: entry.pager!.maxLimit }));

it('knows how to fill every list the registry declares', () => {
	expect(lists.filter((list) => !list.fill).map((list) => list.path)).toEqual([]);
});

describe.each(lists)('Get Many of $resource', ({ resource, fill, page }) => {
	const SIZES = [0, 1, page, page + 1, page * 2.5];
	// No seeded projects: the project list then holds exactly what a test adds.
	const sandbox = useSandbox({ projects: 0, defaultProject: false });

	it.each(SIZES)(`Return All over %i items: every item once, in ceil(n/${page}) requests`, async (size) => {
		const { ids, parameters } = fill(sandbox(), size);
		const run = await runAgainst(sandbox(), { resource, operation: 'getMany', returnAll: true, ...parameters });

		expect(run.error).toBeUndefined();
		expect(run.json.map((item) => item.id ?? item.group_id)).toEqual(ids);
		const requests = sandbox().requests;
		expect(requests).toHaveLength(Math.max(1, Math.ceil(size / page)));
		expect(requests.every((request) => request.query.limit === String(page))).toBe(true);
		// Each page starts after the last id of the one before (the sandbox's `next` is that id, too).
		expect(requests.map((request) => request.query.after)).toEqual(
			requests.map((_, index) => (index === 0 ? undefined : ids[index * page - 1])),
		);
	});

	it.each([
		[0, 1, 1],
		[1, 100, 1],
		[100, 100, 1],
		[101, 100, 1],
		[250, 37, 1],
	])('Limit over %i items with Limit %i: at most Limit items in %i request', async (size, limit, expectedRequests) => {
		const { ids, parameters } = fill(sandbox(), size);
		const run = await runAgainst(sandbox(), { resource, operation: 'getMany', returnAll: false, limit, ...parameters });

		expect(run.error).toBeUndefined();
		expect(run.json.map((item) => item.id ?? item.group_id)).toEqual(ids.slice(0, limit));
		expect(sandbox().requests).toHaveLength(expectedRequests);
		expect(sandbox().requests[0].query.limit).toBe(String(limit));
	});
});

describe.each(lists)('Return All of $resource when the API cuts the list short', ({ resource, fill, page }) => {
	const sandbox = useSandbox({ projects: 0, defaultProject: false });

	it.each([
		['is empty but says has_more', 'empty', 'an empty page that says has_more: true'],
		['says has_more without a cursor', 'no_cursor', 'has_more: true without a'],
		['is the first page again', 'repeat', 'a second time'],
	] as const)('a second page that %s fails the item instead of returning part of the list', async (_case, kind, said) => {
		const { parameters } = fill(sandbox(), page * 2.5);
		sandbox().addFault({ kind: 'bad_page', page: kind, method: 'GET', skip: 1, times: 1 });
		const run = await runAgainst(sandbox(), { resource, operation: 'getMany', returnAll: true, ...parameters });

		expect(run.json).toEqual([]);
		expect(run.error?.message).toContain(said);
		expect(run.error?.message).toContain('(page 2 of GET /organization/');
		expect(run.error?.description).toMatch(/would be incomplete/);
	});

	it('with Continue On Fail, the item becomes one error item and the others still run', async () => {
		const { ids, parameters } = fill(sandbox(), page * 2.5);
		sandbox().addFault({ kind: 'bad_page', page: 'empty', method: 'GET', skip: 1, times: 1 });
		const run = await runAgainst(
			sandbox(),
			{ resource, operation: 'getMany', returnAll: true, ...parameters },
			{ continueOnFail: true, input: [{ n: 1 }, { n: 2 }] },
		);

		expect(run.error).toBeUndefined();
		expect(run.items[0]).toMatchObject({ json: { error: expect.stringContaining('has_more: true') }, pairedItem: { item: 0 } });
		expect(run.json.slice(1).map((item) => item.id ?? item.group_id)).toEqual(ids);
		expect(run.items.slice(1).every((item) => (item.pairedItem as { item: number }).item === 1)).toBe(true);
	});
});

describe('Return All of 200,000 items', () => {
	const sandbox = useSandbox({ projects: 1, users: 2 });

	it('comes out whole, each item once and paired with its input item', async () => {
		const now = Math.floor(Date.now() / 1000);
		const ids = sandbox().state.recordBacklog(200_000, { from: now - 20_000, to: now });
		const run = await runAgainst(sandbox(), {
			resource: 'auditLog',
			operation: 'getMany',
			returnAll: true,
			filters: { effectiveAtOrAfter: now - 20_000 },
		});

		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(200_000);
		expect(run.json[0].id).toBe(ids[199_999]);
		expect(run.json[199_999].id).toBe(ids[0]);
		expect(new Set(run.json.map((item) => item.id)).size).toBe(200_000);
		expect(run.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(sandbox().requests).toHaveLength(2000);
	}, 120_000);
});
