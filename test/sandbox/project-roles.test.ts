/**
 * Project roles in the sandbox: each project's roles (the predefined project roles and its own custom
 * ones), assigned within the project to its members and to groups with access to it; assignments
 * that list back, go with the role, the membership or the access; and the audit event of each change.
 */
import { startSandbox, type Project, type Sandbox } from '../../sandbox';
import { client, expectError } from './helpers';

let sb: Sandbox;
let call: ReturnType<typeof client>;

beforeEach(async () => {
	sb = await startSandbox({ seed: 17, projects: 2, users: 6, usersPerProject: 3, quiet: true });
	call = client(sb);
});
afterEach(() => sb.close());

/** The two non-default projects. */
const projects = () => sb.state.projects.filter((p) => !p.is_default) as [Project, Project];
const ids = (page: { data: Array<{ id: string }> }) => page.data.map((x) => x.id);

async function createRole(project: Project, role_name: string, permissions: string[] = ['api.project.read']) {
	const res = await call('POST', `/projects/${project.id}/roles`, { body: { role_name, permissions } });
	expect(res.status).toBe(200);
	return res.body as { id: string; name: string };
}

/** A group with access to `project`, granted through the API. */
async function groupIn(project: Project, name = 'Support') {
	const group = (await call('POST', '/organization/groups', { body: { name } })).body;
	expect((await call('POST', `/organization/projects/${project.id}/groups`, { body: { group_id: group.id, role: 'member' } })).status).toBe(200);
	return group as { id: string };
}

describe("a project's roles", () => {
	it('are the predefined project roles, then the custom roles of that project alone', async () => {
		const [a, b] = projects();
		const role = await createRole(a, 'Key Manager');
		expect(role).toEqual({
			object: 'role',
			id: expect.stringMatching(/^role_/),
			name: 'Key Manager',
			description: null,
			permissions: ['api.project.read'],
			resource_type: 'api.project',
			predefined_role: false,
		});
		expect(ids((await call('GET', `/projects/${a.id}/roles`)).body)).toEqual(['role_proj_owner', 'role_proj_member', role.id]);
		expect(ids((await call('GET', `/projects/${b.id}/roles`)).body)).toEqual(['role_proj_owner', 'role_proj_member']);
		expect((await call('GET', `/projects/${a.id}/roles/${role.id}`)).body).toEqual(role);
		// not another project's, not the organization's
		expectError(await call('GET', `/projects/${b.id}/roles/${role.id}`), 404);
		expectError(await call('GET', `/organization/roles/${role.id}`), 404);
		expect(ids((await call('GET', '/organization/roles')).body)).not.toContain(role.id);
		expectError(await call('GET', `/projects/${a.id}/roles/role_org_owner`), 404);
		expectError(await call('GET', '/projects/proj_nope/roles'), 404);
	});

	it('have names used once within the project, predefined ones included; another project may reuse them', async () => {
		const [a, b] = projects();
		const first = await createRole(a, 'Key Manager');
		for (const taken of ['key manager', ' Key Manager ', 'Owner']) {
			expectError(await call('POST', `/projects/${a.id}/roles`, { body: { role_name: taken, permissions: [] } }), 400, 'role_name');
		}
		expectError(await call('POST', `/projects/${a.id}/roles`, { body: { role_name: '  ', permissions: [] } }), 400, 'role_name');
		await createRole(b, 'Key Manager');
		const second = await createRole(a, 'Auditor');
		expectError(await call('POST', `/projects/${a.id}/roles/${second.id}`, { body: { role_name: 'KEY MANAGER' } }), 400, 'role_name');
		const renamed = await call('POST', `/projects/${a.id}/roles/${first.id}`, { body: { role_name: 'Key Keeper', permissions: ['x'], description: 'keys' } });
		expect(renamed.body).toMatchObject({ id: first.id, name: 'Key Keeper', permissions: ['x'], description: 'keys' });
	});

	it('cannot change or delete a predefined role; can delete a custom one', async () => {
		const [a] = projects();
		expectError(await call('POST', `/projects/${a.id}/roles/role_proj_owner`, { body: { role_name: 'boss' } }), 400);
		expectError(await call('DELETE', `/projects/${a.id}/roles/role_proj_member`), 400);
		const role = await createRole(a, 'Temporary');
		expect((await call('DELETE', `/projects/${a.id}/roles/${role.id}`)).body).toEqual({ object: 'role.deleted', id: role.id, deleted: true });
		expectError(await call('GET', `/projects/${a.id}/roles/${role.id}`), 404);
	});

	it('of an archived project can be read, not changed', async () => {
		const [a] = projects();
		const role = await createRole(a, 'Kept');
		sb.state.archiveProject(a.id);
		expect(ids((await call('GET', `/projects/${a.id}/roles`)).body)).toContain(role.id);
		expectError(await call('POST', `/projects/${a.id}/roles`, { body: { role_name: 'New', permissions: [] } }), 400);
		expectError(await call('DELETE', `/projects/${a.id}/roles/${role.id}`), 400);
		expectError(await call('GET', `/projects/${a.id}/users/${a.users[0].id}/roles`), 400);
	});
});

describe('assigning project roles', () => {
	it('to a member: a role of the project, once; listed, read and removed', async () => {
		const [a] = projects();
		const role = await createRole(a, 'Key Manager');
		const member = a.users[1];
		const base = `/projects/${a.id}/users/${member.id}/roles`;
		const assigned = await call('POST', base, { body: { role_id: role.id } });
		const user = sb.state.findOrganizationUser(member.id)!;
		expect(assigned.body).toEqual({
			object: 'user.role',
			user: { object: 'organization.user', id: user.id, name: user.name, email: user.email, role: user.role, added_at: user.added_at },
			role,
		});
		expect((await call('POST', base, { body: { role_id: 'role_proj_owner' } })).status).toBe(200);
		expectError(await call('POST', base, { body: { role_id: role.id } }), 400, 'role_id');
		expect(ids((await call('GET', base)).body)).toEqual([role.id, 'role_proj_owner']);
		expect(ids((await call('GET', base, { query: { order: 'desc', limit: 1 } })).body)).toEqual(['role_proj_owner']);
		expect((await call('GET', `${base}/${role.id}`)).body).toMatchObject({ id: role.id, name: 'Key Manager', resource_type: 'api.project', assignment_sources: null });
		expect((await call('DELETE', `${base}/${role.id}`)).body).toEqual({ object: 'user.role.deleted', deleted: true });
		expectError(await call('GET', `${base}/${role.id}`), 404);
		expect(ids((await call('GET', base)).body)).toEqual(['role_proj_owner']);
	});

	it('refuses a role from elsewhere, a user who is not a member, and a project that is not there', async () => {
		const [a, b] = projects();
		const elsewhere = await createRole(b, 'Elsewhere');
		const base = `/projects/${a.id}/users/${a.users[0].id}/roles`;
		expectError(await call('POST', base, { body: { role_id: 'role_org_reader' } }), 400, 'role_id');
		expectError(await call('POST', base, { body: { role_id: elsewhere.id } }), 404, 'role_id');
		expectError(await call('POST', base, { body: { role_id: 'role_nope' } }), 404, 'role_id');
		const outsider = sb.state.organizationUsers.find((u) => !a.users.some((m) => m.id === u.id))!;
		expectError(await call('POST', `/projects/${a.id}/users/${outsider.id}/roles`, { body: { role_id: 'role_proj_member' } }), 404);
		expectError(await call('GET', `/projects/${a.id}/users/${outsider.id}/roles`), 404);
		expectError(await call('POST', `/projects/proj_nope/users/${a.users[0].id}/roles`, { body: { role_id: 'role_proj_member' } }), 404);
	});

	it('to a group with access to the project, and not to one without', async () => {
		const [a, b] = projects();
		const role = await createRole(a, 'Key Manager');
		const group = await groupIn(a);
		const base = `/projects/${a.id}/groups/${group.id}/roles`;
		const assigned = await call('POST', base, { body: { role_id: role.id } });
		expect(assigned.body).toMatchObject({ object: 'group.role', group: { object: 'group', id: group.id, name: 'Support' }, role: { id: role.id } });
		expectError(await call('POST', base, { body: { role_id: role.id } }), 400, 'role_id');
		expect(ids((await call('GET', base)).body)).toEqual([role.id]);
		expect((await call('GET', `${base}/${role.id}`)).body).toMatchObject({ id: role.id, name: 'Key Manager' });
		expectError(await call('POST', `/projects/${b.id}/groups/${group.id}/roles`, { body: { role_id: 'role_proj_member' } }), 404);
		expect((await call('DELETE', `${base}/${role.id}`)).body).toEqual({ object: 'group.role.deleted', deleted: true });
		expect(ids((await call('GET', base)).body)).toEqual([]);
	});
});

describe('assignments go with', () => {
	/** Assigns the role at `base`, takes its holder out of the project and back: it holds nothing there then. */
	async function droppedOnLeaving(base: string, roleId: string, leave: string, rejoin: { path: string; body: unknown }) {
		await call('POST', base, { body: { role_id: roleId } });
		expect((await call('DELETE', leave)).status).toBe(200);
		expectError(await call('GET', base), 404);
		expect((await call('POST', rejoin.path, { body: rejoin.body })).status).toBe(200);
		expect(ids((await call('GET', base)).body)).toEqual([]);
	}

	it('the role: deleting it takes it from the members and groups that held it, and from no one else', async () => {
		const [a] = projects();
		const [doomed, kept] = [await createRole(a, 'Doomed'), await createRole(a, 'Kept')];
		const group = await groupIn(a);
		const holders = [`/projects/${a.id}/users/${a.users[0].id}/roles`, `/projects/${a.id}/users/${a.users[1].id}/roles`, `/projects/${a.id}/groups/${group.id}/roles`];
		for (const base of holders) {
			for (const role of [doomed, kept]) await call('POST', base, { body: { role_id: role.id } });
		}
		await call('DELETE', `/projects/${a.id}/roles/${doomed.id}`);
		for (const base of holders) expect(ids((await call('GET', base)).body)).toEqual([kept.id]);
	});

	it('the membership: a member removed from the project, or from the organization, holds none when back', async () => {
		const [a, b] = projects();
		const role = await createRole(a, 'Key Manager');
		const member = a.users[1];
		await droppedOnLeaving(`/projects/${a.id}/users/${member.id}/roles`, role.id, `/organization/projects/${a.id}/users/${member.id}`, {
			path: `/organization/projects/${a.id}/users`,
			body: { user_id: member.id, role: 'member' },
		});

		// leaving the organization drops what they held in every project
		const roleOfB = await createRole(b, 'Other');
		const leaver = b.users.find((u) => u.id !== b.users[0].id)!;
		await call('POST', `/organization/projects/${a.id}/users`, { body: { user_id: leaver.id, role: 'member' } });
		await call('POST', `/projects/${a.id}/users/${leaver.id}/roles`, { body: { role_id: role.id } });
		await call('POST', `/projects/${b.id}/users/${leaver.id}/roles`, { body: { role_id: roleOfB.id } });
		await call('DELETE', `/organization/users/${leaver.id}`);
		for (const p of [a, b]) expect(sb.state.collection(`/projects/{project_id}/users/{user_id}/roles`, `${p.id}/${leaver.id}`)).toEqual([]);
	});

	it("the group's access: a group removed from the project, or deleted, holds none there", async () => {
		const [a] = projects();
		const role = await createRole(a, 'Key Manager');
		const group = await groupIn(a);
		const base = `/projects/${a.id}/groups/${group.id}/roles`;
		await droppedOnLeaving(base, role.id, `/organization/projects/${a.id}/groups/${group.id}`, {
			path: `/organization/projects/${a.id}/groups`,
			body: { group_id: group.id, role: 'member' },
		});

		await call('POST', base, { body: { role_id: role.id } });
		await call('DELETE', `/organization/groups/${group.id}`);
		expect(sb.state.collection('/projects/{project_id}/groups/{group_id}/roles', `${a.id}/${group.id}`)).toEqual([]);
	});
});

describe('audit events', () => {
	const event = () => sb.state.auditLogs[0];

	it('name the role and its project, with the fields the spec gives each type', async () => {
		const [a] = projects();
		const role = await createRole(a, 'Key Manager', ['api.project.read', 'api.project.keys.read']);
		expect(event()).toMatchObject({ type: 'role.created', project: { id: a.id, name: a.name } });
		expect(event()['role.created']).toEqual({
			id: role.id,
			role_name: 'Key Manager',
			permissions: ['api.project.read', 'api.project.keys.read'],
			resource_id: a.id,
			resource_type: 'api.project',
		});
		await call('POST', `/projects/${a.id}/roles/${role.id}`, { body: { permissions: ['api.project.read', 'api.project.keys.write'], description: 'keys' } });
		expect(event()['role.updated']).toEqual({
			id: role.id,
			changes_requested: {
				description: 'keys',
				permissions_added: ['api.project.keys.write'],
				permissions_removed: ['api.project.keys.read'],
				resource_id: a.id,
				resource_type: 'api.project',
			},
		});
		const member = a.users[0].id;
		await call('POST', `/projects/${a.id}/users/${member}/roles`, { body: { role_id: role.id } });
		const assignment = { id: role.id, principal_id: member, principal_type: 'user', resource_id: a.id, resource_type: 'api.project' };
		expect([event().type, event()['role.assignment.created'], event().project?.id]).toEqual(['role.assignment.created', assignment, a.id]);
		await call('DELETE', `/projects/${a.id}/users/${member}/roles/${role.id}`);
		expect([event().type, event()['role.assignment.deleted']]).toEqual(['role.assignment.deleted', assignment]);
		await call('DELETE', `/projects/${a.id}/roles/${role.id}`);
		expect([event().type, event()['role.deleted']]).toEqual(['role.deleted', { id: role.id }]);
	});

	it('of organization roles carry the same fields, with the organization as the resource', async () => {
		const role = (await call('POST', '/organization/roles', { body: { role_name: 'Viewer', permissions: ['api.organization.read'] } })).body;
		expect(event()['role.created']).toEqual({ id: role.id, role_name: 'Viewer', permissions: ['api.organization.read'], resource_id: 'org-sandbox', resource_type: 'api.organization' });
		expect(event().project).toBeUndefined();
	});

	it('a refused change records nothing', async () => {
		const [a] = projects();
		const before = sb.state.auditLogs.length;
		await call('POST', `/projects/${a.id}/roles`, { body: { role_name: 'owner', permissions: [] } });
		await call('DELETE', `/projects/${a.id}/roles/role_proj_owner`);
		await call('POST', `/projects/${a.id}/users/${a.users[0].id}/roles`, { body: { role_id: 'role_org_owner' } });
		expect(sb.state.auditLogs.length).toBe(before);
	});
});
