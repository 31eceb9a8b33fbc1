/**
 * Return All and Limit on every list, at the collection sizes where cursor bugs live: empty, one
 * item, exactly one page, one more than a page, and several pages.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { byId } from '../helpers/runNode';
import { runAgainst, useSandbox } from '../helpers/sandbox';

interface ListCase {
	resource: string;
	/** Fills a collection of exactly `size` items and returns the ids in list order plus extra parameters. */
	fill(sandbox: Sandbox, size: number): { ids: string[]; parameters: INodeParameters };
}

const emptyProject = (sandbox: Sandbox) => sandbox.state.addProjects(1)[0];

const lists: ListCase[] = [
	{
		resource: 'project',
		fill: (sandbox, size) => ({ ids: sandbox.state.addProjects(size).map((p) => p.id), parameters: {} }),
	},
	{
		resource: 'projectUser',
		fill: (sandbox, size) => {
			const project = emptyProject(sandbox);
			return {
				ids: sandbox.state.addProjectUsers(project.id, size).map((u) => u.id),
				parameters: { projectId: byId(project.id) },
			};
		},
	},
	{
		resource: 'projectServiceAccount',
		fill: (sandbox, size) => {
			const project = emptyProject(sandbox);
			return {
				ids: sandbox.state.addServiceAccounts(project.id, size).map((a) => a.id),
				parameters: { projectId: byId(project.id) },
			};
		},
	},
	{
		resource: 'projectApiKey',
		fill: (sandbox, size) => {
			const project = emptyProject(sandbox);
			return {
				ids: sandbox.state.addApiKeys(project.id, size).map((k) => k.id),
				parameters: { projectId: byId(project.id) },
			};
		},
	},
	{
		resource: 'projectRateLimit',
		fill: (sandbox, size) => {
			const project = emptyProject(sandbox);
			return {
				ids: sandbox.state.addRateLimits(project.id, size).map((r) => r.id),
				parameters: { projectId: byId(project.id) },
			};
		},
	},
];

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
