import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project → Get', () => {
	const sandbox = useSandbox({ projects: 2 });

	it('returns the project unchanged', async () => {
		const project = sandbox().state.projects[1];
		const run = await runAgainst(sandbox(), { resource: 'project', operation: 'get', projectId: byId(project.id) });

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())).toEqual([
			{ method: 'GET', path: `/organization/projects/${project.id}`, query: {}, body: undefined },
		]);
		expect(run.json).toEqual([
			{
				id: project.id,
				object: 'organization.project',
				name: project.name,
				created_at: project.created_at,
				archived_at: null,
				status: 'active',
				external_key_id: project.external_key_id,
				residency: project.residency,
			},
		]);
	});

	it('accepts a project settings link (By URL)', async () => {
		const project = sandbox().state.projects[1];
		const run = await runAgainst(sandbox(), {
			resource: 'project',
			operation: 'get',
			projectId: {
				__rl: true,
				mode: 'url',
				value: `https://platform.openai.com/settings/${project.id}/general`,
			},
		});
		expect(run.error).toBeUndefined();
		expect(calls(sandbox())[0].path).toBe(`/organization/projects/${project.id}`);
	});

	it('gives the API message for an unknown project', async () => {
		const run = await runAgainst(sandbox(), {
			resource: 'project',
			operation: 'get',
			projectId: byId('proj_doesnotexist'),
		});
		expect(run.error?.message).toMatch(/proj_doesnotexist/);
		expect(run.error?.httpCode).toBe('404');
	});
});
