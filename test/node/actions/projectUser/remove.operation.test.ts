import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project User → Remove', () => {
	const sandbox = useSandbox({ projects: 1, usersPerProject: 2 });

	it('removes the user from the project', async () => {
		const project = sandbox().state.projects.find((p) => !p.is_default)!;
		const user = project.users[1];
		const run = await runAgainst(sandbox(), {
			resource: 'projectUser',
			operation: 'remove',
			projectId: byId(project.id),
			userId: byId(user.id),
		});

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())).toEqual([
			{ method: 'DELETE', path: `/organization/projects/${project.id}/users/${user.id}`, query: {}, body: undefined },
		]);
		expect(run.json).toEqual([{ object: 'organization.project.user.deleted', id: user.id, deleted: true }]);
		expect(project.users.map((member) => member.id)).not.toContain(user.id);
	});

	it('reports the removal when a retry finds that the failed first attempt did remove', async () => {
		const project = sandbox().state.projects.find((p) => !p.is_default)!;
		const user = project.users[1];
		sandbox().addFault({ kind: 'drop', method: 'DELETE', times: 1, afterHandler: true });
		const run = await runAgainst(sandbox(), {
			resource: 'projectUser',
			operation: 'remove',
			projectId: byId(project.id),
			userId: byId(user.id),
		});

		expect(sandbox().requests.map((request) => request.status)).toEqual([0, 404]);
		expect(run.json).toEqual([{ object: 'organization.project.user.deleted', id: user.id, deleted: true }]);
	});
});
