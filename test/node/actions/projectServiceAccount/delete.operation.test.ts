import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project Service Account → Delete', () => {
	const sandbox = useSandbox({ projects: 1, serviceAccountsPerProject: 2 });

	it('deletes the service account', async () => {
		const project = sandbox().state.projects.find((p) => !p.is_default)!;
		const account = project.serviceAccounts[0];
		const run = await runAgainst(sandbox(), {
			resource: 'projectServiceAccount',
			operation: 'delete',
			projectId: byId(project.id),
			serviceAccountId: byId(account.id),
		});

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())).toEqual([
			{
				method: 'DELETE',
				path: `/organization/projects/${project.id}/service_accounts/${account.id}`,
				query: {},
				body: undefined,
			},
		]);
		expect(run.json).toEqual([
			{ object: 'organization.project.service_account.deleted', id: account.id, deleted: true },
		]);
		expect(project.serviceAccounts.map((candidate) => candidate.id)).not.toContain(account.id);
	});

	it('reports the deletion when a retry finds that the failed first attempt did delete', async () => {
		const project = sandbox().state.projects.find((p) => !p.is_default)!;
		const account = project.serviceAccounts[0];
		sandbox().addFault({ kind: 'status', status: 502, method: 'DELETE', times: 1, afterHandler: true });
		const run = await runAgainst(sandbox(), {
			resource: 'projectServiceAccount',
			operation: 'delete',
			projectId: byId(project.id),
			serviceAccountId: byId(account.id),
		});

		expect(sandbox().requests.map((request) => request.status)).toEqual([502, 404]);
		expect(run.json).toEqual([
			{ object: 'organization.project.service_account.deleted', id: account.id, deleted: true },
		]);
	});
});
