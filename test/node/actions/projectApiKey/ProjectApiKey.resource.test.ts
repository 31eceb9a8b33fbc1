/**
 * Project API Key: which keys a list shows (Owner Project Access), what a key shows of itself
 * (redacted), and that a service account's key goes only with its account. The key audit has its
 * own test (auditAllProjects.operation.test.ts).
 */
import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project API Key', () => {
	const sandbox = useSandbox({ projects: 1, keysPerProject: 0, serviceAccountsPerProject: 0 });
	const project = () => sandbox().state.projects.find((p) => !p.is_default)!;
	const keys = (parameters: object) => runAgainst(sandbox(), { resource: 'projectApiKey', projectId: byId(project().id), ...parameters });

	it("Get Many: keys of owners who left only with Owner Project Access \"any\" or \"inactive\", each key redacted with its owner", async () => {
		const active = sandbox().state.addApiKeys(project().id, 3);
		sandbox().state.addApiKeys(project().id, 2, { ownerProjectAccess: 'inactive' });

		const visible = await keys({ operation: 'getMany', returnAll: true });
		const every = await keys({ operation: 'getMany', returnAll: true, filters: { owner_project_access: 'any' } });
		const inactive = await keys({ operation: 'getMany', returnAll: true, filters: { owner_project_access: 'inactive' } });

		expect(calls(sandbox()).map((call) => call.query)).toEqual([
			{ limit: '100' },
			{ limit: '100', owner_project_access: 'any' },
			{ limit: '100', owner_project_access: 'inactive' },
		]);
		expect(visible.json).toEqual(
			active.map((key) =>
				expect.objectContaining({
					object: 'organization.project.api_key',
					id: key.id,
					name: key.name,
					redacted_value: key.redacted_value,
					owner_project_access: 'active',
					owner: expect.objectContaining({ type: 'user' }),
				}),
			),
		);
		expect(every.json).toHaveLength(5);
		expect(inactive.json.map((key) => key.owner_project_access)).toEqual(['inactive', 'inactive']);
	});

	it("Delete: a user's key goes; a service account's key is refused by the API and stays", async () => {
		const [key] = sandbox().state.addApiKeys(project().id, 1);
		const [accountKey] = sandbox().state.addApiKeys(project().id, 1, { owner: 'service_account' });

		const deleted = await keys({ operation: 'delete', apiKeyId: byId(key.id) });
		expect(deleted.json).toEqual([{ object: 'organization.project.api_key.deleted', id: key.id, deleted: true }]);

		const refused = await keys({ operation: 'delete', apiKeyId: byId(accountKey.id) });
		expect(refused.error?.httpCode).toBe('400');
		expect(refused.error?.message).toMatch(/service account/i);
		expect(project().apiKeys.map((candidate) => candidate.id)).toEqual([accountKey.id]);
	});
});
