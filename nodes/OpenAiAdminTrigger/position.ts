import type { IDataObject } from 'n8n-workflow';

/**
 * Where the trigger stands in the audit log: every event before `effectiveAt` (Unix seconds) has
 * been emitted, and so have the events of that very second whose ids are in `idsAtEffectiveAt`.
 * `lastId`, the newest event emitted, is where the next poll reads on from, and `previousId`, the
 * one before it, is the cursor it reads on with (the list's `before`), so that the first page must
 * end with `lastId` and proves it was read from the right place. Both belong to the query they were
 * read with: a trigger whose events or filters change starts again from the time and the ids. A timestamp alone would repeat or drop events sharing a
 * second with the last poll's newest.
 *
 * It lives in the workflow's static data, which n8n keeps in its database, so it survives restarts
 * and is the same on every worker.
 */
export interface Position {
	effectiveAt: number;
	idsAtEffectiveAt: string[];
	lastId?: string;
	previousId?: string;
	/** The query `lastId` was read with, as JSON. */
	query?: string;
}

export interface AuditEvent extends IDataObject {
	id: string;
	effective_at: number;
}

const POSITION_KEY = 'position';

export function readPosition(staticData: IDataObject): Position | undefined {
	const stored = staticData[POSITION_KEY] as Partial<Position> | undefined;
	if (!stored || typeof stored.effectiveAt !== 'number' || !Array.isArray(stored.idsAtEffectiveAt)) return undefined;
	const position: Position = {
		effectiveAt: stored.effectiveAt,
		idsAtEffectiveAt: stored.idsAtEffectiveAt.filter((id) => typeof id === 'string'),
	};
	if (typeof stored.lastId === 'string' && typeof stored.query === 'string') {
		position.lastId = stored.lastId;
		if (typeof stored.previousId === 'string') position.previousId = stored.previousId;
		position.query = stored.query;
	}
	return position;
}

const samePosition = (a: Position, b: Position) =>
	a.effectiveAt === b.effectiveAt &&
	a.idsAtEffectiveAt.length === b.idsAtEffectiveAt.length &&
	a.lastId === b.lastId &&
	a.previousId === b.previousId &&
	a.query === b.query;

/** Writes the position only when it moved: n8n saves static data that was written to. */
export function writePosition(staticData: IDataObject, from: Position | undefined, to: Position): void {
	if (from && samePosition(from, to)) return;
	const stored: IDataObject = { effectiveAt: to.effectiveAt, idsAtEffectiveAt: [...to.idsAtEffectiveAt] };
	if (to.lastId !== undefined) {
		stored.lastId = to.lastId;
		if (to.previousId !== undefined) stored.previousId = to.previousId;
		stored.query = to.query;
	}
	staticData[POSITION_KEY] = stored;
}

export const isAuditEvent = (item: IDataObject): item is AuditEvent =>
	typeof item.id === 'string' && typeof item.effective_at === 'number';

/** The events read since the position (oldest first) that it has not emitted yet. */
export function unseen(position: Position, events: AuditEvent[]): AuditEvent[] {
	const seen = new Set(position.idsAtEffectiveAt);
	return events.filter(
		(event) =>
			event.effective_at > position.effectiveAt ||
			(event.effective_at === position.effectiveAt && !seen.has(event.id)),
	);
}

/**
 * The position once the events read (oldest first, from the position on, with `query`) have been
 * emitted. `continued`: whether they were read on from the position's `lastId`, so that it and the
 * first of them are neighbours in the list. Loops, not `Math.max(...events)`: a backlog can hold
 * more events than a call takes arguments.
 */
export function advance(position: Position, events: AuditEvent[], query: string, continued: boolean): Position {
	let newest = position.effectiveAt;
	for (const event of events) if (event.effective_at > newest) newest = event.effective_at;
	const atNewest = new Set(newest === position.effectiveAt ? position.idsAtEffectiveAt : []);
	for (const event of events) if (event.effective_at === newest) atNewest.add(event.id);
	const moved: Position = { effectiveAt: newest, idsAtEffectiveAt: [...atNewest] };

	// The two newest events read, which are neighbours in the list, newest last.
	const neighbours: string[] = [];
	const kept = continued || events.length === 0 ? position.query === query : false;
	if (kept && position.lastId !== undefined) {
		if (position.previousId !== undefined) neighbours.push(position.previousId);
		neighbours.push(position.lastId);
	}
	for (const event of events.slice(-2)) neighbours.push(event.id);
	if (neighbours.length === 0) return moved;
	const [previousId, lastId] = neighbours.length === 1 ? [undefined, neighbours[0]] : neighbours.slice(-2);
	return previousId === undefined ? { ...moved, lastId, query } : { ...moved, lastId, previousId, query };
}
