import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project API Key → Get Many', () => {
	const sandbox = useSandbox({ projects: 1, keysPerProject: 0 });
	const project = () => sandbox().state.projects.find((p) => !p.is_default)!;

	it('lists the keys, and with "any" also those whose owner left the project', async () => {
		sandbox().state.addApiKeys(project().id, 3);
		sandbox().state.addApiKeys(project().id, 2, { ownerProjectAccess: 'inactive' });

		const visible = await runAgainst(sandbox(), {
			resource: 'projectApiKey',
			operation: 'getMany',
			projectId: byId(project().id),
			returnAll: true,
		});
		const every = await runAgainst(sandbox(), {
			resource: 'projectApiKey',
			operation: 'getMany',
			projectId: byId(project().id),
			returnAll: true,
			filters: { owner_project_access: 'any' },
		});
		const inactive = await runAgainst(sandbox(), {
			resource: 'projectApiKey',
			operation: 'getMany',
			projectId: byId(project().id),
			returnAll: true,
			filters: { owner_project_access: 'inactive' },
		});

		expect(calls(sandbox())).toEqual([
			{ method: 'GET', path: `/organization/projects/${project().id}/api_keys`, query: { limit: '100' }, body: undefined },
			{
				method: 'GET',
				path: `/organization/projects/${project().id}/api_keys`,
				query: { limit: '100', owner_project_access: 'any' },
				body: undefined,
			},
			{
				method: 'GET',
				path: `/organization/projects/${project().id}/api_keys`,
				query: { limit: '100', owner_project_access: 'inactive' },
				body: undefined,
			},
		]);
		expect(visible.json).toHaveLength(3);
		expect(every.json).toHaveLength(5);
		expect(inactive.json.map((key) => key.owner_project_access)).toEqual(['inactive', 'inactive']);
	});
});
