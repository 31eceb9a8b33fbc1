import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project User → Update', () => {
	const sandbox = useSandbox({ projects: 1, usersPerProject: 2 });

	it("changes the user's role", async () => {
		const project = sandbox().state.projects.find((p) => !p.is_default)!;
		const user = project.users.find((member) => member.role === 'member')!;
		const run = await runAgainst(sandbox(), {
			resource: 'projectUser',
			operation: 'update',
			projectId: byId(project.id),
			userId: byId(user.id),
			role: 'owner',
		});

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())).toEqual([
			{
				method: 'POST',
				path: `/organization/projects/${project.id}/users/${user.id}`,
				query: {},
				body: { role: 'owner' },
			},
		]);
		expect(run.json).toEqual([expect.objectContaining({ id: user.id, role: 'owner' })]);
		expect(user.role).toBe('owner');
	});
});
