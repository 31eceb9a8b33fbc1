/** Hard spend limits (limit.ts): a 404 until set, then what was set, then gone again; each change an audit event. */
import type { INodeParameters } from 'n8n-workflow';

import { byId } from '../../../helpers/runNode';
import { runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('spend limits', () => {
	const sandbox = useSandbox();
	const run = async (parameters: INodeParameters) => await runAgainst(sandbox(), parameters);

	it('a 404 until set, then what was set, then gone again', async () => {
		const scope = { projectId: byId(sandbox().state.projects[1].id) };
		const unset = await runAgainst(sandbox(), { resource: 'projectSpendLimit', operation: 'get', ...scope }, { continueOnFail: true });
		expect(unset.json[0]).toMatchObject({ httpCode: '404' });
		const set = await run({ resource: 'projectSpendLimit', operation: 'set', ...scope, threshold_amount: 150000, currency: 'USD', interval: 'month' });
		expect(set.json[0]).toEqual({ object: 'project.spend_limit', threshold_amount: 150000, currency: 'USD', interval: 'month', enforcement: { status: 'inactive' } });
		expect((await run({ resource: 'projectSpendLimit', operation: 'get', ...scope })).json).toEqual(set.json);
		expect((await run({ resource: 'projectSpendLimit', operation: 'delete', ...scope })).json).toEqual([{ object: 'project.spend_limit.deleted', deleted: true }]);
		const organization = await run({ resource: 'spendLimit', operation: 'set', threshold_amount: 1, currency: 'USD', interval: 'month' });
		expect(organization.json[0]).toMatchObject({ object: 'organization.spend_limit', threshold_amount: 1 });
		const events = sandbox().state.auditLogs.filter((e) => e.actor?.type === 'api_key').map((e) => e.type);
		expect(events.slice(0, 3)).toEqual(['organization.updated', 'project.updated', 'project.updated']);
	});
});
