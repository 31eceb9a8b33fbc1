import { startSandbox } from '../../sandbox';
import type { Project } from '../../sandbox/types';
import { useSandbox } from '../helpers/sandbox';
import { client, clientOf, expectError, walk } from './helpers';

const sandbox = useSandbox({ seed: 5, projects: 1, keysPerProject: 0 });
const call = clientOf(sandbox);
let project: Project;
let base: string;

beforeEach(() => {
	const { state } = sandbox();
	[project] = state.addProjects(1, { users: 2, serviceAccounts: 1 });
	state.addApiKeys(project.id, 2); // active user keys
	state.addApiKeys(project.id, 1, { ownerProjectAccess: 'inactive', last_used_at: null });
	state.addApiKeys(project.id, 1, { owner: 'service_account' });
	base = `/organization/projects/${project.id}/api_keys`;
});

const ids = (items: any[]) => items.map((k) => k.id);

describe('project API keys', () => {
	it('serves the spec fields, owner details and derived access', async () => {
		const res = await call('GET', base, { query: { owner_project_access: 'any' } });
		expect(res.status).toBe(200);
		const [userKey, , inactiveKey, saKey] = res.body.data;
		expect(Object.keys(userKey)).toEqual([
			'object', 'redacted_value', 'name', 'created_at', 'last_used_at', 'id', 'owner_project_access', 'owner',
		]);
		expect(userKey).toMatchObject({
			object: 'organization.project.api_key',
			id: expect.stringMatching(/^key_[A-Za-z0-9]{16}$/),
			redacted_value: expect.stringMatching(/^sk-proj-\.\.\.[A-Za-z0-9_-]{4}$/),
			owner_project_access: 'active',
			owner: { type: 'user', user: { id: project.users[0].id, email: project.users[0].email, role: 'owner' } },
		});
		expect(inactiveKey).toMatchObject({ owner_project_access: 'inactive', last_used_at: null, owner: { type: 'user' } });
		expect(project.users.some((u) => u.id === inactiveKey.owner.user.id)).toBe(false);
		expect(saKey).toMatchObject({
			owner_project_access: 'active',
			owner: { type: 'service_account', service_account: { id: project.serviceAccounts[0].id, role: 'member' } },
		});
	});

	it('filters by owner_project_access; omitted hides inactive owners', async () => {
		const all = ids(project.apiKeys);
		expect(ids((await call('GET', base)).body.data)).toEqual([all[0], all[1], all[3]]);
		expect(ids((await call('GET', base, { query: { owner_project_access: 'active' } })).body.data)).toEqual([all[0], all[1], all[3]]);
		expect(ids((await call('GET', base, { query: { owner_project_access: 'inactive' } })).body.data)).toEqual([all[2]]);
		expect(ids((await call('GET', base, { query: { owner_project_access: 'any' } })).body.data)).toEqual(all);
		expectError(await call('GET', base, { query: { owner_project_access: 'some' } }), 400, 'owner_project_access');
	});

	it('a member leaving the project turns their keys inactive; role changes show in owner.user.role', async () => {
		const member = project.users[1];
		const key = project.apiKeys.find((k) => k.owner.type === 'user' && k.owner.user.id === member.id)!;
		await call('POST', `/organization/projects/${project.id}/users/${member.id}`, { body: { role: 'owner' } });
		expect((await call('GET', `${base}/${key.id}`)).body.owner.user.role).toBe('owner');
		await call('DELETE', `/organization/projects/${project.id}/users/${member.id}`);
		const after = await call('GET', `${base}/${key.id}`);
		expect(after.body.owner_project_access).toBe('inactive');
		expect(ids((await call('GET', base)).body.data)).not.toContain(key.id);
	});

	it('retrieves by id and 404s unknown keys and projects', async () => {
		const k = project.apiKeys[2];
		expect((await call('GET', `${base}/${k.id}`)).body).toMatchObject({ id: k.id, owner_project_access: 'inactive' });
		expectError(await call('GET', `${base}/key_nope`), 404);
		expectError(await call('GET', '/organization/projects/proj_nope/api_keys'), 404);
		expectError(await call('DELETE', `${base}/key_nope`), 404);
	});

	it('deletes user-owned keys', async () => {
		const k = project.apiKeys[0];
		const res = await call('DELETE', `${base}/${k.id}`);
		expect(res.body).toEqual({ object: 'organization.project.api_key.deleted', id: k.id, deleted: true });
		expect(ids(project.apiKeys)).not.toContain(k.id);
		expectError(await call('GET', `${base}/${k.id}`), 404);
	});

	it('refuses to delete a key owned by a service account', async () => {
		const k = project.apiKeys[3];
		const res = await call('DELETE', `${base}/${k.id}`);
		expectError(res, 400);
		expect(res.body.error.message).toMatch(/service account/);
		expect(ids(project.apiKeys)).toContain(k.id);
	});

	it('seeds a realistic mix by default', async () => {
		const seeded = await startSandbox({ seed: 1, projects: 12, keysPerProject: 3 });
		try {
			const keys = seeded.state.projects.flatMap((p) => p.apiKeys.map((k) => ({ p, k })));
			expect(keys).toHaveLength(13 * 3);
			expect(keys.some(({ k }) => k.owner.type === 'service_account')).toBe(true);
			expect(keys.some(({ k }) => k.owner.type === 'user')).toBe(true);
			expect(keys.some(({ k }) => k.last_used_at === null)).toBe(true);
			const epoch = seeded.state.epoch;
			expect(keys.some(({ k }) => k.last_used_at !== null && k.last_used_at < epoch - 90 * 86400)).toBe(true);
			expect(keys.some(({ k }) => k.last_used_at !== null && k.last_used_at > epoch - 7 * 86400)).toBe(true);
			const c = client(seeded);
			const inactive = await Promise.all(
				seeded.state.projects.map((p) => walk(c, `/organization/projects/${p.id}/api_keys`, { owner_project_access: 'inactive' })),
			);
			expect(inactive.flatMap((r) => r.items).length).toBeGreaterThan(0);
		} finally {
			await seeded.close();
		}
	});
});
