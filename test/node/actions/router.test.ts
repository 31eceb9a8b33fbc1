/** What the router does for every operation: per-item parameters, pairing, errors, authentication. */
import { byId } from '../../helpers/runNode';
import { runAgainst, useSandbox } from '../../helpers/sandbox';

describe('router', () => {
	const sandbox = useSandbox({ projects: 3 });
	const projects = () => sandbox().state.projects.filter((project) => !project.is_default);

	it('runs every item with its own parameters from expressions, and pairs each output with it', async () => {
		const run = await runAgainst(
			sandbox(),
			{ resource: 'project', operation: 'get', projectId: byId('={{ $json.project }}') },
			{ input: projects().map((project) => ({ project: project.id })) },
		);

		expect(run.error).toBeUndefined();
		expect(sandbox().requests.map((request) => request.path)).toEqual(
			projects().map((project) => `/organization/projects/${project.id}`),
		);
		expect(run.items.map((item) => [item.json.id, item.pairedItem])).toEqual(
			projects().map((project, index) => [project.id, { item: index }]),
		);
	});

	it('pairs every item of a list with the input item that asked for it', async () => {
		const [first, second] = projects();
		const run = await runAgainst(
			sandbox(),
			{ resource: 'projectUser', operation: 'getMany', projectId: byId('={{ $json.project }}'), returnAll: true },
			{ input: [{ project: first.id }, { project: second.id }] },
		);

		expect(run.items.map((item) => [item.json.id, item.pairedItem])).toEqual([
			...first.users.map((user) => [user.id, { item: 0 }]),
			...second.users.map((user) => [user.id, { item: 1 }]),
		]);
	});

	it('with Continue On Fail, gives a failing item an error output and goes on', async () => {
		const [first, second] = projects();
		const run = await runAgainst(
			sandbox(),
			{ resource: 'project', operation: 'get', projectId: byId('={{ $json.project }}') },
			{
				continueOnFail: true,
				input: [{ project: first.id }, { project: 'proj_missing' }, { project: '' }, { project: second.id }],
			},
		);

		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(run.json[0].id).toBe(first.id);
		expect(run.json[1]).toEqual(
			expect.objectContaining({ error: expect.stringContaining('proj_missing'), httpCode: '404' }),
		);
		expect(run.json[2]).toEqual(
			expect.objectContaining({ error: 'Project: an ID is required [item 2]' }),
		);
		expect(run.json[3].id).toBe(second.id);
		// The empty id never became a request.
		expect(sandbox().requests).toHaveLength(3);
	});

	it('without Continue On Fail, stops at the failing item and names it', async () => {
		const run = await runAgainst(
			sandbox(),
			{ resource: 'project', operation: 'get', projectId: byId('={{ $json.project }}') },
			{ input: [{ project: projects()[0].id }, { project: 'proj_missing' }] },
		);

		expect(run.error?.message).toMatch(/proj_missing/);
		expect(run.error?.context?.itemIndex).toBe(1);
	});

	it('authenticates with the admin key as a Bearer token, and sends the organization header only when set', async () => {
		await runAgainst(sandbox(), { resource: 'project', operation: 'getMany', returnAll: false, limit: 1 });
		await runAgainst(
			sandbox(),
			{ resource: 'project', operation: 'getMany', returnAll: false, limit: 1 },
			{ credential: { organizationId: 'org-abc123' } },
		);

		const [plain, withOrganization] = sandbox().requests;
		expect(plain.headers.authorization).toBe(`Bearer ${sandbox().adminKey}`);
		expect(plain.headers['openai-organization']).toBeUndefined();
		expect(withOrganization.headers['openai-organization']).toBe('org-abc123');
	});

	it('explains that an admin key is needed when the API refuses a project key', async () => {
		const run = await runAgainst(
			sandbox(),
			{ resource: 'project', operation: 'getMany', returnAll: true },
			{ credential: { apiKey: 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789' } },
		);

		expect(run.error?.httpCode).toBe('403');
		expect(run.error?.message).toMatch(/insufficient permissions/i);
		expect(run.error?.description).toMatch(/admin key/i);
	});

	it('accepts a base URL with a trailing slash', async () => {
		const run = await runAgainst(
			sandbox(),
			{ resource: 'project', operation: 'getMany', returnAll: false, limit: 1 },
			{ credential: { baseUrl: `${sandbox().baseUrl}/` } },
		);
		expect(run.error).toBeUndefined();
		expect(sandbox().requests[0].path).toBe('/organization/projects');
	});
});
