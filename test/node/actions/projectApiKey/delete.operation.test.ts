import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project API Key → Delete', () => {
	const sandbox = useSandbox({ projects: 1, keysPerProject: 0, serviceAccountsPerProject: 0 });
	const project = () => sandbox().state.projects.find((p) => !p.is_default)!;

	it("deletes a user's key", async () => {
		const [key] = sandbox().state.addApiKeys(project().id, 1);
		const run = await runAgainst(sandbox(), {
			resource: 'projectApiKey',
			operation: 'delete',
			projectId: byId(project().id),
			apiKeyId: byId(key.id),
		});

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())).toEqual([
			{ method: 'DELETE', path: `/organization/projects/${project().id}/api_keys/${key.id}`, query: {}, body: undefined },
		]);
		expect(run.json).toEqual([{ object: 'organization.project.api_key.deleted', id: key.id, deleted: true }]);
		expect(project().apiKeys).toHaveLength(0);
	});

	it("passes on the API refusal to delete a service account's key", async () => {
		const [key] = sandbox().state.addApiKeys(project().id, 1, { owner: 'service_account' });
		const run = await runAgainst(sandbox(), {
			resource: 'projectApiKey',
			operation: 'delete',
			projectId: byId(project().id),
			apiKeyId: byId(key.id),
		});
		expect(run.error?.httpCode).toBe('400');
		expect(run.error?.message).toMatch(/service account/i);
		expect(project().apiKeys.map((candidate) => candidate.id)).toContain(key.id);
	});
});
