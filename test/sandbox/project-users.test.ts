import { expectError, projectRoute } from './helpers';

const { sandbox, call, project, base } = projectRoute({ seed: 3, projects: 2, users: 6, usersPerProject: 2, now: () => 1800000000 }, 'users');

const outsider = () => sandbox().state.organizationUsers.find((u) => !project().users.some((m) => m.id === u.id))!;

describe('project users', () => {
	it('lists members with the spec fields', async () => {
		const res = await call('GET', base());
		expect(res.status).toBe(200);
		expect(res.body.data).toHaveLength(2);
		expect(res.body.data[0]).toEqual({
			object: 'organization.project.user',
			id: project().users[0].id,
			name: project().users[0].name,
			email: project().users[0].email,
			role: 'owner',
			added_at: project().users[0].added_at,
		});
		expect(res.body.data[0].id).toMatch(/^user-[A-Za-z0-9]{24}$/);
	});

	it('adds an organization member by user_id', async () => {
		const u = outsider();
		const res = await call('POST', base(), { body: { user_id: u.id, role: 'member' } });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			object: 'organization.project.user',
			id: u.id,
			name: u.name,
			email: u.email,
			role: 'member',
			added_at: 1800000000,
		});
		expect(project().users.at(-1)!.id).toBe(u.id);
	});

	it('adds an organization member by email (case-insensitive)', async () => {
		const u = outsider();
		const res = await call('POST', base(), { body: { email: u.email.toUpperCase(), role: 'owner' } });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ id: u.id, role: 'owner' });
	});

	it('refuses users outside the organization, with a clear message', async () => {
		const byId = await call('POST', base(), { body: { user_id: 'user-notinorg', role: 'member' } });
		expectError(byId, 400, 'user_id');
		expect(byId.body.error.message).toMatch(/not a member of this organization/);
		const byEmail = await call('POST', base(), { body: { email: 'stranger@elsewhere.com', role: 'member' } });
		expectError(byEmail, 400, 'email');
		expect(project().users).toHaveLength(2);
	});

	it('requires exactly one of user_id and email', async () => {
		const u = outsider();
		expectError(await call('POST', base(), { body: { user_id: u.id, email: u.email, role: 'member' } }), 400, 'user_id');
		expectError(await call('POST', base(), { body: { role: 'member' } }), 400, 'user_id');
		expectError(await call('POST', base(), { body: { user_id: null, email: null, role: 'member' } }), 400, 'user_id');
	});

	it('refuses an existing member', async () => {
		const res = await call('POST', base(), { body: { user_id: project().users[0].id, role: 'member' } });
		expectError(res, 400, 'user_id');
		expect(res.body.error.message).toMatch(/already a member/);
	});

	it.each([
		[{ user_id: 'x' }, 'role'],
		[{ user_id: 'x', role: 'admin' }, 'role'],
		[{ user_id: 3, role: 'member' }, 'user_id'],
		[{ user_id: 'x', role: 'member', extra: true }, 'extra'],
	])('validates the create body %j (param %s)', async (body, param) => {
		expectError(await call('POST', base(), { body }), 400, param);
	});

	it('retrieves, modifies the role of, and removes a member', async () => {
		const m = project().users[1];
		expect((await call('GET', `${base()}/${m.id}`)).body).toMatchObject({ id: m.id, role: 'member' });
		const mod = await call('POST', `${base()}/${m.id}`, { body: { role: 'owner' } });
		expect(mod.status).toBe(200);
		expect(mod.body).toMatchObject({ id: m.id, role: 'owner' });
		expectError(await call('POST', `${base()}/${m.id}`, { body: { role: 'reader' } }), 400, 'role');
		const del = await call('DELETE', `${base()}/${m.id}`);
		expect(del.body).toEqual({ object: 'organization.project.user.deleted', id: m.id, deleted: true });
		expect(project().users.map((u) => u.id)).not.toContain(m.id);
		expectError(await call('GET', `${base()}/${m.id}`), 404);
		expectError(await call('DELETE', `${base()}/${m.id}`), 404);
	});

	it('keeps an owner: the last one can be neither demoted nor removed until another member is an owner', async () => {
		const [owner, member] = project().users;
		const demoted = await call('POST', `${base()}/${owner.id}`, { body: { role: 'member' } });
		expectError(demoted, 400, 'role');
		expect(demoted.body.error.message).toBe(`User ${owner.id} is the last owner of project ${project().id} and cannot be made a member. Make another member an owner first.`);
		const removed = await call('DELETE', `${base()}/${owner.id}`);
		expectError(removed, 400, null);
		expect(removed.body.error.message).toMatch(/is the last owner of project .* cannot be removed/);
		expect(project().users.map((u) => [u.id, u.role])).toEqual([[owner.id, 'owner'], [member.id, 'member']]);

		expect((await call('POST', `${base()}/${member.id}`, { body: { role: 'owner' } })).status).toBe(200);
		expect((await call('POST', `${base()}/${owner.id}`, { body: { role: 'member' } })).status).toBe(200);
		expect((await call('DELETE', `${base()}/${owner.id}`)).status).toBe(200);
		expectError(await call('DELETE', `${base()}/${member.id}`), 400, null);
	});

	it('still takes the last owner out of the project when they leave the organization', async () => {
		const [owner] = project().users;
		expect((await call('DELETE', `/organization/users/${owner.id}`)).status).toBe(200);
		expect(project().users.map((u) => u.id)).not.toContain(owner.id);
	});

	it('404s unknown members and unknown projects', async () => {
		expectError(await call('GET', `${base()}/user-nobody`), 404);
		expectError(await call('POST', `${base()}/user-nobody`, { body: { role: 'owner' } }), 404);
		expectError(await call('GET', '/organization/projects/proj_nope/users'), 404);
		expectError(await call('POST', '/organization/projects/proj_nope/users', { body: { user_id: 'x', role: 'member' } }), 404);
	});

	it('answers 400 for every user route of an archived project', async () => {
		const m = project().users[0];
		sandbox().state.archiveProject(project().id);
		expectError(await call('GET', base()), 400);
		expectError(await call('POST', base(), { body: { user_id: outsider().id, role: 'member' } }), 400);
		expectError(await call('GET', `${base()}/${m.id}`), 400);
		expectError(await call('POST', `${base()}/${m.id}`, { body: { role: 'member' } }), 400);
		expectError(await call('DELETE', `${base()}/${m.id}`), 400);
		expect(project().users).toHaveLength(2);
	});
});
