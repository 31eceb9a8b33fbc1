import type { IDataObject } from 'n8n-workflow';

import type { AdminApi } from './index';

/** The largest page the `after`/`last_id` lists accept. */
export const MAX_PAGE_SIZE = 100;

export interface ListControls {
	/** Every item, following the cursor to the end. */
	returnAll: boolean;
	/** With returnAll off: how many items at most. */
	limit: number;
}

/** The envelope every list endpoint answers with (only the fields paging reads). */
export interface ListPage {
	data?: IDataObject[];
	has_more?: boolean;
	/** `after`/`last_id` lists: the id to ask for the next page after. */
	last_id?: string | null;
	/** `after`/`next` lists (groups, roles): the cursor of the next page. */
	next?: string | null;
	/** `page`/`next_page` lists (usage, costs): the cursor of the next page. */
	next_page?: string | null;
}

/** How one cursor style names its cursor, and how large its pages may be. */
export interface Pager {
	/** The query parameter that carries the cursor. */
	cursorParam: 'after' | 'page';
	/** The page's cursor for the next page; only read when the page says `has_more`. */
	cursorOf(page: ListPage): unknown;
	/** The largest page for this query (usage buckets depend on `bucket_width`). */
	pageSize(query: IDataObject): number;
	/** The largest Limit the node offers: the largest page of any query. */
	maxLimit: number;
}

function cursorPager(
	cursorParam: Pager['cursorParam'],
	cursorOf: Pager['cursorOf'],
	sizes: Record<string, number>,
	sizeKey?: string,
): Pager {
	const fallback = Object.values(sizes)[0];
	return {
		cursorParam,
		cursorOf,
		pageSize: (query) => {
			const key = sizeKey === undefined ? undefined : query[sizeKey];
			return (typeof key === 'string' && sizes[key]) || fallback;
		},
		maxLimit: Math.max(...Object.values(sizes)),
	};
}

/** `after` = the previous page's `last_id` (projects, users, keys, ...). */
export const lastIdPager = cursorPager('after', (page) => page.last_id, { all: MAX_PAGE_SIZE });

/** `after` = the previous page's `next` (groups, roles). */
export const nextPager = (maxPageSize: number): Pager =>
	cursorPager('after', (page) => page.next, { all: maxPageSize });

/**
 * `page` = the previous page's `next_page` (usage, costs). Their pages count time buckets, and the
 * largest page depends on the bucket width: `{ '1d': 31, '1h': 168, '1m': 1440 }`; the first
 * width is the API's default.
 */
export const nextPagePager = (bucketsPerPage: Record<string, number>): Pager =>
	cursorPager('page', (page) => page.next_page, bucketsPerPage, 'bucket_width');

export interface PageOf {
	data: IDataObject[];
	/** The cursor of the next page, when the API says there is one. */
	next?: string;
}

export interface PagesOptions {
	/** The most items wanted over all pages; each request asks only for what is still missing. */
	limit?: number;
	/** Start after this cursor (a picker's next page, a trigger's position). */
	cursor?: string;
}

/**
 * Walks a cursor-paginated list with the fewest requests possible: full pages while everything is
 * wanted, exactly the remainder near a limit. It stops on `has_more` not being true, and also on an
 * empty page or a cursor that is missing or repeats, so a misbehaving server can never make it loop.
 * A page never holds more than the limit, even when the server sends more.
 */
export async function* pages(
	api: AdminApi,
	path: string,
	query: IDataObject,
	pager: Pager,
	{ limit = Infinity, cursor }: PagesOptions = {},
): AsyncGenerator<PageOf> {
	const seen = new Set<string>();
	let remaining = limit;
	for (;;) {
		const qs: IDataObject = { ...query, limit: Math.min(pager.pageSize(query), remaining) };
		if (cursor !== undefined) qs[pager.cursorParam] = cursor;
		const page = await api.request<ListPage>({ method: 'GET', path, qs });
		const all = Array.isArray(page.data) ? page.data : [];
		const data = all.slice(0, remaining);
		const found = page.has_more === true ? pager.cursorOf(page) : undefined;
		const next = typeof found === 'string' && found !== '' ? found : undefined;
		yield { data, next };

		remaining -= data.length;
		if (next === undefined || all.length === 0 || seen.has(next) || remaining <= 0) return;
		seen.add(next);
		cursor = next;
	}
}

/** Every item of a list for Return All, or up to the Limit. */
export async function listAll(
	api: AdminApi,
	path: string,
	query: IDataObject,
	{ returnAll, limit }: ListControls,
	pager: Pager = lastIdPager,
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	for await (const page of pages(api, path, query, pager, { limit: returnAll ? Infinity : limit })) {
		items.push(...page.data);
	}
	return items;
}
