/**
 * Project Model Permissions: an allow or deny list replaced whole; an empty allow list, which would
 * shut the project out of every model, only with Allow Empty List.
 */
import type { INodeParameters } from 'n8n-workflow';

import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project Model Permissions', () => {
	const sandbox = useSandbox();
	const permissions = async (operation: string, parameters: INodeParameters = {}, continueOnFail = false) =>
		await runAgainst(sandbox(), { resource: 'projectModelPermissions', operation, projectId: byId(sandbox().state.projects[1].id), ...parameters }, { continueOnFail });

	it('set, read back, delete back to no list', async () => {
		const set = await permissions('update', { mode: 'allow_list', model_ids: 'gpt-4o, gpt-4o-mini' });
		expect(set.json).toEqual([{ object: 'project.model_permissions', mode: 'allow_list', model_ids: ['gpt-4o', 'gpt-4o-mini'] }]);
		expect((await permissions('get')).json).toEqual(set.json);
		expect((await permissions('delete')).json).toEqual([{ object: 'project.model_permissions.deleted', deleted: true }]);
		expect((await permissions('get')).json[0]).toMatchObject({ mode: 'deny_list', model_ids: [] });
	});

	it('an empty allow list only with Allow Empty List, the list in place until then', async () => {
		await permissions('update', { mode: 'allow_list', model_ids: 'gpt-4o' });
		sandbox().resetLog();
		for (const model_ids of ['', ' , ', '={{ $json.models ?? [] }}']) {
			const refused = await permissions('update', { mode: 'allow_list', model_ids }, true);
			expect(refused.json).toEqual([
				{
					error: 'Model IDs: an empty allow list shuts the project out of every model: give at least one model, or turn on "Allow Empty List" to send it anyway [item 0]',
					description: 'Check the "Model IDs" field of item 0.',
				},
			]);
		}
		expect(sandbox().requests).toEqual([]);
		expect((await permissions('get')).json[0]).toMatchObject({ mode: 'allow_list', model_ids: ['gpt-4o'] });

		const emptied = await permissions('update', { mode: 'allow_list', model_ids: '', allowEmptyList: true });
		expect(emptied.json).toEqual([{ object: 'project.model_permissions', mode: 'allow_list', model_ids: [] }]);
	});

	it('an empty deny list is sent as it is, since it denies nothing', async () => {
		const set = await permissions('update', { mode: 'deny_list', model_ids: '' });
		expect(calls(sandbox())[0].body).toEqual({ mode: 'deny_list', model_ids: [] });
		expect(set.json).toEqual([{ object: 'project.model_permissions', mode: 'deny_list', model_ids: [] }]);
	});
});
