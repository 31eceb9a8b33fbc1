import type { IDataObject } from 'n8n-workflow';

/**
 * Where the trigger stands in the audit log: every event before `effectiveAt` (Unix seconds) has
 * been emitted, and so have the events of that very second whose ids are in `idsAtEffectiveAt`.
 * A timestamp alone would repeat or drop events sharing a second with the last poll's newest.
 * It lives in the workflow's static data, which n8n keeps in its database, so it survives restarts
 * and is the same on every worker.
 */
export interface Position {
	effectiveAt: number;
	idsAtEffectiveAt: string[];
}

export interface AuditEvent extends IDataObject {
	id: string;
	effective_at: number;
}

const POSITION_KEY = 'position';

export function readPosition(staticData: IDataObject): Position | undefined {
	const stored = staticData[POSITION_KEY] as Partial<Position> | undefined;
	if (!stored || typeof stored.effectiveAt !== 'number' || !Array.isArray(stored.idsAtEffectiveAt)) return undefined;
	return { effectiveAt: stored.effectiveAt, idsAtEffectiveAt: stored.idsAtEffectiveAt.filter((id) => typeof id === 'string') };
}

/** Writes the position only when it moved: n8n saves static data that was written to. */
export function writePosition(staticData: IDataObject, from: Position | undefined, to: Position): void {
	if (from && from.effectiveAt === to.effectiveAt && from.idsAtEffectiveAt.length === to.idsAtEffectiveAt.length) return;
	staticData[POSITION_KEY] = { effectiveAt: to.effectiveAt, idsAtEffectiveAt: [...to.idsAtEffectiveAt] };
}

export const isAuditEvent = (item: IDataObject): item is AuditEvent =>
	typeof item.id === 'string' && typeof item.effective_at === 'number';

/** The events read since the position that it has not emitted yet, oldest first. */
export function unseen(position: Position, events: AuditEvent[]): AuditEvent[] {
	const seen = new Set(position.idsAtEffectiveAt);
	const fresh = events.filter(
		(event) =>
			event.effective_at > position.effectiveAt ||
			(event.effective_at === position.effectiveAt && !seen.has(event.id)),
	);
	// The API lists newest first, and within a second the latest first: reversed, that is oldest
	// first; the stable sort only guards against a page order that is not strictly that.
	return fresh.reverse().sort((a, b) => a.effective_at - b.effective_at);
}

/** The position after every event read (read from the position on) has been emitted. */
export function advance(position: Position, events: AuditEvent[]): Position {
	const newest = Math.max(position.effectiveAt, ...events.map((event) => event.effective_at));
	const atNewest = events.filter((event) => event.effective_at === newest).map((event) => event.id);
	const kept = newest === position.effectiveAt ? position.idsAtEffectiveAt : [];
	return { effectiveAt: newest, idsAtEffectiveAt: [...new Set([...kept, ...atNewest])] };
}
