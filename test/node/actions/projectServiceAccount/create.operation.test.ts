import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project Service Account → Create', () => {
	const sandbox = useSandbox({ projects: 1, serviceAccountsPerProject: 0 });
	const project = () => sandbox().state.projects.find((p) => !p.is_default)!;

	it('creates the account and returns its one-time API key', async () => {
		const run = await runAgainst(sandbox(), {
			resource: 'projectServiceAccount',
			operation: 'create',
			projectId: byId(project().id),
			name: 'Production app',
		});

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())).toEqual([
			{
				method: 'POST',
				path: `/organization/projects/${project().id}/service_accounts`,
				query: {},
				body: { name: 'Production app' },
			},
		]);
		const [account] = run.json;
		expect(account).toEqual(
			expect.objectContaining({ object: 'organization.project.service_account', name: 'Production app', role: 'member' }),
		);
		const apiKey = account.api_key as { value: string; id: string };
		expect(apiKey.value).toMatch(/^sk-/);
		// The unredacted value is shown once; the project's key list only has the redacted form.
		const listed = project().apiKeys.find((key) => key.id === apiKey.id)!;
		expect(listed.redacted_value).not.toBe(apiKey.value);
	});

	it('creates only the account when asked', async () => {
		const run = await runAgainst(sandbox(), {
			resource: 'projectServiceAccount',
			operation: 'create',
			projectId: byId(project().id),
			name: 'Bare',
			additionalFields: { create_service_account_only: true },
		});

		expect(calls(sandbox())[0].body).toEqual({ name: 'Bare', create_service_account_only: true });
		expect(run.json[0]).toEqual(expect.objectContaining({ role: 'none', api_key: null }));
	});
});
