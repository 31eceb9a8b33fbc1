/**
 * Every change made through the API records one audit event in the spec's AuditLog shape, and
 * GET /organization/audit_logs serves them newest first with the spec's filters and cursors.
 */
import { routes, startSandbox, type Sandbox } from '../../sandbox';
import { addSpendAlerts } from '../../sandbox/resources/spend';
import { client, expectError, walk } from './helpers';
import { seedPeople } from '../helpers/people';

/** The people-and-access world of a change: groups, roles, invites, admin keys, certificates around project 1. */
const people = (s: Sandbox) => {
	const p = s.state.projects[1];
	return seedPeople(s, { members: p.users.slice(0, 2), roleHolder: p.users[0], project: p });
};
/** Someone in no project, owning no key. */
const loner = (s: Sandbox) => s.state.addOrganizationUsers(1)[0];
const PEM = '-----BEGIN CERTIFICATE-----\nMIIBaudit\n-----END CERTIFICATE-----\n';

let sb: Sandbox;
let call: ReturnType<typeof client>;
const NOW = 1_800_000_000;

beforeEach(async () => {
	sb = await startSandbox({ seed: 5, projects: 3, users: 8, serviceAccountsPerProject: 2, now: () => NOW });
	call = client(sb);
});
afterEach(() => sb.close());

interface Change {
	method: string;
	path: string;
	body?: unknown;
	/** The event type and the id of the object it names. */
	expect: (response: any) => Array<[string, string | undefined]>;
}

/** One successful request per mutating route, by route key, and the events it must record. */
const CHANGES: Record<string, (sb: Sandbox) => Change> = {
	'POST /organization/projects': () => ({ method: 'POST', path: '/organization/projects', body: { name: 'New' }, expect: (r) => [['project.created', r.id]] }),
	'POST /organization/projects/{project_id}': (s) => {
		const p = s.state.projects[1].id;
		return { method: 'POST', path: `/organization/projects/${p}`, body: { name: 'Renamed' }, expect: () => [['project.updated', p]] };
	},
	'POST /organization/projects/{project_id}/archive': (s) => {
		const p = s.state.projects[2].id;
		return { method: 'POST', path: `/organization/projects/${p}/archive`, expect: () => [['project.archived', p]] };
	},
	'POST /organization/projects/{project_id}/users': (s) => {
		const p = s.state.projects[1];
		const outsider = s.state.organizationUsers.find((u) => !p.users.some((m) => m.id === u.id))!;
		return { method: 'POST', path: `/organization/projects/${p.id}/users`, body: { user_id: outsider.id, role: 'member' }, expect: () => [['user.added', outsider.id]] };
	},
	'POST /organization/projects/{project_id}/users/{user_id}': (s) => {
		const p = s.state.projects[1];
		// A member made an owner: the last owner cannot be demoted.
		const u = p.users[1].id;
		return { method: 'POST', path: `/organization/projects/${p.id}/users/${u}`, body: { role: 'owner' }, expect: () => [['user.updated', u]] };
	},
	'DELETE /organization/projects/{project_id}/users/{user_id}': (s) => {
		const p = s.state.projects[1];
		const u = p.users[1].id;
		return { method: 'DELETE', path: `/organization/projects/${p.id}/users/${u}`, expect: () => [['user.deleted', u]] };
	},
	'POST /organization/projects/{project_id}/service_accounts': (s) => ({
		method: 'POST',
		path: `/organization/projects/${s.state.projects[1].id}/service_accounts`,
		body: { name: 'bot' },
		expect: (r) => [
			['api_key.created', r.api_key.id],
			['service_account.created', r.id],
		],
	}),
	'POST /organization/projects/{project_id}/service_accounts/{service_account_id}': (s) => {
		const p = s.state.projects[1];
		const a = p.serviceAccounts[0].id;
		return { method: 'POST', path: `/organization/projects/${p.id}/service_accounts/${a}`, body: { role: 'owner' }, expect: () => [['service_account.updated', a]] };
	},
	'DELETE /organization/projects/{project_id}/service_accounts/{service_account_id}': (s) => {
		const p = s.state.projects[1];
		const a = p.serviceAccounts[0].id;
		s.state.addApiKeys(p.id, 1, { owner: 'service_account' });
		const keys = p.apiKeys.filter((k) => k.owner.type === 'service_account' && k.owner.service_account.id === a).map((k) => k.id);
		expect(keys.length).toBeGreaterThan(0);
		return {
			method: 'DELETE',
			path: `/organization/projects/${p.id}/service_accounts/${a}`,
			// the cascade: each of its keys, then the account
			expect: () => [['service_account.deleted', a], ...keys.map((k): [string, string | undefined] => ['api_key.deleted', k])],
		};
	},
	'POST /organization/projects/{project_id}/service_accounts/{service_account_id}/api_keys': (s) => {
		const p = s.state.projects[1];
		return {
			method: 'POST',
			path: `/organization/projects/${p.id}/service_accounts/${p.serviceAccounts[0].id}/api_keys`,
			body: { name: 'second' },
			expect: (r) => [['api_key.created', r.id]],
		};
	},
	'DELETE /organization/projects/{project_id}/api_keys/{api_key_id}': (s) => {
		const p = s.state.projects[1];
		const [key] = s.state.addApiKeys(p.id, 1);
		return { method: 'DELETE', path: `/organization/projects/${p.id}/api_keys/${key.id}`, expect: () => [['api_key.deleted', key.id]] };
	},
	'POST /organization/projects/{project_id}/rate_limits/{rate_limit_id}': (s) => {
		const p = s.state.projects[1];
		const r = p.rateLimits[0].id;
		return { method: 'POST', path: `/organization/projects/${p.id}/rate_limits/${r}`, body: { max_requests_per_1_minute: 10 }, expect: () => [['rate_limit.updated', r]] };
	},
	...spendChanges(),
	'POST /organization/users/{user_id}': (s) => {
		const u = loner(s).id;
		return { method: 'POST', path: `/organization/users/${u}`, body: { role: 'owner' }, expect: () => [['user.updated', u]] };
	},
	'DELETE /organization/users/{user_id}': (s) => {
		const u = loner(s).id;
		return { method: 'DELETE', path: `/organization/users/${u}`, expect: () => [['user.deleted', u]] };
	},
	'POST /organization/users/{user_id}/roles': (s) => {
		const { roles } = people(s);
		return { method: 'POST', path: `/organization/users/${loner(s).id}/roles`, body: { role_id: roles[2].id }, expect: () => [['role.assignment.created', roles[2].id]] };
	},
	'DELETE /organization/users/{user_id}/roles/{role_id}': (s) => {
		const { roles } = people(s);
		const u = s.state.projects[1].users[0].id;
		return { method: 'DELETE', path: `/organization/users/${u}/roles/${roles[0].id}`, expect: () => [['role.assignment.deleted', roles[0].id]] };
	},
	'POST /organization/invites': () => ({
		method: 'POST',
		path: '/organization/invites',
		body: { email: 'new@example.org', role: 'reader' },
		expect: (r) => [['invite.sent', r.id]],
	}),
	'DELETE /organization/invites/{invite_id}': (s) => {
		const i = people(s).invites[0].id;
		return { method: 'DELETE', path: `/organization/invites/${i}`, expect: () => [['invite.deleted', i]] };
	},
	'POST /organization/admin_api_keys': () => ({ method: 'POST', path: '/organization/admin_api_keys', body: { name: 'k' }, expect: (r) => [['api_key.created', r.id]] }),
	'DELETE /organization/admin_api_keys/{key_id}': (s) => {
		const k = people(s).adminKeys[0].id;
		return { method: 'DELETE', path: `/organization/admin_api_keys/${k}`, expect: () => [['api_key.deleted', k]] };
	},
	'POST /organization/groups': () => ({ method: 'POST', path: '/organization/groups', body: { name: 'Support' }, expect: (r) => [['group.created', r.id]] }),
	'POST /organization/groups/{group_id}': (s) => {
		const g = people(s).groups[0].id;
		return { method: 'POST', path: `/organization/groups/${g}`, body: { name: 'Renamed' }, expect: () => [['group.updated', g]] };
	},
	'DELETE /organization/groups/{group_id}': (s) => {
		const g = people(s).groups[0].id;
		return { method: 'DELETE', path: `/organization/groups/${g}`, expect: () => [['group.deleted', g]] };
	},
	'POST /organization/groups/{group_id}/users': (s) => {
		const g = people(s).groups[0].id;
		return { method: 'POST', path: `/organization/groups/${g}/users`, body: { user_id: loner(s).id }, expect: () => [['group.updated', g]] };
	},
	'DELETE /organization/groups/{group_id}/users/{user_id}': (s) => {
		const g = people(s).groups[0].id;
		return { method: 'DELETE', path: `/organization/groups/${g}/users/${s.state.projects[1].users[0].id}`, expect: () => [['group.updated', g]] };
	},
	'POST /organization/groups/{group_id}/roles': (s) => {
		const { groups, roles } = people(s);
		return { method: 'POST', path: `/organization/groups/${groups[1].id}/roles`, body: { role_id: roles[0].id }, expect: () => [['role.assignment.created', roles[0].id]] };
	},
	'DELETE /organization/groups/{group_id}/roles/{role_id}': (s) => {
		const { groups, roles } = people(s);
		return { method: 'DELETE', path: `/organization/groups/${groups[0].id}/roles/${roles[0].id}`, expect: () => [['role.assignment.deleted', roles[0].id]] };
	},
	'POST /organization/roles': () => ({
		method: 'POST',
		path: '/organization/roles',
		body: { role_name: 'Viewer', permissions: ['api.organization.read'] },
		expect: (r) => [['role.created', r.id]],
	}),
	'POST /organization/roles/{role_id}': (s) => {
		const r = people(s).roles[0].id;
		return { method: 'POST', path: `/organization/roles/${r}`, body: { role_name: 'Renamed' }, expect: () => [['role.updated', r]] };
	},
	'DELETE /organization/roles/{role_id}': (s) => {
		const r = people(s).roles[0].id;
		return { method: 'DELETE', path: `/organization/roles/${r}`, expect: () => [['role.deleted', r]] };
	},
	'POST /organization/projects/{project_id}/groups': (s) => {
		const g = people(s).groups[2].id;
		return {
			method: 'POST',
			path: `/organization/projects/${s.state.projects[1].id}/groups`,
			body: { group_id: g, role: 'role_proj_owner' },
			expect: () => [['role.assignment.created', 'role_proj_owner']],
		};
	},
	'DELETE /organization/projects/{project_id}/groups/{group_id}': (s) => {
		const g = people(s).groups[0].id;
		return { method: 'DELETE', path: `/organization/projects/${s.state.projects[1].id}/groups/${g}`, expect: () => [['role.assignment.deleted', 'role_proj_member']] };
	},
	'POST /projects/{project_id}/roles': (s) => ({
		method: 'POST',
		path: `/projects/${s.state.projects[1].id}/roles`,
		body: { role_name: 'Key Manager', permissions: ['api.project.read'] },
		expect: (r) => [['role.created', r.id]],
	}),
	'POST /projects/{project_id}/roles/{role_id}': (s) => {
		const r = people(s).projectRoles[0].id;
		return { method: 'POST', path: `/projects/${s.state.projects[1].id}/roles/${r}`, body: { role_name: 'Renamed' }, expect: () => [['role.updated', r]] };
	},
	'DELETE /projects/{project_id}/roles/{role_id}': (s) => {
		const r = people(s).projectRoles[0].id;
		return { method: 'DELETE', path: `/projects/${s.state.projects[1].id}/roles/${r}`, expect: () => [['role.deleted', r]] };
	},
	'POST /projects/{project_id}/users/{user_id}/roles': (s) => {
		const r = people(s).projectRoles[2].id;
		const p = s.state.projects[1];
		return { method: 'POST', path: `/projects/${p.id}/users/${p.users[0].id}/roles`, body: { role_id: r }, expect: () => [['role.assignment.created', r]] };
	},
	'DELETE /projects/{project_id}/users/{user_id}/roles/{role_id}': (s) => {
		const r = people(s).projectRoles[0].id;
		const p = s.state.projects[1];
		return { method: 'DELETE', path: `/projects/${p.id}/users/${p.users[0].id}/roles/${r}`, expect: () => [['role.assignment.deleted', r]] };
	},
	'POST /projects/{project_id}/groups/{group_id}/roles': (s) => {
		const { groups, projectRoles } = people(s);
		const r = projectRoles[2].id;
		return { method: 'POST', path: `/projects/${s.state.projects[1].id}/groups/${groups[0].id}/roles`, body: { role_id: r }, expect: () => [['role.assignment.created', r]] };
	},
	'DELETE /projects/{project_id}/groups/{group_id}/roles/{role_id}': (s) => {
		const { groups, projectRoles } = people(s);
		const r = projectRoles[0].id;
		return { method: 'DELETE', path: `/projects/${s.state.projects[1].id}/groups/${groups[0].id}/roles/${r}`, expect: () => [['role.assignment.deleted', r]] };
	},
	'POST /organization/certificates': () => ({ method: 'POST', path: '/organization/certificates', body: { certificate: PEM }, expect: (r) => [['certificate.created', r.id]] }),
	'POST /organization/certificates/{certificate_id}': (s) => {
		const c = people(s).certificates[0].id;
		return { method: 'POST', path: `/organization/certificates/${c}`, body: { name: 'renamed' }, expect: () => [['certificate.updated', c]] };
	},
	'DELETE /organization/certificates/{certificate_id}': (s) => {
		const c = people(s).certificates[0].id;
		return { method: 'DELETE', path: `/organization/certificates/${c}`, expect: () => [['certificate.deleted', c]] };
	},
	// Toggles name the certificates whose state changed, in a list (no single id).
	'POST /organization/certificates/activate': (s) => ({
		method: 'POST',
		path: '/organization/certificates/activate',
		body: { certificate_ids: [people(s).certificates[0].id] },
		expect: () => [['certificates.activated', undefined]],
	}),
	'POST /organization/certificates/deactivate': (s) => {
		const [c] = people(s).certificates;
		c.active = true;
		return { method: 'POST', path: '/organization/certificates/deactivate', body: { certificate_ids: [c.id] }, expect: () => [['certificates.deactivated', undefined]] };
	},
	'POST /organization/projects/{project_id}/certificates/activate': (s) => ({
		method: 'POST',
		path: `/organization/projects/${s.state.projects[1].id}/certificates/activate`,
		body: { certificate_ids: [people(s).certificates[0].id] },
		expect: () => [['certificates.activated', undefined]],
	}),
	'POST /organization/projects/{project_id}/certificates/deactivate': (s) => {
		const [c] = people(s).certificates;
		c.projects.push(s.state.projects[1].id);
		return {
			method: 'POST',
			path: `/organization/projects/${s.state.projects[1].id}/certificates/deactivate`,
			body: { certificate_ids: [c.id] },
			expect: () => [['certificates.deactivated', undefined]],
		};
	},
};

/**
 * Spend and settings changes: the spec has no event types of their own, so they are the
 * organization's or the project's `organization.updated` / `project.updated`, naming the alert, or
 * the project (organization settings: `organization`).
 */
function spendChanges(): Record<string, (s: Sandbox) => Change> {
	const alert = { threshold_amount: 100, currency: 'USD', interval: 'month', notification_channel: { type: 'email', recipients: ['a@example.com'] } };
	const changes: Record<string, (s: Sandbox) => Change> = {};
	for (const [base, type] of [['/organization/spend_alerts', 'organization.updated'], ['/organization/projects/{project_id}/spend_alerts', 'project.updated']] as const) {
		const at = (s: Sandbox) => base.replace('{project_id}', s.state.projects[1].id);
		const existing = (s: Sandbox) => addSpendAlerts(s.state, 1, base.includes('{') ? s.state.projects[1] : undefined)[0].id;
		changes[`POST ${base}`] = (s) => ({ method: 'POST', path: at(s), body: alert, expect: (r) => [[type, r.id]] });
		changes[`POST ${base}/{alert_id}`] = (s) => {
			const id = existing(s);
			return { method: 'POST', path: `${at(s)}/${id}`, body: alert, expect: () => [[type, id]] };
		};
		changes[`DELETE ${base}/{alert_id}`] = (s) => {
			const id = existing(s);
			return { method: 'DELETE', path: `${at(s)}/${id}`, expect: () => [[type, id]] };
		};
	}
	const settings: Array<[string, string, unknown]> = [
		['POST', '/organization/spend_limit', { threshold_amount: 100, currency: 'USD', interval: 'month' }],
		['DELETE', '/organization/spend_limit', undefined],
		['POST', '/organization/data_retention', { retention_type: 'zero_data_retention' }],
		['POST', '/organization/projects/{project_id}/spend_limit', { threshold_amount: 100, currency: 'USD', interval: 'month' }],
		['DELETE', '/organization/projects/{project_id}/spend_limit', undefined],
		['POST', '/organization/projects/{project_id}/data_retention', { retention_type: 'none' }],
		['POST', '/organization/projects/{project_id}/model_permissions', { mode: 'deny_list', model_ids: ['o3'] }],
		['DELETE', '/organization/projects/{project_id}/model_permissions', undefined],
		['POST', '/organization/projects/{project_id}/hosted_tool_permissions', { mcp: { enabled: false } }],
	];
	for (const [method, path, body] of settings) {
		changes[`${method} ${path}`] = (s) => {
			const project = path.includes('{') ? s.state.projects[1].id : undefined;
			return {
				method,
				path: path.replace('{project_id}', project ?? ''),
				body,
				expect: () => [project ? ['project.updated', project] : ['organization.updated', 'organization']],
			};
		};
	}
	return changes;
}

describe('audit events of changes made through the API', () => {
	it('every route that changes state is listed here', () => {
		const mutating = routes.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
		expect(Object.keys(CHANGES).sort()).toEqual(mutating.sort());
	});

	it.each(Object.keys(CHANGES))('%s', async (key) => {
		const change = CHANGES[key](sb);
		const before = sb.state.auditLogs.length;
		const res = await call(change.method, change.path, { body: change.body });
		expect(res.status).toBe(200);
		const expected = change.expect(res.body);
		const events = sb.state.auditLogs.slice(0, sb.state.auditLogs.length - before);
		expect(events.map((e) => [e.type, (e[e.type] as { id: string }).id])).toEqual(expected);
		for (const e of events) {
			expect(e).toMatchObject({ id: expect.stringMatching(/^audit_log-/), effective_at: NOW });
			expect(e.actor).toEqual({ type: 'api_key', api_key: { id: sb.state.adminKeyId, type: 'user', user: { id: expect.any(String), email: expect.any(String) } } });
			// A change under a project (/organization/projects/{id}/… or /projects/{id}/…) concerns that project.
			const projectId = /^(?:\/organization)?\/projects\/([^/]+)/.exec(change.path)?.[1];
			if (key !== 'POST /organization/projects') expect(e.project?.id).toBe(projectId);
		}
		const served = await call('GET', '/organization/audit_logs', { query: { limit: expected.length } });
		expect(served.body.data).toEqual(events);
	});

	it('a refused change records nothing', async () => {
		const before = sb.state.auditLogs.length;
		const archived = sb.state.archiveProject(sb.state.projects[3].id);
		const res = await call('POST', `/organization/projects/${archived.id}`, { body: { name: 'x' } });
		expect(res.status).toBe(400);
		expect(sb.state.auditLogs.length).toBe(before + 1); // the archive itself, made through state
		expect((await call('POST', `/organization/projects/${archived.id}/archive`)).status).toBe(200); // no-op
		expect(sb.state.auditLogs.length).toBe(before + 1);
	});

	it('payloads carry only the fields the spec gives the event type', async () => {
		const p = sb.state.projects[1].id;
		await call('POST', `/organization/projects/${p}`, { body: { name: 'Renamed', external_key_id: 'k' } });
		expect(sb.state.auditLogs[0]['project.updated']).toEqual({ id: p, changes_requested: { title: 'Renamed' } });
		const created = await call('POST', '/organization/projects', { body: { name: 'Fresh' } });
		expect(sb.state.auditLogs[0]['project.created']).toEqual({ id: created.body.id, data: { name: 'Fresh', title: 'Fresh' } });
	});
});

describe('GET /organization/audit_logs', () => {
	it('the seeded organization has a history, newest first, as the owner\'s session', async () => {
		const { items, pages } = await walk(call, '/organization/audit_logs', { limit: 50 });
		expect(items.length).toBe(sb.state.auditLogs.length);
		expect(pages.length).toBe(Math.ceil(items.length / 50));
		const times = items.map((e) => e.effective_at);
		expect([...times].sort((a, b) => b - a)).toEqual(times);
		expect(new Set(items.map((e) => e.type))).toEqual(new Set(['user.added', 'project.created', 'service_account.created', 'api_key.created']));
		expect(items[0].actor.type).toBe('session');
	});

	it('`before` walks back towards newer events; unknown cursors are 400s', async () => {
		const all = (await call('GET', '/organization/audit_logs', { query: { limit: 10 } })).body.data;
		const res = await call('GET', '/organization/audit_logs', { query: { before: all[5].id, limit: 3 } });
		expect(res.body.data.map((e: any) => e.id)).toEqual(all.slice(2, 5).map((e: any) => e.id));
		expectError(await call('GET', '/organization/audit_logs', { query: { after: 'audit_log-nope' } }), 400, 'after');
		expectError(await call('GET', '/organization/audit_logs', { query: { before: 'audit_log-nope' } }), 400, 'before');
	});

	it('array filters accept `x[]=a&x[]=b`, repeated `x=` and commas alike', async () => {
		const [a, b] = sb.state.projects.slice(1, 3).map((p) => p.id);
		const ids = (qs: string) =>
			fetch(`${sb.baseUrl}/organization/audit_logs?limit=100&${qs}`, { headers: { authorization: `Bearer ${sb.adminKey}` } })
				.then((r) => r.json())
				.then((body: any) => body.data.map((e: any) => e.project.id));
		const expected = sb.state.auditLogs.filter((e) => e.project && [a, b].includes(e.project.id)).map((e) => e.project!.id);
		expect(expected.length).toBeGreaterThan(4);
		expect(await ids(`project_ids[]=${a}&project_ids[]=${b}`)).toEqual(expected);
		expect(await ids(`project_ids=${a}&project_ids=${b}`)).toEqual(expected);
		expect(await ids(`project_ids=${a},${b}`)).toEqual(expected);
	});

	it('filters combine; a type outside the spec\'s enum is a 400; tenant_only finds no tenant events', async () => {
		const p = sb.state.projects[1];
		const res = await call('GET', '/organization/audit_logs', {
			query: { 'project_ids[]': p.id, 'event_types[]': 'user.added', 'effective_at[gt]': 0, limit: 100 },
		});
		expect(res.body.data.map((e: any) => e['user.added'].id).sort()).toEqual(p.users.map((u) => u.id).sort());
		expectError(await call('GET', '/organization/audit_logs', { query: { 'event_types[]': 'project.exploded' } }), 400, 'event_types[]');
		expect((await call('GET', '/organization/audit_logs', { query: { tenant_only: true } })).body.data).toEqual([]);
	});

	it('a backlog goes in at once: spread over its seconds, in order after the log\'s own, with each second\'s latest first', async () => {
		sb.state.recordEvent({ type: 'invite.sent', at: NOW + 5, payload: { id: 'invite-1' } });
		const before = sb.state.auditLogs.length;
		const ids = sb.state.recordBacklog(30_000, { from: NOW, to: NOW + 9 });

		expect(sb.state.auditLogs).toHaveLength(before + 30_000);
		const times = sb.state.auditLogs.map((e) => e.effective_at);
		expect([...times].sort((a, b) => b - a)).toEqual(times);
		const logged = new Map(sb.state.auditLogs.map((e, index) => [e.id, index]));
		// Newest first means the backlog's own order reversed, and ahead of the older event of its second.
		expect(ids.map((id) => logged.get(id)!)).toEqual([...ids.map((id) => logged.get(id)!)].sort((a, b) => b - a));
		const atFive = sb.state.auditLogs.filter((e) => e.effective_at === NOW + 5);
		expect(atFive.at(-1)!.type).toBe('invite.sent');
		expect(new Set(sb.state.auditLogs.slice(0, 3).map((e) => e.type))).toEqual(new Set(['rate_limit.updated', 'api_key.updated', 'project.updated']));

		const page = await call('GET', '/organization/audit_logs', { query: { limit: 100, 'event_types[]': 'api_key.updated' } });
		expect(page.body).toMatchObject({ has_more: true });
		expect(page.body.data.every((e: any) => e.type === 'api_key.updated' && e['api_key.updated'].id)).toBe(true);
	});

	it('the auditBacklog seed entry fills the day before the epoch', async () => {
		const seeded = await startSandbox({ seed: 2, projects: 1, auditBacklog: 1000, epoch: NOW });
		try {
			const backlog = seeded.state.auditLogs.filter((e) => e.effective_at >= NOW - 86_400 && e.type.endsWith('.updated'));
			expect(backlog).toHaveLength(1000);
			expect(backlog[0].effective_at).toBe(NOW);
			expect(backlog.at(-1)!.effective_at).toBe(NOW - 86_400);
		} finally {
			await seeded.close();
		}
	});

	it('tests can seed events of their own through state', async () => {
		const event = sb.state.recordEvent({ type: 'invite.sent', at: NOW + 10, payload: { id: 'invite-1', data: { email: 'a@example.com', role: 'reader', extra: 1 } } });
		const res = await call('GET', '/organization/audit_logs', { query: { 'resource_ids[]': 'invite-1' } });
		expect(res.body.data).toEqual([event]);
		expect(event['invite.sent']).toEqual({ id: 'invite-1', data: { email: 'a@example.com', role: 'reader' } });
	});
});
