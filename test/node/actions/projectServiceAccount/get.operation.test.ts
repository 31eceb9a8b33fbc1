import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project Service Account → Get', () => {
	const sandbox = useSandbox({ projects: 1, serviceAccountsPerProject: 1 });

	it('returns the service account unchanged', async () => {
		const project = sandbox().state.projects.find((p) => !p.is_default)!;
		const account = project.serviceAccounts[0];
		const run = await runAgainst(sandbox(), {
			resource: 'projectServiceAccount',
			operation: 'get',
			projectId: byId(project.id),
			serviceAccountId: byId(account.id),
		});

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())).toEqual([
			{
				method: 'GET',
				path: `/organization/projects/${project.id}/service_accounts/${account.id}`,
				query: {},
				body: undefined,
			},
		]);
		expect(run.json).toEqual([{ ...account }]);
	});
});
