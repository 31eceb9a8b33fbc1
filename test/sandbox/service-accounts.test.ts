import { expectError, projectRoute, walk } from './helpers';

const { sandbox, call, project, base } = projectRoute({ seed: 4, projects: 2, serviceAccountsPerProject: 1, now: () => 1800000000 }, 'service_accounts');

describe('project service accounts', () => {
	it('lists service accounts with the spec fields', async () => {
		const res = await call('GET', base());
		expect(res.status).toBe(200);
		expect(res.body.data).toEqual([
			{
				object: 'organization.project.service_account',
				id: project().serviceAccounts[0].id,
				name: project().serviceAccounts[0].name,
				role: 'member',
				created_at: project().serviceAccounts[0].created_at,
			},
		]);
		expect(res.body.data[0].id).toMatch(/^svc_acct_/);
	});

	it('creates one with role member and returns its unredacted key exactly once', async () => {
		const res = await call('POST', base(), { body: { name: 'Production App' } });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			object: 'organization.project.service_account',
			id: expect.stringMatching(/^svc_acct_/),
			name: 'Production App',
			role: 'member',
			created_at: 1800000000,
			api_key: {
				object: 'organization.project.service_account.api_key',
				value: expect.stringMatching(/^sk-svcacct-[A-Za-z0-9_-]{40,}$/),
				name: 'Secret Key',
				created_at: 1800000000,
				id: expect.stringMatching(/^key_/),
			},
		});
		const { value, id: keyId } = res.body.api_key;

		// later reads: the account has no key field, and the key only shows redacted in api_keys
		const account = await call('GET', `${base()}/${res.body.id}`);
		expect(account.body).not.toHaveProperty('api_key');
		const keys = await walk(call, `/organization/projects/${project().id}/api_keys`, { owner_project_access: 'any' });
		const listed = keys.items.find((k) => k.id === keyId);
		expect(listed).toMatchObject({
			redacted_value: `sk-svcacct-...${value.slice(-4)}`,
			owner_project_access: 'active',
			owner: { type: 'service_account', service_account: { id: res.body.id, name: 'Production App', role: 'member' } },
		});
		const everything = JSON.stringify([keys.items, (await call('GET', base())).body, sandbox().state.projects]);
		expect(everything).not.toContain(value);
	});

	it('create_service_account_only: role none, api_key null, no key listed', async () => {
		const before = project().apiKeys.length;
		const res = await call('POST', base(), { body: { name: 'bare', create_service_account_only: true } });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ name: 'bare', role: 'none', api_key: null });
		expect(project().apiKeys.length).toBe(before);
	});

	it.each([
		[{}, 'name'],
		[{ name: '' }, 'name'],
		[{ name: 1 }, 'name'],
		[{ name: 'x', create_service_account_only: 'yes' }, 'create_service_account_only'],
		[{ name: 'x', role: 'owner' }, 'role'],
	])('validates the create body %j (param %s)', async (body, param) => {
		expectError(await call('POST', base(), { body }), 400, param);
	});

	it('updates name and role (member|owner only)', async () => {
		const a = project().serviceAccounts[0];
		const res = await call('POST', `${base()}/${a.id}`, { body: { name: 'renamed', role: 'owner' } });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ id: a.id, name: 'renamed', role: 'owner' });
		expectError(await call('POST', `${base()}/${a.id}`, { body: { role: 'none' } }), 400, 'role');
		expectError(await call('POST', `${base()}/${a.id}`, { body: { nickname: 'x' } }), 400, 'nickname');
		expectError(await call('POST', `${base()}/svc_acct_nope`, { body: { name: 'x' } }), 404);
	});

	it('deletes an account together with its keys', async () => {
		const created = await call('POST', base(), { body: { name: 'temp' } });
		const keyId = created.body.api_key.id;
		const del = await call('DELETE', `${base()}/${created.body.id}`);
		expect(del.body).toEqual({ object: 'organization.project.service_account.deleted', id: created.body.id, deleted: true });
		expect(project().apiKeys.some((k) => k.id === keyId)).toBe(false);
		expectError(await call('GET', `${base()}/${created.body.id}`), 404);
		expectError(await call('DELETE', `${base()}/${created.body.id}`), 404);
	});

	it('creates an extra key for an account, shown once', async () => {
		const a = project().serviceAccounts[0];
		const res = await call('POST', `${base()}/${a.id}/api_keys`, { body: { name: 'second' } });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ object: 'organization.project.service_account.api_key', name: 'second', value: expect.stringMatching(/^sk-svcacct-/) });
		expect(project().apiKeys.at(-1)!.id).toBe(res.body.id);
		expectError(await call('POST', `${base()}/svc_acct_nope/api_keys`, { body: {} }), 404);
	});

	it('404s unknown ids, 400s archived projects', async () => {
		expectError(await call('GET', `${base()}/svc_acct_nope`), 404);
		expectError(await call('GET', '/organization/projects/proj_nope/service_accounts'), 404);
		sandbox().state.archiveProject(project().id);
		expectError(await call('GET', base()), 400);
		expectError(await call('POST', base(), { body: { name: 'x' } }), 400);
		expectError(await call('DELETE', `${base()}/${project().serviceAccounts[0].id}`), 400);
	});
});
