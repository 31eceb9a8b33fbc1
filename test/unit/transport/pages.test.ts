/**
 * `pages()` with each pager, over a fake API: the cursor each style reads and sends, page sizes
 * from the pager (buckets per page by bucket width), and the guards every style shares. The
 * `last_id` style is also covered, through `listAll`, in pagination.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import type { AdminApi, AdminApiRequest } from '../../../nodes/OpenAiAdmin/transport';
import type { ListPage, Pager } from '../../../nodes/OpenAiAdmin/transport/pagination';
import { lastIdPager, nextPagePager, nextPager, pages } from '../../../nodes/OpenAiAdmin/transport/pagination';

const USAGE = nextPagePager({ '1d': 31, '1h': 168, '1m': 1440 });
const COSTS = nextPagePager({ '1d': 180 });
const GROUPS = nextPager(100);

/** Where each style keeps the cursor of the next page. */
const STYLES: Array<[string, Pager, 'after' | 'page', (cursor: string | null | undefined) => ListPage]> = [
	['after/last_id', lastIdPager, 'after', (cursor) => ({ last_id: cursor })],
	['after/next', GROUPS, 'after', (cursor) => ({ next: cursor })],
	['page/next_page', USAGE, 'page', (cursor) => ({ next_page: cursor })],
];

/** A fake API serving `total` items in the given style, recording each query. */
function listApi(total: number, cursorField: (cursor: string | null) => ListPage, cursorParam: string) {
	const items = Array.from({ length: total }, (_, i) => ({ id: `i${i}` }));
	const queries: IDataObject[] = [];
	const api = {
		request: jest.fn(async (request: AdminApiRequest): Promise<ListPage> => {
			const qs = request.qs ?? {};
			queries.push(qs);
			const start = qs[cursorParam] === undefined ? 0 : Number(String(qs[cursorParam]).slice(1)) + 1;
			const data = items.slice(start, start + Number(qs.limit));
			const more = start + data.length < items.length;
			return { data, has_more: more, ...cursorField(more ? data[data.length - 1].id : null) };
		}),
	};
	return { api: api as unknown as AdminApi, queries, items };
}

async function collect(walk: AsyncGenerator<{ data: IDataObject[] }>) {
	const items: IDataObject[] = [];
	for await (const page of walk) items.push(...page.data);
	return items;
}

describe.each(STYLES)('pages() with %s', (_name, pager, cursorParam, cursorField) => {
	const size = pager.pageSize({});

	it('walks every page, sending each cursor once under its own name, in ceil(N / page) requests', async () => {
		const { api, queries, items } = listApi(2 * size + 5, cursorField, cursorParam);
		expect(await collect(pages(api, '/things', { x: 1 }, pager))).toEqual(items);
		expect(queries).toEqual([
			{ x: 1, limit: size },
			{ x: 1, limit: size, [cursorParam]: `i${size - 1}` },
			{ x: 1, limit: size, [cursorParam]: `i${2 * size - 1}` },
		]);
	});

	it('asks only for what a limit still needs, and stops there', async () => {
		const { api, queries } = listApi(3 * size, cursorField, cursorParam);
		expect(await collect(pages(api, '/things', {}, pager, { limit: size + 2 }))).toHaveLength(size + 2);
		expect(queries.map((query) => query.limit)).toEqual([size, 2]);
	});

	it('starts after a given cursor', async () => {
		const { api, queries } = listApi(5, cursorField, cursorParam);
		expect(await collect(pages(api, '/things', {}, pager, { cursor: 'i1' }))).toEqual([{ id: 'i2' }, { id: 'i3' }, { id: 'i4' }]);
		expect(queries[0][cursorParam]).toBe('i1');
	});

	it.each<[string, ListPage[], RegExp]>([
		['has_more without a cursor', [{ data: [{ id: 'a' }], has_more: true, ...cursorField(undefined) }], /has_more: true without a/],
		['has_more with an empty cursor', [{ data: [{ id: 'a' }], has_more: true, ...cursorField('') }], /has_more: true without a/],
		['has_more with an empty page', [{ data: [], has_more: true, ...cursorField('c1') }], /an empty page that says has_more: true/],
		['a page without data', [{ has_more: false, ...cursorField(null) }], /a page without a data list/],
		['a page without has_more', [{ data: [{ id: 'a' }], ...cursorField(null) }], /a page without has_more/],
		[
			'a cursor that repeats',
			[
				{ data: [{ id: 'a' }], has_more: true, ...cursorField('c1') },
				{ data: [{ id: 'b' }], has_more: true, ...cursorField('c2') },
				{ data: [{ id: 'c' }], has_more: true, ...cursorField('c1') },
			],
			/"c1" a second time \(page 3 of GET \/things\)/,
		],
		[
			'an item that came before',
			[
				{ data: [{ id: 'a' }, { id: 'b' }], has_more: true, ...cursorField('c1') },
				{ data: [{ id: 'b' }, { id: 'c' }], has_more: false, ...cursorField(null) },
			],
			/the item "b" a second time \(page 2 of GET \/things\)/,
		],
	])('fails on %s instead of returning part of the list', async (_case, script, message) => {
		const count = script.length;
		const api = scriptedApi(script);
		let pagesRead = 0;
		await expect(
			(async () => {
				for await (const _page of pages(api, '/things', {}, pager)) pagesRead++;
			})(),
		).rejects.toThrow(message);
		expect(api.request).toHaveBeenCalledTimes(count);
		// The bad page itself is never handed on.
		expect(pagesRead).toBe(count - 1);
	});

	it('needs no cursor once the Limit is reached, even when the page says has_more', async () => {
		const api = scriptedApi([{ data: [{ id: 'a' }, { id: 'b' }], has_more: true, ...cursorField(undefined) }]);
		expect(await collect(pages(api, '/things', {}, pager, { limit: 2 }))).toEqual([{ id: 'a' }, { id: 'b' }]);
	});
});

/** An API that answers each request with the next page of the script. */
function scriptedApi(script: ListPage[]) {
	return {
		request: jest.fn(async () => script.shift()),
		incompleteList: (request: string, pageNumber: number, problem: string) =>
			new Error(`sent ${problem} (page ${pageNumber} of ${request})`),
	} as unknown as AdminApi & { request: jest.Mock };
}

describe('page sizes and Limit bounds come from the pager', () => {
	it.each([
		['last_id lists', lastIdPager, {}, 100, 100],
		['usage, 1d buckets', USAGE, { bucket_width: '1d' }, 31, 1440],
		['usage, 1h buckets', USAGE, { bucket_width: '1h' }, 168, 1440],
		['usage, 1m buckets', USAGE, { bucket_width: '1m' }, 1440, 1440],
		['usage, default width (1d)', USAGE, {}, 31, 1440],
		['costs', COSTS, {}, 180, 180],
	])('%s', (_name, pager, query, pageSize, maxLimit) => {
		expect(pager.pageSize(query)).toBe(pageSize);
		expect(pager.maxLimit).toBe(maxLimit);
	});

	it('walks 1h usage in pages of 168 buckets: 400 buckets in 3 requests', async () => {
		const { api, queries } = listApi(400, (cursor) => ({ next_page: cursor }), 'page');
		expect(await collect(pages(api, '/usage', { bucket_width: '1h' }, USAGE))).toHaveLength(400);
		expect(queries.map((query) => query.limit)).toEqual([168, 168, 168]);
	});
});
