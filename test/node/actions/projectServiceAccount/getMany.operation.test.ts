import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project Service Account → Get Many', () => {
	const sandbox = useSandbox({ projects: 1, serviceAccountsPerProject: 3 });

	it('lists the service accounts of the project', async () => {
		const project = sandbox().state.projects.find((p) => !p.is_default)!;
		const run = await runAgainst(sandbox(), {
			resource: 'projectServiceAccount',
			operation: 'getMany',
			projectId: byId(project.id),
			returnAll: false,
			limit: 2,
		});

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())).toEqual([
			{
				method: 'GET',
				path: `/organization/projects/${project.id}/service_accounts`,
				query: { limit: '2' },
				body: undefined,
			},
		]);
		expect(run.json).toEqual(project.serviceAccounts.slice(0, 2).map((account) => ({ ...account })));
	});
});
