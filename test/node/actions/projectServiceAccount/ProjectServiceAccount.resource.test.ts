/**
 * Project Service Account: a new account comes with its API key, unredacted this once, unless it is
 * created alone.
 */
import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project Service Account', () => {
	const sandbox = useSandbox({ projects: 1, serviceAccountsPerProject: 0 });
	const project = () => sandbox().state.projects.find((p) => !p.is_default)!;
	const create = (parameters: object) =>
		runAgainst(sandbox(), { resource: 'projectServiceAccount', operation: 'create', projectId: byId(project().id), ...parameters });

	it('Create: the account and its one-time API key, which the key list then shows only redacted', async () => {
		const run = await create({ name: 'Production app' });

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())).toEqual([
			{ method: 'POST', path: `/organization/projects/${project().id}/service_accounts`, query: {}, body: { name: 'Production app' } },
		]);
		const [account] = run.json;
		expect(account).toEqual(expect.objectContaining({ object: 'organization.project.service_account', name: 'Production app', role: 'member' }));
		const apiKey = account.api_key as { value: string; id: string };
		expect(apiKey.value).toMatch(/^sk-/);
		const listed = project().apiKeys.find((key) => key.id === apiKey.id)!;
		expect(listed.redacted_value).not.toBe(apiKey.value);
	});

	it('Create: only the account, without key or role, when asked', async () => {
		const run = await create({ name: 'Bare', additionalFields: { create_service_account_only: true } });

		expect(calls(sandbox())[0].body).toEqual({ name: 'Bare', create_service_account_only: true });
		expect(run.json[0]).toEqual(expect.objectContaining({ role: 'none', api_key: null }));
	});
});
