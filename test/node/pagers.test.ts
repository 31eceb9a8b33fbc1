/**
 * The pagers and the query encoding through real n8n execution and n8n's own HTTP helper, against a
 * local server that speaks the cursor styles the sandbox does not serve yet (`after`/`next` of
 * groups and roles, `page`/`next_page` of usage and costs). A probe node walks `pages()` the way an
 * operation or the trigger does.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { OpenAiAdminApi } from '../../credentials/OpenAiAdminApi.credentials';
import { errorOf, N8nEngine, outputOf } from '../../engine';
import { AdminApi } from '../../nodes/OpenAiAdmin/transport';
import type { ListPage, Pager } from '../../nodes/OpenAiAdmin/transport/pagination';
import { lastIdPager, listAll, nextPagePager, nextPager } from '../../nodes/OpenAiAdmin/transport/pagination';
import type { LocalServer, Received } from '../helpers/httpServer';
import { startServer } from '../helpers/httpServer';

/** What the probe lists on its next run. */
let job: { path: string; query: IDataObject; pager: Pager; limit: number } | undefined;

class PagerProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pager Probe',
		name: 'pagerProbe',
		group: ['transform'],
		version: 1,
		description: 'Lists one endpoint with one pager',
		defaults: { name: 'Pager Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'openAiAdminApi', required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { path, query, pager, limit } = job!;
		const items = await listAll(new AdminApi(this), path, query, { returnAll: limit === Infinity, limit }, pager);
		return [items.map((json) => ({ json }))];
	}
}

const engine = new N8nEngine({
	nodes: { 'test.pagerProbe': new PagerProbe() },
	credentials: { openAiAdminApi: new OpenAiAdminApi() },
});

async function probe(server: LocalServer, next: NonNullable<typeof job>) {
	job = next;
	const run = await engine.run(
		{
			nodes: [
				{
					id: 'probe',
					name: 'Pager Probe',
					type: 'test.pagerProbe',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
					credentials: { openAiAdminApi: { id: '1', name: 'admin' } },
				},
			],
			connections: {},
		},
		{ credentials: { openAiAdminApi: { apiKey: 'sk-admin-probe', baseUrl: server.baseUrl } } },
	);
	expect(errorOf(run)).toBeUndefined();
	return outputOf(run, 'Pager Probe').map((item) => item.json);
}

/** Serves `total` items in pages of at most `limit`, the cursor named by the style. */
function pagedList(total: number, cursorParam: string, cursorOf: (cursor: string | null) => ListPage) {
	const items = Array.from({ length: total }, (_, i) => ({ id: `item_${i}` }));
	return (request: Received): ListPage => {
		const cursor = request.query.get(cursorParam);
		const start = cursor === null ? 0 : Number(cursor.slice(1)) + 1;
		const data = items.slice(start, start + Number(request.query.get('limit')));
		const more = start + data.length < total;
		return { data, has_more: more, ...cursorOf(more ? `c${start + data.length - 1}` : null) };
	};
}

describe('pagers through n8n against a local server', () => {
	let server: LocalServer | undefined;
	afterEach(async () => await server?.close());

	it('after/next (groups): 250 groups in 3 requests of 100, each sending the previous next', async () => {
		server = await startServer(pagedList(250, 'after', (next) => ({ next })));
		const items = await probe(server, { path: '/organization/groups', query: {}, pager: nextPager(100), limit: Infinity });
		expect(items).toHaveLength(250);
		expect(server.requests.map((request) => request.rawUrl)).toEqual([
			'/organization/groups?limit=100',
			'/organization/groups?limit=100&after=c99',
			'/organization/groups?limit=100&after=c199',
		]);
	});

	it('page/next_page (usage): Limit 200 of 1h buckets in pages of 168 and 32', async () => {
		server = await startServer(pagedList(500, 'page', (next_page) => ({ next_page })));
		const usage = nextPagePager({ '1d': 31, '1h': 168, '1m': 1440 });
		const items = await probe(server, {
			path: '/organization/usage/completions',
			query: { start_time: 1, bucket_width: '1h' },
			pager: usage,
			limit: 200,
		});
		expect(items).toHaveLength(200);
		expect(server.requests.map((request) => Object.fromEntries(request.query))).toEqual([
			{ start_time: '1', bucket_width: '1h', limit: '168' },
			{ start_time: '1', bucket_width: '1h', limit: '32', page: 'c167' },
		]);
	});

	it('sends array and object query parameters as the spec names them', async () => {
		server = await startServer(() => ({ data: [], has_more: false }));
		await probe(server, {
			path: '/organization/audit_logs',
			query: { 'project_ids[]': ['proj_a', 'proj_b'], effective_at: { gte: 1700000000 } },
			pager: lastIdPager,
			limit: 5,
		});
		await probe(server, {
			path: '/organization/costs',
			query: { start_time: 1, project_ids: ['proj_a', 'proj_b'] },
			pager: nextPagePager({ '1d': 180 }),
			limit: 5,
		});
		const [auditLogs, costs] = server.requests;
		expect(auditLogs.query.getAll('project_ids[]')).toEqual(['proj_a', 'proj_b']);
		expect(auditLogs.query.get('effective_at[gte]')).toBe('1700000000');
		expect(costs.query.getAll('project_ids')).toEqual(['proj_a', 'proj_b']);
	});
});
