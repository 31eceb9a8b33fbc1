import { byId, searchList } from '../../helpers/runNode';
import { useSandbox } from '../../helpers/sandbox';

describe('From List pickers', () => {
	const sandbox = useSandbox({ projects: 0, defaultProject: false, users: 3 });

	it('pages through projects with the cursor and filters by name or id', async () => {
		const projects = sandbox().state.addProjects(150);
		const firstPage = await searchList('searchProjects', {}, { api: sandbox() });
		expect(firstPage.results).toHaveLength(100);
		expect(firstPage.results[0]).toEqual({ name: projects[0].name, value: projects[0].id });
		expect(firstPage.paginationToken).toBe(projects[99].id);

		const secondPage = await searchList('searchProjects', {}, {
			api: sandbox(),
			paginationToken: firstPage.paginationToken as string,
		});
		expect(secondPage.results.map((entry) => entry.value)).toEqual(projects.slice(100).map((p) => p.id));
		expect(secondPage.paginationToken).toBeUndefined();
		expect(sandbox().requests.map((request) => request.query)).toEqual([
			{ limit: '100' },
			{ limit: '100', after: projects[99].id },
		]);

		const filtered = await searchList('searchProjects', {}, { api: sandbox(), filter: projects[120].id });
		expect(filtered.results).toEqual([]); // not on the first page
		const byName = await searchList('searchProjects', {}, { api: sandbox(), filter: projects[5].name.toUpperCase() });
		expect(byName.results.map((entry) => entry.value)).toContain(projects[5].id);
	});

	it('lists organization users with their email', async () => {
		const result = await searchList('searchOrganizationUsers', {}, { api: sandbox() });
		const [user] = sandbox().state.organizationUsers;
		expect(result.results[0]).toEqual({ name: `${user.name} <${user.email}>`, value: user.id });
		expect(sandbox().requests[0].path).toBe('/organization/users');
	});

	it.each([
		['searchProjectUsers', 'projectUser', 'get', 'users'],
		['searchServiceAccounts', 'projectServiceAccount', 'get', 'service_accounts'],
		['searchApiKeys', 'projectApiKey', 'get', 'api_keys'],
		['searchRateLimits', 'projectRateLimit', 'update', 'rate_limits'],
	])('%s lists from the chosen project', async (method, resource, operation, collection) => {
		const [project] = sandbox().state.addProjects(1, { users: 2, serviceAccounts: 2, apiKeys: 2, rateLimits: 2 });
		const parameters = { resource, operation, projectId: byId(project.id) };
		const result = await searchList(method, parameters, { api: sandbox() });
		expect(result.results).toHaveLength(2);
		expect(sandbox().requests[0].path).toBe(`/organization/projects/${project.id}/${collection}`);
	});

	it('asks for a project first when none is chosen', async () => {
		const parameters = {
			resource: 'projectServiceAccount',
			operation: 'get',
			projectId: { __rl: true, mode: 'list', value: '' },
		};
		await expect(searchList('searchServiceAccounts', parameters, { api: sandbox() })).rejects.toThrow(
			'Choose a project first',
		);
		expect(sandbox().requests).toHaveLength(0);
	});
});
