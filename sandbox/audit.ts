/**
 * The audit log: every change the sandbox makes, through the API or a state builder, is one event
 * in the spec's AuditLog shape, so an audit-log reader or trigger can be tested against what really
 * happened. Events are kept newest first and cut to the fields the spec gives their type. The list
 * endpoint is resources/audit-logs.ts.
 */
import type { Project } from './types';
import { derivedSpec, resolve, type ContractSchema } from './validate';

export interface AuditActorUser {
	id: string;
	email: string;
}

export type AuditActor =
	| { type: 'session'; session: { user: AuditActorUser; ip_address: string } }
	| {
			type: 'api_key';
			api_key:
				| { id: string; type: 'user'; user: AuditActorUser }
				| { id: string; type: 'service_account'; service_account: { id: string } };
	  };

export interface AuditLog {
	id: string;
	type: string;
	effective_at: number;
	project?: { id: string; name: string };
	actor: AuditActor | null;
	/** The per-type payload, keyed by the event type: `"project.created": {id, data: {...}}`. */
	[payload: string]: unknown;
}

export interface AuditEventInput {
	type: string;
	/** The changed object's id first, then the type's own fields (`data`, `changes_requested`, ...). */
	payload: Record<string, unknown> & { id?: string };
	project?: Project;
	/** Default: the sandbox's admin key, owned by the organization's first owner. */
	actor?: AuditActor | null;
	/** Default: the sandbox's clock. */
	at?: number;
}

const auditSchema = resolve(derivedSpec.auditLog);

/** The spec's AuditLogEventType values. */
export const EVENT_TYPES: readonly string[] = (resolve(auditSchema.properties?.type ?? {}).enum as string[] | undefined) ?? [];

/** Keeps what the schema names (all of it where the schema names no properties). */
function prune(value: unknown, schema: ContractSchema): unknown {
	const s = resolve(schema);
	if (Array.isArray(value)) return s.items ? value.map((v) => prune(v, s.items!)) : value;
	if (value === null || typeof value !== 'object' || !s.properties) return value;
	const out: Record<string, unknown> = {};
	for (const [key, v] of Object.entries(value)) {
		if (v !== undefined && s.properties[key]) out[key] = prune(v, s.properties[key]);
	}
	return out;
}

/** The event's payload in its type's shape; a type the spec gives no payload object has none. */
export function payloadFor(type: string, payload: Record<string, unknown>): Record<string, unknown> | undefined {
	const schema = auditSchema.properties?.[type];
	return schema ? (prune(payload, schema) as Record<string, unknown>) : undefined;
}

/**
 * A creation's details as its event type carries them: under `data` for most types, flat for the
 * types the spec gives no `data` (role.created, certificate.created name the role's or the
 * certificate's fields beside its id).
 */
export function creationPayload(type: string, details: Record<string, unknown>): Record<string, unknown> {
	const schema = auditSchema.properties?.[type];
	return schema && !resolve(schema).properties?.data ? details : { data: details };
}

/** Inserts newest first; events of the same second keep the order they happened in, latest first. */
export function insertEvent(log: AuditLog[], event: AuditLog): void {
	let lo = 0;
	let hi = log.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (log[mid].effective_at > event.effective_at) lo = mid + 1;
		else hi = mid;
	}
	log.splice(lo, 0, event);
}

/**
 * Adds many events at once (a backlog): `events` newest first, merged in one pass. Recorded after
 * everything already in the log, each goes before the logged events of its second.
 */
export function mergeEvents(log: AuditLog[], events: AuditLog[]): void {
	const merged: AuditLog[] = new Array(log.length + events.length);
	let fromLog = 0;
	let fromEvents = 0;
	for (let index = 0; index < merged.length; index++) {
		const takeEvent =
			fromEvents < events.length && (fromLog >= log.length || events[fromEvents].effective_at >= log[fromLog].effective_at);
		merged[index] = takeEvent ? events[fromEvents++] : log[fromLog++];
	}
	log.length = 0;
	for (const event of merged) log.push(event);
}
