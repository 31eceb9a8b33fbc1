/**
 * Return All and Limit on every list, at the collection sizes where cursor bugs live: empty, one
 * item, exactly one page, one more than a page, and several pages.
 */
import type { INodeParameters } from 'n8n-workflow';

import { registry } from '../../nodes/OpenAiAdmin/actions/registry';
import type { Sandbox } from '../../sandbox';
import { addSpendAlerts } from '../../sandbox/resources/spend';
import { byId } from '../helpers/runNode';
import { runAgainst, useSandbox } from '../helpers/sandbox';

/** Fills a collection of exactly `size` items and returns the ids in list order plus extra parameters. */
type Fill = (sandbox: Sandbox, size: number) => { ids: string[]; parameters: INodeParameters };

/** A list below one project: a fresh, empty project holds exactly what the test adds. */
const inProject =
	(add: (sandbox: Sandbox, projectId: string, size: number) => Array<{ id: string }>): Fill =>
	(sandbox, size) => {
		const [project] = sandbox.state.addProjects(1);
		return { ids: add(sandbox, project.id, size).map((item) => item.id), parameters: { projectId: byId(project.id) } };
	};

/** How the sandbox fills each list the registry declares, by the list's path. */
const FILLS: Record<string, Fill> = {
	'/organization/projects': (sandbox, size) => ({ ids: sandbox.state.addProjects(size).map((p) => p.id), parameters: {} }),
	'/organization/projects/{project_id}/users': inProject((s, id, n) => s.state.addProjectUsers(id, n)),
	'/organization/projects/{project_id}/service_accounts': inProject((s, id, n) => s.state.addServiceAccounts(id, n)),
	'/organization/projects/{project_id}/api_keys': inProject((s, id, n) => s.state.addApiKeys(id, n)),
	'/organization/projects/{project_id}/rate_limits': inProject((s, id, n) => s.state.addRateLimits(id, n)),
	'/organization/spend_alerts': (sandbox, size) => ({ ids: addSpendAlerts(sandbox.state, size).map((a) => a.id), parameters: {} }),
	'/organization/projects/{project_id}/spend_alerts': inProject((s, id, n) => addSpendAlerts(s.state, n, s.state.findProject(id))),
	// Only the events the test records, newest first as the API lists them.
	'/organization/audit_logs': (sandbox, size) => {
		sandbox.state.auditLogs.length = 0;
		for (let i = 0; i < size; i++) sandbox.state.recordEvent({ type: 'project.updated', payload: { id: `proj_${i}` }, at: 1_800_000_000 + i });
		return { ids: sandbox.state.auditLogs.map((event) => event.id), parameters: {} };
	},
};

const lists = registry
	.filter((entry) => entry.pager)
	.map((entry) => ({ resource: entry.resource, path: entry.path, fill: FILLS[entry.path] }));

it('knows how to fill every list the registry declares', () => {
	expect(lists.filter((list) => !list.fill).map((list) => list.path)).toEqual([]);
});

const SIZES = [0, 1, 100, 101, 250];

describe.each(lists)('Get Many of $resource', ({ resource, fill }) => {
	// No seeded projects: the project list then holds exactly what a test adds.
	const sandbox = useSandbox({ projects: 0, defaultProject: false });

	it.each(SIZES)('Return All over %i items: every item once, in ceil(n/100) requests', async (size) => {
		const { ids, parameters } = fill(sandbox(), size);
		const run = await runAgainst(sandbox(), { resource, operation: 'getMany', returnAll: true, ...parameters });

		expect(run.error).toBeUndefined();
		expect(run.json.map((item) => item.id)).toEqual(ids);
		const requests = sandbox().requests;
		expect(requests).toHaveLength(Math.max(1, Math.ceil(size / 100)));
		expect(requests.every((request) => request.query.limit === '100')).toBe(true);
		// Each page starts after the last id of the one before.
		expect(requests.map((request) => request.query.after)).toEqual(
			requests.map((_, page) => (page === 0 ? undefined : ids[page * 100 - 1])),
		);
	});

	it.each([
		[0, 1, 1],
		[1, 100, 1],
		[100, 100, 1],
		[101, 100, 1],
		[250, 37, 1],
	])('Limit over %i items with Limit %i: at most Limit items in %i request', async (size, limit, expectedRequests) => {
		const { ids, parameters } = fill(sandbox(), size);
		const run = await runAgainst(sandbox(), { resource, operation: 'getMany', returnAll: false, limit, ...parameters });

		expect(run.error).toBeUndefined();
		expect(run.json.map((item) => item.id)).toEqual(ids.slice(0, limit));
		expect(sandbox().requests).toHaveLength(expectedRequests);
		expect(sandbox().requests[0].query.limit).toBe(String(limit));
	});
});
