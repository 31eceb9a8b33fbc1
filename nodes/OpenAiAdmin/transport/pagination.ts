import type { IDataObject } from 'n8n-workflow';

import type { AdminApi } from './index';

/** The largest page every list endpoint accepts. */
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
	last_id?: string | null;
	has_more?: boolean;
}

/**
 * Walks a cursor-paginated list (`after` = the previous page's `last_id` while `has_more`), with the
 * fewest requests possible: full pages for Return All, exactly the remainder for a Limit. It stops on
 * `has_more: false`, and also on an empty page or a `last_id` that is missing or repeats, so a
 * misbehaving server can never make it loop.
 */
export async function listAll(
	api: AdminApi,
	path: string,
	query: IDataObject,
	{ returnAll, limit }: ListControls,
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	const seenCursors = new Set<string>();
	let after: string | undefined;
	for (;;) {
		const wanted = returnAll ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, limit - items.length);
		const qs: IDataObject = { ...query, limit: wanted };
		if (after !== undefined) qs.after = after;
		const page = await api.request<ListPage>({ method: 'GET', path, qs });
		const data = Array.isArray(page.data) ? page.data : [];
		items.push(...(returnAll ? data : data.slice(0, limit - items.length)));

		const cursor = typeof page.last_id === 'string' && page.last_id ? page.last_id : undefined;
		const done =
			page.has_more !== true ||
			data.length === 0 ||
			cursor === undefined ||
			seenCursors.has(cursor) ||
			(!returnAll && items.length >= limit);
		if (done) return items;
		seenCursors.add(cursor);
		after = cursor;
	}
}
