/** The people-and-access pickers, filled through n8n's list-search context against the sandbox. */
import { byId, searchList } from '../../helpers/runNode';
import { useSandbox } from '../../helpers/sandbox';
import { seedPeople } from '../../helpers/people';

describe('people-and-access pickers', () => {
	const sandbox = useSandbox({ projects: 1, users: 6, usersPerProject: 2 });
	const world = () => {
		const project = sandbox().state.projects.find((p) => !p.is_default)!;
		return { project, ...seedPeople(sandbox(), { members: project.users, roleHolder: project.users[0], project }) };
	};

	it.each([
		['searchAdminApiKeys', '/organization/admin_api_keys', (w: ReturnType<typeof world>) => w.adminKeys.map((k) => k.id)],
		['searchInvites', '/organization/invites', (w: ReturnType<typeof world>) => w.invites.map((i) => i.id)],
		['searchGroups', '/organization/groups', (w: ReturnType<typeof world>) => w.groups.map((g) => g.id)],
		['searchCertificates', '/organization/certificates', (w: ReturnType<typeof world>) => w.certificates.map((c) => c.id).reverse()],
	])('%s lists %s', async (method, path, expected) => {
		const w = world();
		const result = await searchList(method, {}, { api: sandbox() });
		expect(result.results.map((entry) => entry.value)).toEqual(expect.arrayContaining(expected(w)));
		expect(sandbox().requests.map((request) => request.path)).toEqual([path]);
	});

	it('keeps organization roles and project roles apart', async () => {
		const w = world();
		const organizationRoles = await searchList('searchRoles', {}, { api: sandbox() });
		expect(organizationRoles.results.map((entry) => entry.value)).toEqual(['role_org_owner', 'role_org_reader', ...w.roles.map((r) => r.id)]);
		const projectRoles = await searchList('searchProjectRoles', {}, { api: sandbox() });
		expect(projectRoles.results).toEqual([
			{ name: 'owner', value: 'role_proj_owner' },
			{ name: 'member', value: 'role_proj_member' },
		]);
	});

	it.each([
		['searchGroupUsers', 'groupUser', (w: ReturnType<typeof world>) => ({ groupId: byId(w.groups[0].id) }), (w: ReturnType<typeof world>) => w.project.users.map((u) => u.id).reverse()],
		['searchGroupRoles', 'groupRole', (w: ReturnType<typeof world>) => ({ groupId: byId(w.groups[0].id) }), (w: ReturnType<typeof world>) => w.roles.slice(0, 2).map((r) => r.id)],
		['searchUserRoles', 'userRole', (w: ReturnType<typeof world>) => ({ userId: byId(w.project.users[0].id) }), (w: ReturnType<typeof world>) => w.roles.slice(0, 2).map((r) => r.id)],
		['searchProjectGroups', 'projectGroup', (w: ReturnType<typeof world>) => ({ projectId: byId(w.project.id) }), (w: ReturnType<typeof world>) => w.groups.slice(0, 2).map((g) => g.id)],
	])('%s lists below what is chosen', async (method, resource, chosen, expected) => {
		const w = world();
		const result = await searchList(method, { resource, operation: 'get', ...chosen(w) }, { api: sandbox() });
		expect(result.results.map((entry) => entry.value)).toEqual(expected(w));
	});

	it('asks for the group first', async () => {
		const parameters = { resource: 'groupUser', operation: 'get', groupId: { __rl: true, mode: 'list', value: '' } };
		await expect(searchList('searchGroupUsers', parameters, { api: sandbox() })).rejects.toThrow('Choose a group first');
		expect(sandbox().requests).toHaveLength(0);
	});
});
