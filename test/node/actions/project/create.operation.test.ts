import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project → Create', () => {
	const sandbox = useSandbox({ projects: 0 });

	it('creates a project with only a name', async () => {
		const run = await runAgainst(sandbox(), { resource: 'project', operation: 'create', name: 'Marketing bot' });

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())).toEqual([
			{ method: 'POST', path: '/organization/projects', query: {}, body: { name: 'Marketing bot' } },
		]);
		expect(run.json).toEqual([
			expect.objectContaining({ object: 'organization.project', name: 'Marketing bot', status: 'active' }),
		]);
		expect(String(run.json[0].id)).toMatch(/^proj_/);
		expect(sandbox().state.findProject(String(run.json[0].id))).toBeDefined();
	});

	it('sends residency and external key id when given', async () => {
		const run = await runAgainst(sandbox(), {
			resource: 'project',
			operation: 'create',
			name: 'EU work',
			additionalFields: { residency: 'EU_STORAGE_PROCESSING', external_key_id: 'ekm_123' },
		});

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())[0].body).toEqual({
			name: 'EU work',
			residency: 'EU_STORAGE_PROCESSING',
			external_key_id: 'ekm_123',
		});
		expect(run.json[0]).toEqual(
			expect.objectContaining({ residency: 'EU_STORAGE_PROCESSING', external_key_id: 'ekm_123' }),
		);
	});

	it('takes the name from each input item through an expression', async () => {
		const run = await runAgainst(
			sandbox(),
			{ resource: 'project', operation: 'create', name: '={{ $json.team }} sandbox' },
			{ input: [{ team: 'Alpha' }, { team: 'Beta' }] },
		);

		expect(calls(sandbox()).map((call) => call.body)).toEqual([
			{ name: 'Alpha sandbox' },
			{ name: 'Beta sandbox' },
		]);
		expect(run.items.map((item) => [item.json.name, item.pairedItem])).toEqual([
			['Alpha sandbox', { item: 0 }],
			['Beta sandbox', { item: 1 }],
		]);
	});
});
