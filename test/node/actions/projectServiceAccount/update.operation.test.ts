import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project Service Account → Update', () => {
	const sandbox = useSandbox({ projects: 1, serviceAccountsPerProject: 1 });

	it('renames the account and changes its role', async () => {
		const project = sandbox().state.projects.find((p) => !p.is_default)!;
		const account = project.serviceAccounts[0];
		const run = await runAgainst(sandbox(), {
			resource: 'projectServiceAccount',
			operation: 'update',
			projectId: byId(project.id),
			serviceAccountId: byId(account.id),
			updateFields: { name: 'Renamed bot', role: 'owner' },
		});

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())).toEqual([
			{
				method: 'POST',
				path: `/organization/projects/${project.id}/service_accounts/${account.id}`,
				query: {},
				body: { name: 'Renamed bot', role: 'owner' },
			},
		]);
		expect(run.json).toEqual([expect.objectContaining({ id: account.id, name: 'Renamed bot', role: 'owner' })]);
	});
});
