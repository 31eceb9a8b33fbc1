/**
 * Spend alerts, of the organization and of a project (alert.ts): the whole alert goes out on create
 * and update, the recipients as an email channel, and every change leaves its audit event.
 */
import type { INodeParameters } from 'n8n-workflow';

import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('spend alerts', () => {
	const sandbox = useSandbox();
	const run = async (parameters: INodeParameters) => await runAgainst(sandbox(), parameters);
	const events = () => sandbox().state.auditLogs.filter((e) => e.actor?.type === 'api_key').map((e) => e.type);

	it.each(['spendAlert', 'projectSpendAlert'] as const)('%s: create, get, update, list, delete', async (resource) => {
		const scope: INodeParameters = resource === 'projectSpendAlert' ? { projectId: byId(sandbox().state.projects[1].id) } : {};
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
});
