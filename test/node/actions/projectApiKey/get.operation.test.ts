import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project API Key → Get', () => {
	const sandbox = useSandbox({ projects: 1, keysPerProject: 0 });

	it('returns the key with its redacted value and owner', async () => {
		const project = sandbox().state.projects.find((p) => !p.is_default)!;
		const [key] = sandbox().state.addApiKeys(project.id, 1);
		const run = await runAgainst(sandbox(), {
			resource: 'projectApiKey',
			operation: 'get',
			projectId: byId(project.id),
			apiKeyId: byId(key.id),
		});

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())).toEqual([
			{ method: 'GET', path: `/organization/projects/${project.id}/api_keys/${key.id}`, query: {}, body: undefined },
		]);
		expect(run.json).toEqual([
			expect.objectContaining({
				object: 'organization.project.api_key',
				id: key.id,
				name: key.name,
				redacted_value: key.redacted_value,
				owner_project_access: 'active',
				owner: expect.objectContaining({ type: 'user' }),
			}),
		]);
	});
});
