import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project → Update', () => {
	const sandbox = useSandbox({ projects: 1, archivedProjects: 1 });
	const activeProject = () => sandbox().state.projects.find((p) => !p.is_default && p.archived_at === null)!;

	it('renames the project', async () => {
		const project = activeProject();
		const run = await runAgainst(sandbox(), {
			resource: 'project',
			operation: 'update',
			projectId: byId(project.id),
			updateFields: { name: 'Renamed' },
		});

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())).toEqual([
			{ method: 'POST', path: `/organization/projects/${project.id}`, query: {}, body: { name: 'Renamed' } },
		]);
		expect(run.json).toEqual([expect.objectContaining({ id: project.id, name: 'Renamed' })]);
		expect(sandbox().state.findProject(project.id)!.name).toBe('Renamed');
	});

	it('sends the external key id', async () => {
		const project = activeProject();
		await runAgainst(sandbox(), {
			resource: 'project',
			operation: 'update',
			projectId: byId(project.id),
			updateFields: { external_key_id: 'ekm_9' },
		});
		expect(calls(sandbox())[0].body).toEqual({ external_key_id: 'ekm_9' });
	});

	it('refuses an update with nothing to change, before any request', async () => {
		const run = await runAgainst(sandbox(), {
			resource: 'project',
			operation: 'update',
			projectId: byId(activeProject().id),
			updateFields: {},
		});
		expect(run.error?.message).toBe('Update Fields: add at least one field to change [item 0]');
		expect(sandbox().requests).toHaveLength(0);
	});

	it('passes on the API refusal to modify an archived project', async () => {
		const archived = sandbox().state.projects.find((p) => p.archived_at !== null)!;
		const run = await runAgainst(sandbox(), {
			resource: 'project',
			operation: 'update',
			projectId: byId(archived.id),
			updateFields: { name: 'x' },
		});
		expect(run.error?.httpCode).toBe('400');
		expect(run.error?.message).toMatch(/archived/i);
	});
});
