import type { IDataObject } from 'n8n-workflow';

import type { AdminApi, AdminApiRequest } from '../../../nodes/OpenAiAdmin/transport';
import { listAll, MAX_PAGE_SIZE } from '../../../nodes/OpenAiAdmin/transport/pagination';

interface Page {
	data?: IDataObject[];
	last_id?: string | null;
	has_more?: boolean;
}

/** A fake API serving `total` items (`i0`, `i1`, ...) with cursor pagination, and recording queries. */
function listApi(total: number) {
	const items = Array.from({ length: total }, (_, i) => ({ id: `i${i}` }));
	const requests: AdminApiRequest[] = [];
	const api = {
		request: jest.fn(async (request: AdminApiRequest): Promise<Page> => {
			requests.push(request);
			const qs = request.qs ?? {};
			const start = qs.after === undefined ? 0 : items.findIndex((item) => item.id === qs.after) + 1;
			const data = items.slice(start, start + Number(qs.limit ?? 20));
			return {
				data,
				last_id: data.length ? data[data.length - 1].id : null,
				has_more: start + data.length < items.length,
			};
		}),
	};
	return { api: api as unknown as AdminApi, requests, items };
}

/** A fake API answering the given pages in order. */
function scriptedApi(pages: Page[]) {
	const requests: AdminApiRequest[] = [];
	const api = {
		request: jest.fn(async (request: AdminApiRequest) => {
			requests.push(request);
			if (!pages.length) throw new Error('asked for more pages than scripted');
			return pages.shift();
		}),
		incompleteList: (request: string, pageNumber: number, problem: string) => new Error(`sent ${problem} (page ${pageNumber} of ${request})`),
	};
	return { api: api as unknown as AdminApi, requests };
}

describe('listAll', () => {
	it('returns everything in full pages, each cursor exactly once', async () => {
		const { api, requests, items } = listApi(250);
		const result = await listAll(api, '/things', { filter: 'x' }, { returnAll: true, limit: Infinity });
		expect(result).toEqual(items);
		expect(requests.map((r) => [r.method, r.path, r.qs])).toEqual([
			['GET', '/things', { filter: 'x', limit: MAX_PAGE_SIZE }],
			['GET', '/things', { filter: 'x', limit: MAX_PAGE_SIZE, after: 'i99' }],
			['GET', '/things', { filter: 'x', limit: MAX_PAGE_SIZE, after: 'i199' }],
		]);
	});

	it('makes one request for an exact multiple of the page size, then stops on has_more', async () => {
		const { api, requests } = listApi(200);
		expect(await listAll(api, '/things', {}, { returnAll: true, limit: Infinity })).toHaveLength(200);
		expect(requests).toHaveLength(2);
	});

	it('asks for exactly the Limit', async () => {
		const { api, requests } = listApi(250);
		const result = await listAll(api, '/things', {}, { returnAll: false, limit: 7 });
		expect(result.map((item) => item.id)).toEqual(['i0', 'i1', 'i2', 'i3', 'i4', 'i5', 'i6']);
		expect(requests.map((r) => r.qs)).toEqual([{ limit: 7 }]);
	});

	it('asks only for the remainder when a short page comes back', async () => {
		const { api, requests } = scriptedApi([
			{ data: [{ id: 'a' }, { id: 'b' }], last_id: 'b', has_more: true },
			{ data: [{ id: 'c' }, { id: 'd' }, { id: 'e' }], last_id: 'e', has_more: true },
		]);
		const result = await listAll(api, '/things', {}, { returnAll: false, limit: 5 });
		expect(result.map((item) => item.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(requests.map((r) => r.qs)).toEqual([{ limit: 5 }, { limit: 3, after: 'b' }]);
	});

	it('never returns more than the Limit, even when the server sends more', async () => {
		const { api } = scriptedApi([{ data: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], last_id: 'c', has_more: true }]);
		expect(await listAll(api, '/things', {}, { returnAll: false, limit: 2 })).toEqual([{ id: 'a' }, { id: 'b' }]);
	});

	it('returns an empty list for an empty collection', async () => {
		const { api, requests } = listApi(0);
		expect(await listAll(api, '/things', {}, { returnAll: true, limit: Infinity })).toEqual([]);
		expect(requests).toHaveLength(1);
	});

	it.each<[string, Page[]]>([
		['has_more without a last_id', [{ data: [{ id: 'a' }], has_more: true }]],
		['has_more with an empty last_id', [{ data: [{ id: 'a' }], last_id: '', has_more: true }]],
		['has_more with an empty page', [{ data: [], last_id: 'a', has_more: true }]],
		['a body without data', [{ has_more: true, last_id: 'a' } as Page]],
		[
			'a cursor that repeats',
			[
				{ data: [{ id: 'a' }], last_id: 'a', has_more: true },
				{ data: [{ id: 'b' }], last_id: 'b', has_more: true },
				{ data: [{ id: 'c' }], last_id: 'a', has_more: true },
			],
		],
	])('fails on %s instead of returning part of the list, or looping', async (_name, pages) => {
		const count = pages.length;
		const { api, requests } = scriptedApi(pages);
		await expect(listAll(api, '/things', {}, { returnAll: true, limit: Infinity })).rejects.toThrow(
			`(page ${count} of GET /things)`,
		);
		expect(requests).toHaveLength(count);
	});

	it('passes a failed page on without returning a partial list', async () => {
		const api = {
			request: jest
				.fn()
				.mockResolvedValueOnce({ data: [{ id: 'a' }], last_id: 'a', has_more: true })
				.mockRejectedValueOnce(new Error('page 2 failed')),
		} as unknown as AdminApi;
		await expect(listAll(api, '/things', {}, { returnAll: true, limit: Infinity })).rejects.toThrow('page 2 failed');
	});
});
