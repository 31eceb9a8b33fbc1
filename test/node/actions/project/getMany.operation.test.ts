import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project → Get Many', () => {
	const sandbox = useSandbox({ projects: 3, archivedProjects: 2 });

	it('returns the active projects, one item each, unchanged', async () => {
		const run = await runAgainst(sandbox(), { resource: 'project', operation: 'getMany', returnAll: true });

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())).toEqual([
			{ method: 'GET', path: '/organization/projects', query: { limit: '100' }, body: undefined },
		]);
		const active = sandbox().state.projects.filter((project) => project.archived_at === null);
		expect(run.json.map((project) => project.id)).toEqual(active.map((project) => project.id));
		expect(run.json.every((project) => project.object === 'organization.project')).toBe(true);
		expect(run.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('includes archived projects when the filter asks for them', async () => {
		const run = await runAgainst(sandbox(), {
			resource: 'project',
			operation: 'getMany',
			returnAll: true,
			filters: { include_archived: true },
		});

		expect(calls(sandbox())[0].query).toEqual({ limit: '100', include_archived: 'true' });
		expect(run.json).toHaveLength(sandbox().state.projects.length);
		expect(run.json.filter((project) => project.status === 'archived')).toHaveLength(2);
	});

	it('asks for exactly Limit items', async () => {
		const run = await runAgainst(sandbox(), { resource: 'project', operation: 'getMany', returnAll: false, limit: 2 });

		expect(calls(sandbox())).toEqual([
			{ method: 'GET', path: '/organization/projects', query: { limit: '2' }, body: undefined },
		]);
		expect(run.json).toHaveLength(2);
	});
});
