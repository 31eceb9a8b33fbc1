/**
 * Project: what is its own beside what every operation is checked for (test/node/actions/endpoints,
 * registry, pagination and the bad-input suite): a project is never deleted but archived, the
 * default and archived ones refuse changes, archived ones are listed only when asked for, and a
 * project is also found by its settings link.
 */
import type { INodeParameters } from 'n8n-workflow';

import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project', () => {
	const sandbox = useSandbox({ projects: 2, archivedProjects: 2 });
	const active = () => sandbox().state.projects.filter((project) => !project.is_default && project.archived_at === null);
	const archived = () => sandbox().state.projects.filter((project) => project.archived_at !== null);

	it('Create: the name from each item, Additional Fields sent only where given, each project returned for its item', async () => {
		const run = await runAgainst(
			sandbox(),
			{
				resource: 'project',
				operation: 'create',
				name: '={{ $json.team }} sandbox',
				additionalFields: { residency: '={{ $json.residency }}', external_key_id: '={{ $json.key }}' },
			},
			{ input: [{ team: 'Alpha' }, { team: 'Beta', residency: 'EU_STORAGE_PROCESSING', key: 'ekm_123' }] },
		);

		expect(run.error).toBeUndefined();
		expect(calls(sandbox()).map(({ method, path, body }) => [method, path, body])).toEqual([
			['POST', '/organization/projects', { name: 'Alpha sandbox' }],
			['POST', '/organization/projects', { name: 'Beta sandbox', residency: 'EU_STORAGE_PROCESSING', external_key_id: 'ekm_123' }],
		]);
		expect(run.items.map((item) => [item.json.name, item.json.status, item.json.residency, item.json.external_key_id, item.pairedItem])).toEqual([
			['Alpha sandbox', 'active', 'GLOBAL', null, { item: 0 }],
			['Beta sandbox', 'active', 'EU_STORAGE_PROCESSING', 'ekm_123', { item: 1 }],
		]);
		for (const { json } of run.items) {
			expect(json).toMatchObject({ object: 'organization.project', id: expect.stringMatching(/^proj_/) });
			expect(sandbox().state.findProject(String(json.id))).toBeDefined();
		}
	});

	it('Get: a project by its platform.openai.com settings link, returned as the API sends it', async () => {
		const [project] = active();
		const run = await runAgainst(sandbox(), {
			resource: 'project',
			operation: 'get',
			projectId: { __rl: true, mode: 'url', value: `https://platform.openai.com/settings/${project.id}/general` },
		});

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())[0].path).toBe(`/organization/projects/${project.id}`);
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

	it('Get Many: archived projects only with Include Archived, sent as the spec names it', async () => {
		const listed = async (filters: INodeParameters) =>
			(await runAgainst(sandbox(), { resource: 'project', operation: 'getMany', returnAll: true, filters })).json.map((project) => project.id);

		expect(await listed({})).toEqual(sandbox().state.projects.filter((project) => project.archived_at === null).map((project) => project.id));
		expect(await listed({ include_archived: true })).toEqual(sandbox().state.projects.map((project) => project.id));
		expect(archived()).toHaveLength(2);
		expect(calls(sandbox()).map((call) => call.query)).toEqual([{ limit: '100' }, { limit: '100', include_archived: 'true' }]);
	});

	it('Archive: the project comes back archived; the default project cannot be', async () => {
		const [project] = active();
		const run = await runAgainst(sandbox(), { resource: 'project', operation: 'archive', projectId: byId(project.id) });
		expect(run.json).toEqual([expect.objectContaining({ id: project.id, object: 'organization.project', status: 'archived', archived_at: expect.any(Number) })]);
		expect(sandbox().state.findProject(project.id)?.archived_at).not.toBeNull();

		const refused = await runAgainst(sandbox(), { resource: 'project', operation: 'archive', projectId: byId(sandbox().state.defaultProject!.id) });
		expect(refused.error?.message).toMatch(/default project/i);
		expect(refused.json).toEqual([]);
	});

	it('Update: renames; nothing to change is refused before any request; an archived project refuses', async () => {
		const [project] = active();
		const update = async (projectId: string, updateFields: INodeParameters) =>
			await runAgainst(sandbox(), { resource: 'project', operation: 'update', projectId: byId(projectId), updateFields });

		const renamed = await update(project.id, { name: 'Renamed' });
		expect(renamed.json).toEqual([expect.objectContaining({ id: project.id, name: 'Renamed' })]);
		expect(sandbox().state.findProject(project.id)?.name).toBe('Renamed');

		sandbox().resetLog();
		expect((await update(project.id, {})).error?.message).toBe('Update Fields: add at least one field to change [item 0]');
		expect(sandbox().requests).toHaveLength(0);

		const refused = await update(archived()[0].id, { name: 'x' });
		expect(refused.error?.httpCode).toBe('400');
		expect(refused.error?.message).toMatch(/archived/i);
	});
});
