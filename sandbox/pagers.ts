/**
 * The three list styles the spec uses, over one cursor routine:
 *
 * - `last_id`: `{object: 'list', data, first_id, last_id, has_more}`, `after` (and on some lists
 *   `before`) naming an object of the list: projects, users, keys, rate limits, audit logs.
 * - `next`: `{object: 'list', data, has_more, next}`, `after` taking the previous page's `next`:
 *   groups, roles and their members.
 * - `page`: `{object: 'page', data, has_more, next_page}`, `page` taking the previous `next_page`:
 *   usage and costs, whose buckets have no ids.
 */
import { badRequest, parseLimit } from './http';

export type PagerStyle = 'last_id' | 'next' | 'page';

/** Where an id stands in a list: its index, the index of a deleted object's survivor, or undefined. */
export type CursorIndex = (items: ReadonlyArray<{ id: string }>, id: string) => number | undefined;

export interface PageOptions<T> {
	style?: PagerStyle;
	defaultLimit?: number;
	maxLimit?: number;
	/** Accept a `before` cursor (rate limits, audit logs). */
	allowBefore?: boolean;
	/** Hide items (archived projects, inactive-owner keys); cursors may still name hidden items. */
	visible?: (item: T) => boolean;
	/** How cursors on deleted objects are placed; default: only live objects are cursors. */
	cursorIndex?: CursorIndex;
}

export interface LastIdPage<R> {
	object: 'list';
	data: R[];
	first_id: string | null;
	last_id: string | null;
	has_more: boolean;
}

export interface NextPage<R> {
	object: 'list';
	data: R[];
	has_more: boolean;
	next: string | null;
}

export interface NumberedPage<R> {
	object: 'page';
	data: R[];
	has_more: boolean;
	next_page: string | null;
}

/** Where each id stood when a list was last indexed: a cursor is looked up, not searched for. */
const indexes = new WeakMap<ReadonlyArray<{ id: string }>, Map<string, number>>();

/**
 * An id's index, from the list's index while that still holds (ids are unique, so an index whose
 * item has the id is right); after the list changed, it is indexed again once.
 */
const liveIndex: CursorIndex = (items, id) => {
	const known = indexes.get(items)?.get(id);
	if (known !== undefined && items[known]?.id === id) return known;
	const index = new Map<string, number>();
	items.forEach((item, at) => index.set(item.id, at));
	indexes.set(items, index);
	return index.get(id);
};

/**
 * `after` (and `before` where allowed) name an object of the whole list; a cursor naming an object
 * deleted through the API continues from where it stood; one that never named an object of this list
 * is a 400 with param 'after'/'before' (a keyset-paginated server could not place it either).
 */
function cursorSlice<T extends { id: string }>(items: T[], query: URLSearchParams, options: PageOptions<T>, limit: number) {
	const place = options.cursorIndex ?? liveIndex;
	const cursor = (name: 'after' | 'before'): number | undefined => {
		const id = query.get(name);
		if (id === null || id === '') return undefined;
		const index = place(items, id);
		if (index === undefined) throw badRequest(`Invalid '${name}': no object with id '${id}' in this list.`, name);
		return index;
	};
	const after = cursor('after');
	const before = options.allowBefore ? cursor('before') : undefined;
	const start = after === undefined ? 0 : after + 1;
	// A deleted `before` object resolves to its predecessor, which must then be included.
	const beforeId = options.allowBefore ? query.get('before') : null;
	const beforeExists = beforeId ? liveIndex(items, beforeId) !== undefined : false;
	const end = before === undefined ? items.length : beforeExists ? before : before + 1;
	// Walking backwards: the `limit` items right before the cursor, still in list order.
	const backwards = before !== undefined && after === undefined;
	// Only as far as one visible item past the page, which is all `has_more` needs: a long list is
	// not filtered whole for every page.
	const visible = options.visible ?? (() => true);
	const found: T[] = [];
	for (let step = 0; step < end - start && found.length <= limit; step++) {
		const item = items[backwards ? end - 1 - step : start + step];
		if (visible(item)) found.push(item);
	}
	const page = found.slice(0, limit);
	return { page: backwards ? page.reverse() : page, hasMore: found.length > limit };
}

const PAGE_TOKEN = /^page_(\d+)$/;

/** `page`: an opaque token from a previous `next_page`; anything else is a 400 naming `page`. */
function pageOffset(query: URLSearchParams, total: number): number {
	const raw = query.get('page');
	if (raw === null || raw === '') return 0;
	const m = PAGE_TOKEN.exec(raw);
	const offset = m ? Number(m[1]) : NaN;
	if (!(offset <= total)) throw badRequest(`Invalid 'page': '${raw}' is not a page of this list.`, 'page');
	return offset;
}

/** One page of `items` in the style asked for; `limit` is 1..maxLimit (default 100), default 20. */
export function paginate<T extends { id: string }, R>(
	items: T[],
	query: URLSearchParams,
	serialize: (item: T) => R,
	options: PageOptions<T> = {},
): LastIdPage<R> | NextPage<R> | NumberedPage<R> {
	const limit = parseLimit(query, options.defaultLimit ?? 20, options.maxLimit);
	if (options.style === 'page') return pageOf(items.filter(options.visible ?? (() => true)), query, serialize, limit);
	const { page, hasMore } = cursorSlice(items, query, options, limit);
	const data = page.map(serialize);
	const lastId = page.length > 0 ? page[page.length - 1].id : null;
	if (options.style === 'next') return { object: 'list', data, has_more: hasMore, next: hasMore ? lastId : null };
	return { object: 'list', data, first_id: page.length > 0 ? page[0].id : null, last_id: lastId, has_more: hasMore };
}

/** The `page` style over items without ids (usage buckets): the token is where the next page starts. */
export function pageOf<T, R>(items: T[], query: URLSearchParams, serialize: (item: T) => R, limit: number): NumberedPage<R> {
	const offset = pageOffset(query, items.length);
	const page = items.slice(offset, offset + limit);
	const hasMore = offset + limit < items.length;
	return { object: 'page', data: page.map(serialize), has_more: hasMore, next_page: hasMore ? `page_${offset + limit}` : null };
}
