import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project → Archive', () => {
	const sandbox = useSandbox({ projects: 2 });

	it('archives the project and returns it', async () => {
		const project = sandbox().state.projects.find((p) => !p.is_default)!;
		const run = await runAgainst(sandbox(), {
			resource: 'project',
			operation: 'archive',
			projectId: byId(project.id),
		});

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())).toEqual([
			{ method: 'POST', path: `/organization/projects/${project.id}/archive`, query: {}, body: undefined },
		]);
		expect(run.json).toEqual([
			expect.objectContaining({ id: project.id, object: 'organization.project', status: 'archived' }),
		]);
		expect(run.json[0].archived_at).toEqual(expect.any(Number));
		expect(sandbox().state.findProject(project.id)!.archived_at).not.toBeNull();
	});

	it('reports the API refusal to archive the default project', async () => {
		const run = await runAgainst(sandbox(), {
			resource: 'project',
			operation: 'archive',
			projectId: byId(sandbox().state.defaultProject!.id),
		});
		expect(run.error?.message).toMatch(/default project/i);
		expect(run.json).toEqual([]);
	});
});
