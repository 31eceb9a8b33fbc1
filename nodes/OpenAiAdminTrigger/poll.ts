import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { AUDIT_LOG_PATH, auditLogQuery, explainAuditLogError } from '../OpenAiAdmin/actions/auditLog/query';
import { AdminApi, IncompleteListError } from '../OpenAiAdmin/transport';
import { headwardPager, lastIdPager, pages } from '../OpenAiAdmin/transport/pagination';
import { endPoll, startPoll } from './onePollAtATime';
import { refuseField } from './refuse';
import type { AuditEvent, Position } from './position';
import { advance, isAuditEvent, readPosition, unseen, writePosition } from './position';

const NOTHING_SKIPPED = 'Nothing was skipped: the next poll reads from the same place in the audit log.';

const HOUR = 3600;

// n8n's lint reads a default only when it is a literal or a plain identifier.
export const defaultMaxEventsPerPoll = 1000;
export const MAX_EVENTS_PER_POLL = 10_000;

interface Settings {
	query: IDataObject;
	lookbackHours: number;
	maxEvents: number;
}

function readSettings(context: IPollFunctions): Settings {
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const query = auditLogQuery(
		{ ...filters, event_types: context.getNodeParameter('events', []) },
		refuseField(context),
		{ tenantOnly: 'auto' },
	);
	const lookbackHours = options.lookbackHours ?? 0;
	if (typeof lookbackHours !== 'number' || !(lookbackHours >= 0)) {
		throw refuseField(context)('Start With Past Hours', `${JSON.stringify(lookbackHours)} is not a number of hours of 0 or more`);
	}
	const maxEvents = options.maxEventsPerPoll ?? defaultMaxEventsPerPoll;
	if (typeof maxEvents !== 'number' || !Number.isInteger(maxEvents) || maxEvents < 1 || maxEvents > MAX_EVENTS_PER_POLL) {
		throw refuseField(context)('Max Events Per Poll', `${JSON.stringify(maxEvents)} is not a whole number from 1 to ${MAX_EVENTS_PER_POLL}`);
	}
	return { query, lookbackHours, maxEvents };
}

/** The first page of a query: at most a page of the newest matching events, and whether there are more. */
async function firstPage(api: AdminApi, query: IDataObject): Promise<{ events: AuditEvent[]; hasMore: boolean }> {
	for await (const page of pages(api, AUDIT_LOG_PATH, query, lastIdPager)) {
		return { events: page.data.filter(isAuditEvent), hasMore: page.next !== undefined };
	}
	return { events: [], hasMore: false };
}

/** The events of one query, oldest first; the list gives them newest first. */
const oldestFirst = (events: AuditEvent[]) => [...events].reverse();

/**
 * The oldest events at or after `from`, up to a page, oldest first, and whether newer ones follow.
 * One request when a page holds everything since `from` (the usual case). Otherwise the time range
 * is halved until a window from `from` fits on one page, about 20 requests for a year of events;
 * should more than a page share the oldest second, that second alone is walked, keeping only its
 * last (oldest) page. Memory stays at one page, however long the backlog.
 */
async function oldestSince(api: AdminApi, query: IDataObject, from: number): Promise<{ events: AuditEvent[]; complete: boolean }> {
	const since = await firstPage(api, { ...query, effective_at: { gte: from } });
	if (!since.hasMore) return { events: oldestFirst(since.events), complete: true };
	// [from, lo] holds no event; [from, hi] holds more than a page.
	let lo = from - 1;
	let hi = since.events[0].effective_at;
	while (hi - lo > 1) {
		const mid = lo + Math.floor((hi - lo) / 2);
		const window = await firstPage(api, { ...query, effective_at: { gte: from, lte: mid } });
		if (window.events.length === 0) lo = mid;
		else if (!window.hasMore) return { events: oldestFirst(window.events), complete: false };
		else hi = mid;
	}
	let oldest: AuditEvent[] = [];
	for await (const page of pages(api, AUDIT_LOG_PATH, { ...query, effective_at: { gte: hi, lte: hi } }, lastIdPager)) {
		oldest = page.data.filter(isAuditEvent);
	}
	return { events: oldestFirst(oldest), complete: false };
}

/** Where a read on from known events starts: the newest known, and the one before it when known. */
interface Anchor {
	lastId: string;
	previousId?: string;
	/** No event after the anchor is older than this (the anchor's second). */
	notBefore: number;
}

/**
 * Up to `max` events recorded after the anchor, oldest first: the list's `before` cursor reads
 * towards its head a page at a time, each page overlapping the one before by one event, so that a
 * page the API did not read from the cursor is an error instead of a gap (see `headwardPager`).
 * Without a neighbour of the anchor to overlap, the first page is checked from the other side: the
 * event just older than its oldest must be the anchor (one more request).
 */
async function readAfter(api: AdminApi, query: IDataObject, anchor: Anchor, max: number): Promise<AuditEvent[]> {
	const events: AuditEvent[] = [];
	const overlap = anchor.previousId === undefined ? { cursor: anchor.lastId } : { cursor: anchor.previousId, follows: anchor.lastId };
	let pageNumber = 0;
	for await (const page of pages(api, AUDIT_LOG_PATH, query, headwardPager, { ...overlap, limit: max })) {
		pageNumber++;
		const newer = page.data.filter(isAuditEvent);
		const early = newer.find((event) => event.effective_at < anchor.notBefore || event.id === anchor.lastId);
		if (early) {
			throw api.incompleteList(`GET ${AUDIT_LOG_PATH}`, pageNumber, `the event ${early.id} (of ${early.effective_at}) among the events after ${anchor.lastId} (of ${anchor.notBefore})`);
		}
		for (let index = newer.length - 1; index >= 0; index--) events.push(newer[index]);
	}
	if (anchor.previousId === undefined && events.length > 0) {
		for await (const page of pages(api, AUDIT_LOG_PATH, query, lastIdPager, { cursor: events[0].id, limit: 1 })) {
			const older = page.data[0]?.id;
			if (older !== anchor.lastId) {
				throw api.incompleteList(`GET ${AUDIT_LOG_PATH}`, 1, `${JSON.stringify(older)} as the event before ${events[0].id}, which was read as the first after ${anchor.lastId}`);
			}
		}
	}
	return events;
}

/**
 * The cursor cannot be read on from: the API no longer knows it (an event past retention), or the
 * pages read from it did not fit together. Reading from the time instead needs neither.
 */
const cursorUnusable = (error: unknown) =>
	error instanceof IncompleteListError || (error instanceof NodeApiError && (error.httpCode === '400' || error.httpCode === '404'));

/**
 * Up to `max` events from the position on, oldest first (some may be ones it already emitted), and
 * whether they were read on from its `lastId`.
 */
async function readBatch(
	api: AdminApi,
	query: IDataObject,
	position: Position,
	key: string,
	max: number,
): Promise<{ events: AuditEvent[]; continued: boolean }> {
	if (position.lastId !== undefined && position.query === key) {
		const anchor = { lastId: position.lastId, previousId: position.previousId, notBefore: position.effectiveAt };
		try {
			return { events: await readAfter(api, query, anchor, max), continued: true };
		} catch (error) {
			if (!cursorUnusable(error)) throw error as NodeApiError;
		}
	}
	const { events, complete } = await oldestSince(api, query, position.effectiveAt);
	const batch = events.slice(0, max);
	if (complete || batch.length === max || batch.length === 0) return { events: batch, continued: false };
	const [previous, newest] = batch.length >= 2 ? batch.slice(-2) : [undefined, batch[0]];
	const anchor = { lastId: newest.id, previousId: previous?.id, notBefore: newest.effective_at };
	for (const event of await readAfter(api, query, anchor, max - batch.length)) batch.push(event);
	return { events: batch, continued: false };
}

/** The editor's "Fetch Test Event": the newest matching event, the position untouched. */
async function sample(context: IPollFunctions, api: AdminApi, query: IDataObject): Promise<INodeExecutionData[][]> {
	for await (const page of pages(api, AUDIT_LOG_PATH, query, lastIdPager, { limit: 1 })) {
		if (page.data.length) return [context.helpers.returnJsonArray(page.data)];
	}
	throw new NodeOperationError(context.getNode(), 'No audit log event matches the trigger yet', {
		description:
			'Make a change the trigger watches (for example create an API key), then fetch again; or choose fewer events and filters. The organization records events only while its audit logging is turned on.',
	});
}

/**
 * One poll: the events after the position, oldest first, each once, at most Max Events Per Poll
 * (a longer backlog comes over the following polls). The first poll after activation starts from
 * now (or the chosen past hours) and emits nothing older. The position is written only after every
 * page was read, so a poll that fails part-way leaves it where it was; a poll that starts while the
 * previous one still runs returns nothing and leaves it alone.
 */
export async function pollAuditLog(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const { query, lookbackHours, maxEvents } = readSettings(this);
	const api = AdminApi.forPoll(this);
	if (this.getMode() === 'manual') {
		try {
			return await sample(this, api, query);
		} catch (error) {
			throw explainAuditLogError(error);
		}
	}

	const staticData = this.getWorkflowStaticData('node');
	if (!startPoll(staticData)) return null;
	try {
		const key = JSON.stringify(query);
		const stored = readPosition(staticData);
		const now = Math.floor(Date.now() / 1000);
		if (!stored && lookbackHours === 0) {
			// The first poll from now only learns where the log stands: what is there at this second.
			const from: Position = { effectiveAt: now, idsAtEffectiveAt: [] };
			const { events } = await firstPage(api, { ...query, effective_at: { gte: now } });
			writePosition(staticData, stored, advance(from, oldestFirst(events), key, false));
			return null;
		}
		const from: Position = stored ?? { effectiveAt: now - Math.round(lookbackHours * HOUR), idsAtEffectiveAt: [] };
		const { events, continued } = await readBatch(api, query, from, key, maxEvents);
		const fresh = unseen(from, events);
		writePosition(staticData, stored, advance(from, events, key, continued));
		return fresh.length ? [this.helpers.returnJsonArray(fresh)] : null;
	} catch (error) {
		throw explainAuditLogError(error, NOTHING_SKIPPED);
	} finally {
		endPoll(staticData);
	}
}
