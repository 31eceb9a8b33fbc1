import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project Rate Limit → Get Many', () => {
	const sandbox = useSandbox({ projects: 1 });

	it('lists the per-model limits of the project', async () => {
		const project = sandbox().state.projects.find((p) => !p.is_default)!;
		const run = await runAgainst(sandbox(), {
			resource: 'projectRateLimit',
			operation: 'getMany',
			projectId: byId(project.id),
			returnAll: true,
		});

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())).toEqual([
			{ method: 'GET', path: `/organization/projects/${project.id}/rate_limits`, query: { limit: '100' }, body: undefined },
		]);
		expect(run.json).toEqual(project.rateLimits.map((limit) => ({ ...limit })));
		expect(run.json.every((limit) => limit.object === 'project.rate_limit')).toBe(true);
	});
});
