import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project User → Get Many', () => {
	const sandbox = useSandbox({ projects: 1, usersPerProject: 3 });

	it('lists the users of the project', async () => {
		const project = sandbox().state.projects.find((p) => !p.is_default)!;
		const run = await runAgainst(sandbox(), {
			resource: 'projectUser',
			operation: 'getMany',
			projectId: byId(project.id),
			returnAll: true,
		});

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())).toEqual([
			{ method: 'GET', path: `/organization/projects/${project.id}/users`, query: { limit: '100' }, body: undefined },
		]);
		expect(run.json).toEqual(project.users.map((user) => ({ ...user })));
	});
});
