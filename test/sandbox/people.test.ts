/**
 * People and access in the sandbox: invites (refused for members, accepted through the sandbox-only
 * control), removing a user from the organization (memberships and user-owned keys go with them),
 * keys shown once, assignments that list back, and duplicates refused as the API refuses them.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { client } from './helpers';

let sb: Sandbox;
let call: ReturnType<typeof client>;

beforeEach(async () => {
	sb = await startSandbox({ seed: 7, projects: 2, users: 6, usersPerProject: 3, keysPerProject: 4, quiet: true });
	call = client(sb);
});
afterEach(() => sb.close());

const project = () => sb.state.projects.find((p) => !p.is_default)!;
const lastEvents = (n: number) => sb.state.auditLogs.slice(0, n).map((e) => e.type).reverse();

describe('invites', () => {
	it('refuses an existing member and a second pending invite, naming email', async () => {
		const member = sb.state.organizationUsers[1];
		const refused = await call('POST', '/organization/invites', { body: { email: member.email.toUpperCase(), role: 'reader' } });
		expect([refused.status, refused.body.error.param]).toEqual([400, 'email']);
		expect((await call('POST', '/organization/invites', { body: { email: 'new@example.org', role: 'reader' } })).status).toBe(200);
		const twice = await call('POST', '/organization/invites', { body: { email: 'new@example.org', role: 'owner' } });
		expect([twice.status, twice.body.error.param]).toEqual([400, 'email']);
	});

	it('names the default project when projects are left out, none for an empty list', async () => {
		const left = await call('POST', '/organization/invites', { body: { email: 'a@example.org', role: 'reader' } });
		expect(left.body.projects).toEqual([{ id: sb.state.defaultProject!.id, role: 'member' }]);
		const empty = await call('POST', '/organization/invites', { body: { email: 'b@example.org', role: 'reader', projects: [] } });
		expect(empty.body.projects).toEqual([]);
	});

	it('accepting (sandbox-only control) makes the user and the memberships the invite named', async () => {
		const p = project();
		const invite = (await call('POST', '/organization/invites', { body: { email: 'new@example.org', role: 'owner', projects: [{ id: p.id, role: 'owner' }] } })).body;
		const accepted = await call('POST', `/__sandbox/invites/${invite.id}/accept`);
		expect(accepted.body).toMatchObject({ object: 'organization.user', email: 'new@example.org', role: 'owner' });
		expect(p.users.find((u) => u.email === 'new@example.org')).toMatchObject({ role: 'owner' });
		expect((await call('GET', `/organization/invites/${invite.id}`)).body).toMatchObject({ status: 'accepted', accepted_at: expect.any(Number) });
		expect(lastEvents(2)).toEqual(['invite.accepted', 'user.added']);
		// accepted: cannot be deleted, cannot be accepted again
		expect((await call('DELETE', `/organization/invites/${invite.id}`)).status).toBe(400);
		expect((await call('POST', `/__sandbox/invites/${invite.id}/accept`)).status).toBe(400);
		expect((await call('POST', '/__sandbox/invites/invite-nope/accept')).status).toBe(404);
	});
});

describe('removing a user from the organization', () => {
	it('removes their project memberships and user-owned keys, and nothing of anyone else', async () => {
		const p = project();
		const leaver = p.users[1];
		const keysOf = (id: string) => sb.state.projects.flatMap((x) => x.apiKeys).filter((k) => k.owner.type === 'user' && k.owner.user.id === id);
		sb.state.addApiKeys(p.id, 1, {}); // at least one key of some member
		const theirs = keysOf(leaver.id).map((k) => k.id);
		const othersBefore = sb.state.projects.flatMap((x) => x.apiKeys).filter((k) => !theirs.includes(k.id)).map((k) => k.id);
		const membersBefore = sb.state.projects.map((x) => x.users.filter((u) => u.id !== leaver.id).map((u) => u.id));

		const res = await call('DELETE', `/organization/users/${leaver.id}`);
		expect(res.body).toEqual({ object: 'organization.user.deleted', id: leaver.id, deleted: true });
		expect(sb.state.findOrganizationUser(leaver.id)).toBeUndefined();
		expect(sb.state.projects.some((x) => x.users.some((u) => u.id === leaver.id))).toBe(false);
		expect(keysOf(leaver.id)).toEqual([]);
		expect(sb.state.projects.flatMap((x) => x.apiKeys).map((k) => k.id)).toEqual(othersBefore);
		expect(sb.state.projects.map((x) => x.users.map((u) => u.id))).toEqual(membersBefore);
		const events = sb.state.auditLogs.filter((e) => e.effective_at >= 0).slice(0, theirs.length + 2).map((e) => e.type);
		expect(events[0]).toBe('user.deleted');
		expect((await call('GET', `/organization/users/${leaver.id}`)).status).toBe(404);
	});

	it('drops their group memberships and role assignments', async () => {
		const user = sb.state.organizationUsers[2];
		const group = (await call('POST', '/organization/groups', { body: { name: 'G' } })).body;
		await call('POST', `/organization/groups/${group.id}/users`, { body: { user_id: user.id } });
		const role = (await call('POST', '/organization/roles', { body: { role_name: 'R', permissions: [] } })).body;
		await call('POST', `/organization/users/${user.id}/roles`, { body: { role_id: role.id } });
		await call('DELETE', `/organization/users/${user.id}`);
		expect((await call('GET', `/organization/groups/${group.id}/users`)).body.data).toEqual([]);
	});
});

describe('keys shown once', () => {
	it('an admin key\'s value is in the create answer only', async () => {
		const created = (await call('POST', '/organization/admin_api_keys', { body: { name: 'k', expires_in_seconds: 60 } })).body;
		expect(created.value).toMatch(/^sk-admin-/);
		expect(created.expires_at).toBe(created.created_at + 60);
		const later = (await call('GET', `/organization/admin_api_keys/${created.id}`)).body;
		expect(later.value).toBeUndefined();
		expect(JSON.stringify((await call('GET', '/organization/admin_api_keys')).body)).not.toContain(created.value);
		const tooLong = await call('POST', '/organization/admin_api_keys', { body: { name: 'k', expires_in_seconds: 31536001 } });
		expect([tooLong.status, tooLong.body.error.param]).toEqual([400, 'expires_in_seconds']);
	});

	it('a service account key\'s value too', async () => {
		const p = project();
		const account = p.serviceAccounts[0] ?? sb.state.addServiceAccounts(p.id, 1)[0];
		const created = (await call('POST', `/organization/projects/${p.id}/service_accounts/${account.id}/api_keys`, { body: {} })).body;
		expect(created.value).toMatch(/^sk-svcacct-/);
		const listed = (await call('GET', `/organization/projects/${p.id}/api_keys`, { query: { owner_project_access: 'any' } })).body;
		expect(JSON.stringify(listed)).not.toContain(created.value);
	});
});

describe('assignments list back what was assigned; duplicates are refused', () => {
	it('groups: members and roles; projects: groups with their role', async () => {
		const p = project();
		const [a, b] = sb.state.organizationUsers;
		const group = (await call('POST', '/organization/groups', { body: { name: 'Support' } })).body;
		expect((await call('POST', '/organization/groups', { body: { name: 'support' } })).status).toBe(400);
		for (const user of [a, b]) await call('POST', `/organization/groups/${group.id}/users`, { body: { user_id: user.id } });
		const dup = await call('POST', `/organization/groups/${group.id}/users`, { body: { user_id: a.id } });
		expect([dup.status, dup.body.error.param]).toEqual([400, 'user_id']);
		const members = (await call('GET', `/organization/groups/${group.id}/users`, { query: { order: 'asc' } })).body.data;
		expect(members.map((m: { id: string }) => m.id)).toEqual([a.id, b.id]);

		const assigned = await call('POST', `/organization/groups/${group.id}/roles`, { body: { role_id: 'role_org_reader' } });
		expect(assigned.body).toMatchObject({ object: 'group.role', group: { id: group.id }, role: { id: 'role_org_reader' } });
		expect((await call('POST', `/organization/groups/${group.id}/roles`, { body: { role_id: 'role_org_reader' } })).status).toBe(400);
		expect((await call('POST', `/organization/groups/${group.id}/roles`, { body: { role_id: 'role_proj_owner' } })).status).toBe(400);
		expect((await call('GET', `/organization/groups/${group.id}/roles`)).body.data.map((r: { id: string }) => r.id)).toEqual(['role_org_reader']);

		await call('POST', `/organization/projects/${p.id}/groups`, { body: { group_id: group.id, role: 'role_proj_member' } });
		expect((await call('POST', `/organization/projects/${p.id}/groups`, { body: { group_id: group.id, role: 'owner' } })).status).toBe(400);
		expect((await call('GET', `/organization/projects/${p.id}/groups`)).body.data).toEqual([
			expect.objectContaining({ object: 'project.group', project_id: p.id, group_id: group.id, group_name: 'Support' }),
		]);
		// deleting the group takes its access and memberships with it
		await call('DELETE', `/organization/groups/${group.id}`);
		expect((await call('GET', `/organization/projects/${p.id}/groups`)).body.data).toEqual([]);
	});

	it('roles: custom roles are unique by name, predefined ones cannot change', async () => {
		const user = sb.state.organizationUsers[3];
		const role = (await call('POST', '/organization/roles', { body: { role_name: 'Viewer', permissions: ['api.organization.read'] } })).body;
		expect((await call('POST', '/organization/roles', { body: { role_name: 'viewer', permissions: [] } })).status).toBe(400);
		expect((await call('POST', '/organization/roles/role_org_owner', { body: { role_name: 'x' } })).status).toBe(400);
		expect((await call('DELETE', '/organization/roles/role_org_owner')).status).toBe(400);
		await call('POST', `/organization/users/${user.id}/roles`, { body: { role_id: role.id } });
		expect((await call('POST', `/organization/users/${user.id}/roles`, { body: { role_id: role.id } })).status).toBe(400);
		expect((await call('GET', `/organization/users/${user.id}/roles/${role.id}`)).body).toMatchObject({ id: role.id, name: 'Viewer' });
		await call('DELETE', `/organization/roles/${role.id}`);
		expect((await call('GET', `/organization/users/${user.id}/roles`)).body.data).toEqual([]);
	});

	it('certificates: upload once, inactive until activated, deletable only when inactive everywhere', async () => {
		const p = project();
		const pem = '-----BEGIN CERTIFICATE-----\nMIIBpeople\n-----END CERTIFICATE-----\n';
		const cert = (await call('POST', '/organization/certificates', { body: { certificate: pem, name: 'mTLS' } })).body;
		expect((await call('POST', '/organization/certificates', { body: { certificate: pem } })).status).toBe(400);
		expect((await call('POST', '/organization/certificates', { body: { certificate: 'not a pem' } })).body.error.param).toBe('certificate');
		expect((await call('GET', '/organization/certificates')).body.data[0]).toMatchObject({ id: cert.id, active: false });
		await call('POST', `/organization/projects/${p.id}/certificates/activate`, { body: { certificate_ids: [cert.id] } });
		expect((await call('GET', `/organization/projects/${p.id}/certificates`)).body.data[0]).toMatchObject({ id: cert.id, active: true });
		expect((await call('DELETE', `/organization/certificates/${cert.id}`)).status).toBe(400);
		await call('POST', `/organization/projects/${p.id}/certificates/deactivate`, { body: { certificate_ids: [cert.id] } });
		expect((await call('GET', `/organization/certificates/${cert.id}`, { query: { include: 'content' } })).body.certificate_details.content).toBe(pem);
		expect((await call('DELETE', `/organization/certificates/${cert.id}`)).body).toEqual({ object: 'certificate.deleted', id: cert.id });
		const eleven = await call('POST', '/organization/certificates/activate', { body: { certificate_ids: Array.from({ length: 11 }, () => cert.id) } });
		expect([eleven.status, eleven.body.error.param]).toEqual([400, 'certificate_ids']);
	});
});
