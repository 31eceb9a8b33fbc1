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

/** Every item of a list: what a step reads that must see a list whole (an audit, a plan). */
export const EVERYTHING: ListControls = { returnAll: true, limit: Infinity };

/** The envelope every list endpoint answers with (only the fields paging reads). */
export interface ListPage {
	data?: IDataObject[];
	has_more?: boolean;
	/** `after`/`last_id` lists: the id to ask for the next page after. */
	last_id?: string | null;
	/** The same lists: the first item's id, for the page before this one (`before`). */
	first_id?: string | null;
	/** `after`/`next` lists (groups, roles): the cursor of the next page. */
	next?: string | null;
	/** `page`/`next_page` lists (usage, costs): the cursor of the next page. */
	next_page?: string | null;
}

/** How one cursor style names its cursor, and how large its pages may be. */
export interface Pager {
	/** The query parameter that carries the cursor. */
	cursorParam: 'after' | 'before' | 'page';
	/** The field of a page that holds the cursor of the next one (named in errors). */
	cursorField: string;
	/** The page's cursor for the next page; only read when the page says `has_more`. */
	cursorOf(page: ListPage): unknown;
	/** The largest page for this query (usage buckets depend on `bucket_width`). */
	pageSize(query: IDataObject): number;
	/** The largest Limit the node offers: the largest page of any query. */
	maxLimit: number;
	/**
	 * Each page is asked for from the item just before the newest one already read, and must end
	 * with that newest one: the overlap proves that each page follows the one before.
	 */
	overlaps?: boolean;
}

export function cursorPager(
	cursorParam: Pager['cursorParam'],
	cursorField: keyof ListPage,
	sizes: Record<string, number>,
	sizeKey?: string,
	cursorOf: Pager['cursorOf'] = (page) => page[cursorField],
): Pager {
	const fallback = Object.values(sizes)[0];
	return {
		cursorParam,
		cursorField,
		cursorOf,
		pageSize: (query) => {
			const key = sizeKey === undefined ? undefined : query[sizeKey];
			return (typeof key === 'string' && sizes[key]) || fallback;
		},
		maxLimit: Math.max(...Object.values(sizes)),
	};
}

/** `after` = the previous page's `last_id` (projects, users, keys, ...). */
export const lastIdPager = cursorPager('after', 'last_id', { all: MAX_PAGE_SIZE });

/**
 * Towards the head of a `last_id` list (`before`): on the audit log, which lists newest first, that
 * reads forward in time. Its pages overlap by one item (see `overlaps`), so that an API that
 * ignored the cursor and sent the list's head cannot pass for the events that follow.
 */
export const headwardPager: Pager = {
	...cursorPager('before', 'first_id', { all: MAX_PAGE_SIZE }),
	overlaps: true,
};

/** `after` = the previous page's `next` (groups, roles). */
export const nextPager = (maxPageSize: number): Pager => cursorPager('after', 'next', { all: maxPageSize });

/**
 * `page` = the previous page's `next_page` (usage, costs). Their pages count time buckets, and the
 * largest page depends on the bucket width: `{ '1d': 31, '1h': 168, '1m': 1440 }`; the first
 * width is the API's default.
 */
export const nextPagePager = (bucketsPerPage: Record<string, number>): Pager =>
	cursorPager('page', 'next_page', bucketsPerPage, 'bucket_width');

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
	/** With an overlapping pager: the item the first page must end with, the one the cursor is next to. */
	follows?: string;
}

/** What is wrong with a page's envelope: every list answers with a `data` list and `has_more`. */
function envelopeProblem(page: ListPage): string | undefined {
	if (!Array.isArray(page.data)) return 'a page without a data list';
	if (typeof page.has_more !== 'boolean') return 'a page without has_more';
	return undefined;
}

/** Where the next page starts, and what it must end with when pages overlap. */
interface Next {
	cursor: unknown;
	follows?: string;
}

/**
 * Overlapping pages list newest first: the next one is asked for from the item just older than the
 * newest read (the second, or else the one this page followed), and must end with the newest.
 */
function overlappingNext(kept: IDataObject[], follows: string | undefined): Next {
	const newest = kept[0].id;
	if (typeof newest !== 'string') return { cursor: undefined };
	if (kept.length >= 2) return { cursor: kept[1].id, follows: newest };
	return follows === undefined ? { cursor: newest } : { cursor: follows, follows: newest };
}

/** What is wrong with going on to the next page, when `has_more` says there is one. */
function nextProblem(kept: IDataObject[], next: Next, pager: Pager, cursorsSent: Set<string>): string | undefined {
	if (kept.length === 0) return 'an empty page that says has_more: true';
	if (typeof next.cursor !== 'string' || next.cursor === '') return `has_more: true without a ${pager.cursorField} to continue from`;
	if (cursorsSent.has(next.cursor)) return `the ${pager.cursorField} ${JSON.stringify(next.cursor)} a second time`;
	return undefined;
}

/**
 * Walks a cursor-paginated list with the fewest requests possible: full pages while everything is
 * wanted, exactly the remainder near a limit. A page never holds more than the limit, even when the
 * server sends more.
 *
 * A list is either read to its end or not at all: a page that contradicts itself (an empty page or
 * a missing cursor while `has_more` says there is more, a cursor or an item that came before, an
 * overlapping page that does not end where it must) is an error, not the end of the list. Stopping
 * quietly there would never loop, but it would hand a cut list to a caller that takes it as whole: a
 * trigger that moves past events it never read, an audit that flags the keys of members it did not
 * see.
 */
export async function* pages(
	api: AdminApi,
	path: string,
	query: IDataObject,
	pager: Pager,
	{ limit = Infinity, cursor, follows }: PagesOptions = {},
): AsyncGenerator<PageOf> {
	const cursorsSent = new Set<string>();
	const itemIds = new Set<string>();
	let remaining = limit;
	let mustEndWith = pager.overlaps ? follows : undefined;
	for (let pageNumber = 1; ; pageNumber++) {
		const overlap = mustEndWith === undefined ? 0 : 1;
		const qs: IDataObject = { ...query, limit: Math.min(pager.pageSize(query), remaining + overlap) };
		if (cursor !== undefined) {
			qs[pager.cursorParam] = cursor;
			cursorsSent.add(cursor);
		}
		const page = await api.request<ListPage>({ method: 'GET', path, qs });
		let problem = envelopeProblem(page);
		let items = Array.isArray(page.data) ? page.data : [];
		if (!problem && mustEndWith !== undefined) {
			if (items[items.length - 1]?.id === mustEndWith) items = items.slice(0, -1);
			else problem = `a page that does not end with ${JSON.stringify(mustEndWith)}, the item its cursor was next to`;
		}
		// Past the limit, keep the items nearest the cursor: a `before` page ends with them.
		const kept = pager.cursorParam === 'before' && items.length > remaining ? items.slice(items.length - remaining) : items.slice(0, remaining);
		remaining -= kept.length;
		const needsNext = page.has_more === true && remaining > 0;
		const next: Next | undefined = !needsNext
			? undefined
			: pager.overlaps && kept.length > 0
				? overlappingNext(kept, mustEndWith)
				: { cursor: pager.cursorOf(page) };
		problem ??= (next && nextProblem(kept, next, pager, cursorsSent)) ?? repeatedItem(kept, itemIds);
		if (problem) throw api.incompleteList(`GET ${path}`, pageNumber, problem);

		yield { data: kept, next: next?.cursor as string | undefined };
		if (next === undefined) return;
		cursor = next.cursor as string;
		mustEndWith = next.follows;
	}
}

/** An item whose id came before, on this page or an earlier one; remembers the others. */
function repeatedItem(items: IDataObject[], idsSoFar: Set<string>): string | undefined {
	for (const { id } of items) {
		if (typeof id !== 'string') continue;
		if (idsSoFar.has(id)) return `the item ${JSON.stringify(id)} a second time`;
		idsSoFar.add(id);
	}
	return undefined;
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
		// One push per item: spreading a page into push() fails on very long pages.
		for (const item of page.data) items.push(item);
	}
	return items;
}
