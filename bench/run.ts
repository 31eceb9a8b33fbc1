/**
 * `npm run bench`: the node's listing cost, run by n8n's execution engine against the sandbox with
 * 20 ms of latency on every request. Prints `name: value` lines and writes bench/results.json.
 *
 *   1. Return All over 1,000 and 10,000 items: requests made against the minimum ceil(N/100).
 *   2. The node's wall time against a raw undici loop over the same pages (the floor).
 *   3. The official openai SDK's auto-pagination with its default page size, as a user would list.
 *   4. A Return All under a sandbox rate limit: wall time against requests ÷ rate, and the 429s hit.
 *   5. Peak memory (RSS) of this process during the 10,000-item run.
 *   6. Project API Key → Audit All Projects over 250 projects of 8 keys at 100 ms a request: requests
 *      against the minimum, time against Concurrency 1 and against the example's former chain (List
 *      projects → List API keys per project), and time under a rate limit against its floor; then with
 *      Include Spend (30 days): requests against the minimum, which has the one costs request more.
 *   7. In a real n8n (1.x, from the end-to-end tests' cache): the node's Return All over the lists of
 *      figure 1 against n8n's own HTTP Request node with pagination and a Split Out, in the same n8n
 *      process (bench/http-request-node.ts): requests and time.
 *
 * Figures 1 to 6 run the node from the built dist/ (loaded as n8n loads the package) in n8n's engine
 * in this process; figure 7 installs the packed package into the real n8n. The sandbox runs in a child
 * process so that this process's time and memory are the client's. Benchmarks report; they never fail.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import type { IRun } from 'n8n-workflow';
import OpenAI from 'openai';
import { Agent, request } from 'undici';

import { errorOf, loadPackage, N8nEngine, outputOf, shutdownEngine } from '../engine';
import { compareWithHttpRequestNode } from './http-request-node';
import type { AuditStarted, SandboxCommand, Started, Stats } from './sandbox-process';

const ROOT = path.resolve(__dirname, '..');
const LATENCY_MS = 20;
const PAGE = 100;
const REPEATS = 3;
/** Figure 4: a token bucket of 2 requests per 250 ms (8/s, 480/min) over 3,000 items (30 requests). */
const RATE_LIMIT = { requests: 2, windowMs: 250 };
const RATE_PER_MINUTE = (RATE_LIMIT.requests * 60_000) / RATE_LIMIT.windowMs;
const LISTS = { small: 1_000, large: 10_000, limited: 3_000 };
/**
 * Figure 6: the organization audited, the latency of each request, the spend window of its runs with
 * spend (the organization has costs for as many days), and the rate limit (20/s) of its last run.
 */
const AUDIT = { projects: 250, keysPerProject: 8, latencyMs: 100, concurrency: 5, spendDays: 30 };
/** Costs come in daily buckets, at most 180 a request. */
const COST_DAYS_PER_REQUEST = 180;
const AUDIT_RATE_LIMIT = { requests: 5, windowMs: 250 };
const AUDIT_RATE_PER_MINUTE = (AUDIT_RATE_LIMIT.requests * 60_000) / AUDIT_RATE_LIMIT.windowMs;

/** The sandbox child process, one command at a time. */
function startSandboxProcess() {
	const child = fork(path.join(__dirname, 'sandbox-process.ts'), {
		execArgv: ['-r', 'ts-node/register/transpile-only'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	let nextId = 0;
	const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
	child.on('message', (answer: { id: number; result?: unknown; error?: string }) => {
		const waiter = pending.get(answer.id);
		pending.delete(answer.id);
		if (answer.error) waiter?.reject(new Error(answer.error));
		else waiter?.resolve(answer.result);
	});
	child.on('exit', (code) => {
		for (const waiter of pending.values()) waiter.reject(new Error(`sandbox exited with ${code}`));
	});
	return async <T>(message: SandboxCommand): Promise<T> =>
		await new Promise<T>((resolve, reject) => {
			const id = nextId++;
			pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			child.send({ id, message });
		});
}

const keysPath = (projectId: string) => `/organization/projects/${projectId}/api_keys`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const started = performance.now();
	const value = await work();
	return { ms: performance.now() - started, value };
}

async function main() {
	const sandbox = startSandboxProcess();
	const api = await sandbox<Started>({ cmd: 'start', latencyMs: LATENCY_MS, lists: LISTS });
	const engine = new N8nEngine(await loadPackage(ROOT));
	const figures: Record<string, number> = {};
	const print = (name: string, value: number) => {
		figures[name] = value;
		console.log(`${name}: ${name.includes('ratio') ? value.toFixed(2) : value}`);
	};

	/** Project API Key → Get Many, Return All, through n8n; returns the item count. */
	async function nodeListAll(projectId: string, options: Record<string, number> = {}): Promise<number> {
		const run: IRun = await engine.run(
			{
				nodes: [
					{
						id: 'bench',
						name: 'OpenAI Admin',
						type: 'n8n-nodes-openai-admin.openAiAdmin',
						typeVersion: 1,
						position: [0, 0],
						parameters: {
							resource: 'projectApiKey',
							operation: 'getMany',
							projectId: { __rl: true, mode: 'id', value: projectId },
							returnAll: true,
							options,
						},
						credentials: { openAiAdminApi: { id: '1', name: 'bench' } },
					},
				],
				connections: {},
			},
			{ credentials: { openAiAdminApi: { apiKey: api.adminKey, baseUrl: api.baseUrl } } },
		);
		const error = errorOf(run);
		if (error) throw error;
		return outputOf(run, 'OpenAI Admin').length;
	}

	/** The floor: the same pages with a bare keep-alive undici client and nothing else. */
	const agent = new Agent({ keepAliveTimeout: 30_000 });
	async function rawListAll(projectId: string): Promise<number> {
		let after: string | undefined;
		let count = 0;
		for (;;) {
			const url = new URL(`${api.baseUrl}${keysPath(projectId)}`);
			url.searchParams.set('limit', String(PAGE));
			if (after) url.searchParams.set('after', after);
			const response = await request(url, {
				headers: { authorization: `Bearer ${api.adminKey}` },
				dispatcher: agent,
			});
			const page = (await response.body.json()) as { data: unknown[]; has_more: boolean; last_id: string };
			if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
			count += page.data.length;
			if (!page.has_more) return count;
			after = page.last_id;
		}
	}

	async function requestsFor(projectId: string): Promise<Stats> {
		return await sandbox<Stats>({ cmd: 'stats', path: keysPath(projectId) });
	}

	const expectCount = (what: string, got: number, want: number) => {
		if (got !== want) throw new Error(`${what}: listed ${got} items, expected ${want}`);
	};

	// Warm-up: module loading, connection set-up and JIT are not what is measured.
	await nodeListAll(api.projects.small);
	await rawListAll(api.projects.small);

	// Figures 1, 2 and 5.
	let peakRss = 0;
	const rssBefore = process.memoryUsage.rss();
	for (const [name, size] of [
		['small', LISTS.small],
		['large', LISTS.large],
	] as const) {
		const projectId = api.projects[name];
		const nodeMs: number[] = [];
		const rawMs: number[] = [];
		let requests = 0;
		for (let repeat = 0; repeat < REPEATS; repeat++) {
			await sandbox({ cmd: 'reset' });
			const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage.rss()));
			const sampler = name === 'large' ? setInterval(sample, 5) : undefined;
			const node = await timed(async () => await nodeListAll(projectId));
			clearInterval(sampler);
			if (sampler) sample();
			expectCount('node', node.value, size);
			nodeMs.push(node.ms);
			requests = (await requestsFor(projectId)).requests;

			const raw = await timed(async () => await rawListAll(projectId));
			expectCount('undici', raw.value, size);
			rawMs.push(raw.ms);
		}
		const minimum = Math.ceil(size / PAGE);
		print(`return_all_${size}_requests`, requests);
		print(`return_all_${size}_minimum_requests`, minimum);
		print(`return_all_${size}_request_ratio`, round(requests / minimum));
		print(`return_all_${size}_node_ms`, Math.round(median(nodeMs)));
		print(`return_all_${size}_undici_ms`, Math.round(median(rawMs)));
		print(`return_all_${size}_node_vs_undici_time_ratio`, round(median(nodeMs) / median(rawMs)));

		{
			// Figure 3: the official SDK, as documented: for await over list() with the API's default page.
			const client = new OpenAI({ apiKey: 'unused', adminAPIKey: api.adminKey, baseURL: api.baseUrl });
			await sandbox({ cmd: 'reset' });
			const sdk = await timed(async () => {
				let count = 0;
				for await (const key of client.admin.organization.projects.apiKeys.list(projectId)) {
					if (key.id) count++;
				}
				return count;
			});
			expectCount('openai SDK', sdk.value, size);
			print(`sdk_default_page_${size}_requests`, (await requestsFor(projectId)).requests);
			print(`sdk_default_page_${size}_ms`, Math.round(sdk.ms));
			print(`sdk_vs_node_time_ratio_${size}`, round(sdk.ms / median(nodeMs)));
		}
	}
	print('peak_rss_mb_10000', round(peakRss / 2 ** 20, 0));
	print('rss_before_runs_mb', round(rssBefore / 2 ** 20, 0));

	// Figure 7: a real n8n, the node against the HTTP Request node over the same two lists, here while
	// the sandbox serves them with its latency alone (figure 4 adds a rate limit).
	process.env.N8N_E2E_QUIET ??= '1';
	const realN8n = await compareWithHttpRequestNode({
		baseUrl: api.baseUrl,
		adminKey: api.adminKey,
		projects: { [LISTS.small]: api.projects.small, [LISTS.large]: api.projects.large },
		repeats: REPEATS,
		reset: async () => void (await sandbox({ cmd: 'reset' })),
		requestsFor: async (listPath) => (await sandbox<Stats>({ cmd: 'stats', path: listPath })).requests,
	});
	for (const [size, { node, httpRequest }] of Object.entries(realN8n.sizes)) {
		print(`real_n8n_${size}_node_requests`, median(node.requests));
		print(`real_n8n_${size}_http_request_requests`, median(httpRequest.requests));
		print(`real_n8n_${size}_node_vs_http_request_request_ratio`, round(median(node.requests) / median(httpRequest.requests)));
		print(`real_n8n_${size}_node_ms`, Math.round(median(node.ms)));
		print(`real_n8n_${size}_http_request_ms`, Math.round(median(httpRequest.ms)));
		print(`real_n8n_${size}_node_vs_http_request_time_ratio`, round(median(node.ms) / median(httpRequest.ms)));
	}

	// Figure 4: a rate-limited sandbox, the node paced to the same rate, then unpaced (retrying on 429).
	const limited = api.projects.limited;
	const floorMs = (Math.ceil(LISTS.limited / PAGE) / RATE_PER_MINUTE) * 60_000;
	for (const [label, options] of [
		['paced', { maxRequestsPerMinute: RATE_PER_MINUTE }],
		['unpaced', {}],
	] as const) {
		await sandbox({ cmd: 'rateLimit', ...RATE_LIMIT });
		await sandbox({ cmd: 'reset' });
		const run = await timed(async () => await nodeListAll(limited, options));
		expectCount(`rate-limited ${label}`, run.value, LISTS.limited);
		const stats = await requestsFor(limited);
		print(`rate_limited_${label}_ms`, Math.round(run.ms));
		print(`rate_limited_${label}_floor_ms`, Math.round(floorMs));
		print(`rate_limited_${label}_floor_ratio`, round(run.ms / floorMs));
		print(`rate_limited_${label}_429s`, stats.rateLimited);
		await sandbox({ cmd: 'rateLimit' });
		// Let the bucket fill again before the next run.
		await new Promise((resolve) => setTimeout(resolve, RATE_LIMIT.windowMs * 2));
	}

	// Figure 6: the key audit, in an organization of its own.
	const audited = await sandbox<AuditStarted>({ cmd: 'startAudit', ...AUDIT, costDays: AUDIT.spendDays });
	const auditCredentials = { openAiAdminApi: { apiKey: audited.adminKey, baseUrl: audited.baseUrl } };
	const adminNode = (name: string, parameters: Record<string, unknown>, x = 0) => ({
		id: name,
		name,
		type: 'n8n-nodes-openai-admin.openAiAdmin',
		typeVersion: 1,
		position: [x, 0] as [number, number],
		parameters: parameters as never,
		credentials: { openAiAdminApi: { id: '1', name: 'bench' } },
	});
	/** Runs a workflow, returns the items of its last node. */
	async function itemsOf(nodes: ReturnType<typeof adminNode>[], connections = {}): Promise<number> {
		const run = await engine.run({ nodes, connections }, { credentials: auditCredentials });
		const error = errorOf(run);
		if (error) throw error;
		return outputOf(run, nodes[nodes.length - 1].name).length;
	}
	const auditRun = async (concurrency: number, options: Record<string, number> = {}, spendDays = 0) =>
		await timed(
			async () => await itemsOf([adminNode('Audit', { resource: 'projectApiKey', operation: 'auditAllProjects', concurrency, spendDays, options })]),
		);
	const exampleChain = async () =>
		await timed(
			async () =>
				await itemsOf(
					[
						adminNode('List projects', { resource: 'project', operation: 'getMany', returnAll: true }),
						adminNode(
							'List API keys',
							{
								resource: 'projectApiKey',
								operation: 'getMany',
								projectId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
								returnAll: true,
								filters: { owner_project_access: 'any' },
							},
							240,
						),
					],
					{ 'List projects': { main: [[{ node: 'List API keys', type: 'main', index: 0 }]] } },
				),
		);
	const auditMs: number[] = [];
	let auditStats: Stats | undefined;
	for (let repeat = 0; repeat < REPEATS; repeat++) {
		await sandbox({ cmd: 'reset' });
		const run = await auditRun(AUDIT.concurrency);
		expectCount('audit', run.value, audited.keys);
		auditMs.push(run.ms);
		auditStats = await sandbox<Stats>({ cmd: 'stats' });
	}
	// The slow runs once each: at 100 ms a request they take half a minute.
	const sequential = await auditRun(1);
	expectCount('audit, concurrency 1', sequential.value, audited.keys);
	const chain = await exampleChain();
	expectCount('example chain', chain.value, audited.keys);
	print('audit_keys', audited.keys);
	print('audit_requests', auditStats!.requests);
	print('audit_minimum_requests', audited.minimumRequests);
	print('audit_request_ratio', round(auditStats!.requests / audited.minimumRequests));
	print('audit_max_in_flight', auditStats!.maxInFlight);
	print(`audit_concurrency_${AUDIT.concurrency}_ms`, Math.round(median(auditMs)));
	print('audit_sequential_ms', Math.round(sequential.ms));
	print('audit_vs_sequential_time_ratio', round(median(auditMs) / sequential.ms));
	print('audit_example_chain_ms', Math.round(chain.ms));
	print('audit_vs_example_chain_time_ratio', round(median(auditMs) / chain.ms));

	// With spend: the same audit and one costs request per 180 days, joined onto the keys.
	const spendMs: number[] = [];
	let spendStats: Stats | undefined;
	let costsStats: Stats | undefined;
	for (let repeat = 0; repeat < REPEATS; repeat++) {
		await sandbox({ cmd: 'reset' });
		const run = await auditRun(AUDIT.concurrency, {}, AUDIT.spendDays);
		expectCount('audit with spend', run.value, audited.keys);
		spendMs.push(run.ms);
		spendStats = await sandbox<Stats>({ cmd: 'stats' });
		costsStats = await sandbox<Stats>({ cmd: 'stats', path: '/organization/costs' });
	}
	const spendMinimum = audited.minimumRequests + Math.ceil(AUDIT.spendDays / COST_DAYS_PER_REQUEST);
	print('audit_with_spend_days', AUDIT.spendDays);
	print('audit_with_spend_requests', spendStats!.requests);
	print('audit_with_spend_costs_requests', costsStats!.requests);
	print('audit_with_spend_minimum_requests', spendMinimum);
	print('audit_with_spend_request_ratio', round(spendStats!.requests / spendMinimum));
	print(`audit_with_spend_concurrency_${AUDIT.concurrency}_ms`, Math.round(median(spendMs)));
	print('audit_with_spend_vs_audit_time_ratio', round(median(spendMs) / median(auditMs)));

	await sandbox({ cmd: 'rateLimit', ...AUDIT_RATE_LIMIT });
	await sandbox({ cmd: 'reset' });
	const limitedAudit = await auditRun(AUDIT.concurrency, { maxRequestsPerMinute: AUDIT_RATE_PER_MINUTE });
	expectCount('rate-limited audit', limitedAudit.value, audited.keys);
	const limitedStats = await sandbox<Stats>({ cmd: 'stats' });
	const auditFloorMs = (audited.minimumRequests / AUDIT_RATE_PER_MINUTE) * 60_000;
	print('audit_rate_limited_ms', Math.round(limitedAudit.ms));
	print('audit_rate_limited_floor_ms', Math.round(auditFloorMs));
	print('audit_rate_limited_floor_ratio', round(limitedAudit.ms / auditFloorMs));
	print('audit_rate_limited_429s', limitedStats.rateLimited);
	await sandbox({ cmd: 'rateLimit' });

	const results = {
		figures,
		setup: {
			latencyMs: LATENCY_MS,
			pageSize: PAGE,
			repeats: REPEATS,
			rateLimit: { ...RATE_LIMIT, perMinute: RATE_PER_MINUTE, items: LISTS.limited },
			audit: { ...AUDIT, rateLimit: { ...AUDIT_RATE_LIMIT, perMinute: AUDIT_RATE_PER_MINUTE } },
			realN8n: { version: realN8n.n8nVersion, lists: [LISTS.small, LISTS.large], runs: realN8n.sizes },
			node: process.version,
			at: new Date().toISOString(),
		},
	};
	fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
	await agent.close();
	await sandbox({ cmd: 'close' }).catch(() => undefined);
	shutdownEngine();
}

main().catch((error: unknown) => {
	console.error(error);
	shutdownEngine();
	process.exit(1);
});
