import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project User → Get', () => {
	const sandbox = useSandbox({ projects: 1, usersPerProject: 2 });

	it('returns the project user', async () => {
		const project = sandbox().state.projects.find((p) => !p.is_default)!;
		const user = project.users[1];
		const run = await runAgainst(sandbox(), {
			resource: 'projectUser',
			operation: 'get',
			projectId: byId(project.id),
			userId: byId(user.id),
		});

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())).toEqual([
			{ method: 'GET', path: `/organization/projects/${project.id}/users/${user.id}`, query: {}, body: undefined },
		]);
		expect(run.json).toEqual([{ ...user }]);
	});
});
