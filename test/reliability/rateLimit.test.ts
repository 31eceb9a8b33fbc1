/**
 * The sandbox's token bucket (N requests per window over every route) against long Return All
 * runs, through real n8n execution. The bucket refills one request per second: slow enough that the
 * requests after its burst meet 429s however busy the machine is (each would have to take over a
 * second not to), and fast enough for a suite of a few seconds. The same arithmetic at the Admin API's real scale (10 per minute) is checked on a fake clock in
 * test/unit/transport/adminApi.test.ts.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { Project, Sandbox } from '../../sandbox';
import { byId } from '../helpers/runNode';
import { runAgainst } from '../helpers/sandbox';
import { cursors, EMPTY_ORG, rateLimited, withSandbox } from './support';

const PAGE = 100;

/** A project with `pages` full pages of keys. */
function keysProject(sandbox: Sandbox, pages: number, projectIndex = 0) {
	const project = sandbox.state.projects.filter((candidate) => !candidate.is_default)[projectIndex];
	sandbox.state.addApiKeys(project.id, pages * PAGE);
	return project;
}

/** Every page's cursor once, in order, among the requests that were answered. */
function answeredCursors(sandbox: Sandbox, path: string) {
	return sandbox.requests.filter((request) => request.path === path && request.status === 200).map((request) => request.query.after);
}

/** Project API Key → Get Many with Return All, one input item per project. */
async function allKeys(sandbox: Sandbox, projects: Project[], options?: INodeParameters) {
	return await runAgainst(
		sandbox,
		{ resource: 'projectApiKey', operation: 'getMany', projectId: byId('={{ $json.projectId }}'), returnAll: true, ...(options && { options }) },
		{ input: projects.map((project) => ({ projectId: project.id })) },
	);
}

/** Each project's keys, once each and in order, paired with the project's input item. */
function expectEachProjectsKeys(run: Awaited<ReturnType<typeof allKeys>>, projects: Project[]) {
	projects.forEach((project, index) => {
		const mine = run.items.filter((item) => (item.pairedItem as { item: number }).item === index);
		expect(mine.map((item) => item.json.id)).toEqual(project.apiKeys.map((key) => key.id));
	});
}

function expectedCursors(ids: string[]) {
	const result: Array<string | undefined> = [undefined];
	for (let end = PAGE; end < ids.length; end += PAGE) result.push(ids[end - 1]);
	return result;
}

describe('under a rate limit of 5 requests, refilled at one per second', () => {
	const LIMIT = { requests: 5, windowMs: 5000 };
	/** Three more pages than the bucket's burst. */
	const PAGES = 8;

	it.concurrent('an 8-page Return All bounces off 429s but returns every key exactly once', async () => {
		await withSandbox({ ...EMPTY_ORG, rateLimit: LIMIT }, async (sandbox) => {
			const project = keysProject(sandbox, PAGES);
			const run = await allKeys(sandbox, [project]);

			expect(run.error).toBeUndefined();
			const ids = project.apiKeys.map((key) => key.id);
			expect(run.json.map((item) => item.id)).toEqual(ids);
			expect(new Set(run.json.map((item) => item.id)).size).toBe(PAGES * PAGE);

			const path = `/organization/projects/${project.id}/api_keys`;
			expect(rateLimited(sandbox)).toBeGreaterThan(0);
			expect(sandbox.requests).toHaveLength(PAGES + rateLimited(sandbox));
			expect(answeredCursors(sandbox, path)).toEqual(expectedCursors(ids));
			// Each 429 was retried at the cursor it failed on.
			const all = cursors(sandbox, path);
			sandbox.requests.forEach((request, i) => {
				if (request.fault === 'rate_limit') expect(all[i + 1]).toBe(all[i]);
			});
		});
	});

	it.concurrent('paced at the same rate (60 per minute), it never hits a 429', async () => {
		await withSandbox({ ...EMPTY_ORG, rateLimit: LIMIT }, async (sandbox) => {
			const project = keysProject(sandbox, PAGES);
			const run = await allKeys(sandbox, [project], { maxRequestsPerMinute: 60 });

			expect(run.error).toBeUndefined();
			const ids = project.apiKeys.map((key) => key.id);
			expect(run.json.map((item) => item.id)).toEqual(ids);
			expect(rateLimited(sandbox)).toBe(0);
			expect(sandbox.requests).toHaveLength(PAGES);
			expect(cursors(sandbox, `/organization/projects/${project.id}/api_keys`)).toEqual(expectedCursors(ids));
		});
	});

	it.concurrent('one pace spans every item of the execution: three projects, no 429, each key once', async () => {
		await withSandbox({ ...EMPTY_ORG, projects: 3, rateLimit: LIMIT }, async (sandbox) => {
			const projects = [0, 1, 2].map((index) => keysProject(sandbox, 3, index));
			const run = await allKeys(sandbox, projects, { maxRequestsPerMinute: 60 });

			expect(run.error).toBeUndefined();
			expect(rateLimited(sandbox)).toBe(0);
			expect(sandbox.requests).toHaveLength(9);
			expectEachProjectsKeys(run, projects);
			expect(run.items).toHaveLength(9 * PAGE);
		});
	});

	it.concurrent('unpaced, the same three projects still come back complete', async () => {
		await withSandbox({ ...EMPTY_ORG, projects: 3, rateLimit: LIMIT }, async (sandbox) => {
			const projects = [0, 1, 2].map((index) => keysProject(sandbox, 3, index));
			const run = await allKeys(sandbox, projects);

			expect(run.error).toBeUndefined();
			expect(rateLimited(sandbox)).toBeGreaterThan(0);
			expect(sandbox.requests).toHaveLength(9 + rateLimited(sandbox));
			expectEachProjectsKeys(run, projects);
		});
	});
});

describe('under a rate limit whose 429s carry no Retry-After', () => {
	it.concurrent('backs off long enough to clear the window, then finishes', async () => {
		await withSandbox(
			// One request per 2 s: the first backoff (2 s, jitter only adds) always finds a token again.
			{ ...EMPTY_ORG, rateLimit: { requests: 2, windowMs: 4000, retryAfterHeaders: false } },
			async (sandbox) => {
				const project = keysProject(sandbox, 4);
				const run = await allKeys(sandbox, [project]);

				expect(run.error).toBeUndefined();
				expect(run.json.map((item) => item.id)).toEqual(project.apiKeys.map((key) => key.id));
				// Typically [200, 200, 429, 200, 200]: the bucket runs dry, and one 2 s backoff refills it.
				const statuses = sandbox.requests.map((request) => request.status);
				expect(statuses.filter((status) => status === 200)).toHaveLength(4);
				expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
				statuses.forEach((status, i) => {
					if (status === 429) expect(statuses[i + 1]).toBe(200);
				});
			},
		);
	});
});
