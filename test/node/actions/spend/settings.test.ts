/**
 * Spend alerts, spend limits, data retention, model and hosted tool permissions through real n8n
 * execution against the sandbox: what the node sends is what the sandbox keeps, reads give it back,
 * invalid values are refused by the API's 400, and every change leaves its audit event.
 */
import type { INodeParameters } from 'n8n-workflow';

import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('spend and settings operations', () => {
	const sandbox = useSandbox();
	const run = async (parameters: INodeParameters) => await runAgainst(sandbox(), parameters);
	const project = () => sandbox().state.projects[1];
	const events = () => sandbox().state.auditLogs.filter((e) => e.actor?.type === 'api_key').map((e) => e.type);

	it.each(['spendAlert', 'projectSpendAlert'] as const)('%s: create, get, update, list, delete', async (resource) => {
		const scope: INodeParameters = resource === 'projectSpendAlert' ? { projectId: byId(project().id) } : {};
		const alertParameter = resource === 'projectSpendAlert' ? 'projectSpendAlertId' : 'spendAlertId';
		const body = { threshold_amount: 25000, currency: 'USD', interval: 'month' };
		const created = await run({ resource, operation: 'create', ...scope, ...body, recipients: 'a@example.com, b@example.com', additionalFields: { subject_prefix: '[ops]' } });
		expect(created.error).toBeUndefined();
		expect(calls(sandbox())[0].body).toEqual({ ...body, notification_channel: { type: 'email', recipients: ['a@example.com', 'b@example.com'], subject_prefix: '[ops]' } });
		const id = String(created.json[0].id);

		const updated = await run({ resource, operation: 'update', ...scope, [alertParameter]: byId(id), ...body, threshold_amount: 50000, recipients: 'c@example.com' });
		expect(updated.json[0]).toMatchObject({ id, threshold_amount: 50000, notification_channel: { recipients: ['c@example.com'] } });
		expect((await run({ resource, operation: 'get', ...scope, [alertParameter]: byId(id) })).json[0]).toEqual(updated.json[0]);
		expect((await run({ resource, operation: 'getMany', ...scope, returnAll: true })).json.map((a) => a.id)).toEqual([id]);
		expect((await run({ resource, operation: 'delete', ...scope, [alertParameter]: byId(id) })).json[0]).toMatchObject({ id, deleted: true });
		expect((await run({ resource, operation: 'getMany', ...scope, returnAll: true })).json).toEqual([]);
		const type = resource === 'spendAlert' ? 'organization.updated' : 'project.updated';
		expect(events().slice(0, 3)).toEqual([type, type, type]);
	});

	it('spend limits: a 404 until set, then what was set, then gone again', async () => {
		const scope = { projectId: byId(project().id) };
		const unset = await runAgainst(sandbox(), { resource: 'projectSpendLimit', operation: 'get', ...scope }, { continueOnFail: true });
		expect(unset.json[0]).toMatchObject({ httpCode: '404' });
		const set = await run({ resource: 'projectSpendLimit', operation: 'set', ...scope, threshold_amount: 150000, currency: 'USD', interval: 'month' });
		expect(set.json[0]).toEqual({ object: 'project.spend_limit', threshold_amount: 150000, currency: 'USD', interval: 'month', enforcement: { status: 'inactive' } });
		expect((await run({ resource: 'projectSpendLimit', operation: 'get', ...scope })).json).toEqual(set.json);
		expect((await run({ resource: 'projectSpendLimit', operation: 'delete', ...scope })).json).toEqual([{ object: 'project.spend_limit.deleted', deleted: true }]);
		const organization = await run({ resource: 'spendLimit', operation: 'set', threshold_amount: 1, currency: 'USD', interval: 'month' });
		expect(organization.json[0]).toMatchObject({ object: 'organization.spend_limit', threshold_amount: 1 });
		expect(events().slice(0, 3)).toEqual(['organization.updated', 'project.updated', 'project.updated']);
	});

	it('data retention: organization and project settings are kept', async () => {
		await run({ resource: 'dataRetention', operation: 'update', retention_type: 'zero_data_retention' });
		expect((await run({ resource: 'dataRetention', operation: 'get' })).json).toEqual([{ object: 'organization.data_retention', type: 'zero_data_retention' }]);
		const scope = { projectId: byId(project().id) };
		expect((await run({ resource: 'projectDataRetention', operation: 'get', ...scope })).json[0].type).toBe('organization_default');
		await run({ resource: 'projectDataRetention', operation: 'update', ...scope, retention_type: 'none' });
		expect((await run({ resource: 'projectDataRetention', operation: 'get', ...scope })).json).toEqual([{ object: 'project.data_retention', type: 'none' }]);
		expect(calls(sandbox()).filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ retention_type: 'zero_data_retention' }, { retention_type: 'none' }]);
	});

	it('model permissions: set, read back, delete back to no list', async () => {
		const scope = { projectId: byId(project().id) };
		const set = await run({ resource: 'projectModelPermissions', operation: 'update', ...scope, mode: 'allow_list', model_ids: 'gpt-4o, gpt-4o-mini' });
		expect(set.json).toEqual([{ object: 'project.model_permissions', mode: 'allow_list', model_ids: ['gpt-4o', 'gpt-4o-mini'] }]);
		expect((await run({ resource: 'projectModelPermissions', operation: 'get', ...scope })).json).toEqual(set.json);
		expect((await run({ resource: 'projectModelPermissions', operation: 'delete', ...scope })).json).toEqual([{ object: 'project.model_permissions.deleted', deleted: true }]);
		expect((await run({ resource: 'projectModelPermissions', operation: 'get', ...scope })).json[0]).toMatchObject({ mode: 'deny_list', model_ids: [] });
	});

	it('model permissions: an empty allow list only with Allow Empty List, the list in place until then', async () => {
		const scope = { projectId: byId(project().id) };
		await run({ resource: 'projectModelPermissions', operation: 'update', ...scope, mode: 'allow_list', model_ids: 'gpt-4o' });
		sandbox().resetLog();
		for (const model_ids of ['', ' , ', '={{ $json.models ?? [] }}']) {
			const refused = await runAgainst(sandbox(), { resource: 'projectModelPermissions', operation: 'update', ...scope, mode: 'allow_list', model_ids }, { continueOnFail: true });
			expect(refused.json).toEqual([
				{
					error: 'Model IDs: an empty allow list shuts the project out of every model: give at least one model, or turn on "Allow Empty List" to send it anyway [item 0]',
					description: 'Check the "Model IDs" field of item 0.',
				},
			]);
		}
		expect(sandbox().requests).toEqual([]);
		expect((await run({ resource: 'projectModelPermissions', operation: 'get', ...scope })).json[0]).toMatchObject({ mode: 'allow_list', model_ids: ['gpt-4o'] });

		const emptied = await run({ resource: 'projectModelPermissions', operation: 'update', ...scope, mode: 'allow_list', model_ids: '', allowEmptyList: true });
		expect(emptied.json).toEqual([{ object: 'project.model_permissions', mode: 'allow_list', model_ids: [] }]);
	});

	it('model permissions: an empty deny list is sent as it is, since it denies nothing', async () => {
		const scope = { projectId: byId(project().id) };
		const set = await run({ resource: 'projectModelPermissions', operation: 'update', ...scope, mode: 'deny_list', model_ids: '' });
		expect(calls(sandbox())[0].body).toEqual({ mode: 'deny_list', model_ids: [] });
		expect(set.json).toEqual([{ object: 'project.model_permissions', mode: 'deny_list', model_ids: [] }]);
	});

	it('hosted tool permissions: only the tools given change', async () => {
		const scope = { projectId: byId(project().id) };
		const updated = await run({ resource: 'projectHostedToolPermissions', operation: 'update', ...scope, updateFields: { web_search: false, mcp: false } });
		expect(calls(sandbox())[0].body).toEqual({ web_search: { enabled: false }, mcp: { enabled: false } });
		expect(updated.json[0]).toEqual({
			file_search: { enabled: true },
			web_search: { enabled: false },
			image_generation: { enabled: true },
			mcp: { enabled: false },
			code_interpreter: { enabled: true },
		});
		expect((await run({ resource: 'projectHostedToolPermissions', operation: 'get', ...scope })).json).toEqual(updated.json);
	});
});
