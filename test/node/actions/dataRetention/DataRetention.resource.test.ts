/** Data retention, of the organization and of a project (which takes its words from here): what is set is kept. */
import type { INodeParameters } from 'n8n-workflow';

import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('data retention', () => {
	const sandbox = useSandbox();
	const run = async (parameters: INodeParameters) => await runAgainst(sandbox(), parameters);

	it('organization and project settings are kept', async () => {
		await run({ resource: 'dataRetention', operation: 'update', retention_type: 'zero_data_retention' });
		expect((await run({ resource: 'dataRetention', operation: 'get' })).json).toEqual([{ object: 'organization.data_retention', type: 'zero_data_retention' }]);
		const scope = { projectId: byId(sandbox().state.projects[1].id) };
		expect((await run({ resource: 'projectDataRetention', operation: 'get', ...scope })).json[0].type).toBe('organization_default');
		await run({ resource: 'projectDataRetention', operation: 'update', ...scope, retention_type: 'none' });
		expect((await run({ resource: 'projectDataRetention', operation: 'get', ...scope })).json).toEqual([{ object: 'project.data_retention', type: 'none' }]);
		expect(calls(sandbox()).filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ retention_type: 'zero_data_retention' }, { retention_type: 'none' }]);
	});
});
