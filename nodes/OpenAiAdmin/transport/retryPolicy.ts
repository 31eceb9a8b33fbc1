/**
 * When a failed request may be sent again, and how long to wait first. Pure functions: the transport
 * supplies the facts (status, headers, connection error, attempt number) and does the waiting.
 */

export interface RetrySettings {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** Upper bound on the time spent waiting between attempts of one request, in milliseconds. */
	maxTotalWaitMs: number;
}

export const DEFAULT_RETRY_SETTINGS: RetrySettings = { maxRetries: 6, maxTotalWaitMs: 300_000 };

/** What went wrong with one attempt. */
export type Failure =
	| { kind: 'status'; status: number; headers: Record<string, unknown> }
	/** `beforeSending`: the connection was refused, so the server cannot have seen the request. */
	| { kind: 'connection'; code: string; beforeSending: boolean }
	/** A 2xx whose body is not the JSON the API promises: the server did act. */
	| { kind: 'malformed' };

const RETRYABLE_STATUSES = new Set([408, 409, 429]);

/**
 * A request that creates something (project, project user, service account) is sent again only when
 * the API certainly did not act on it: a 429 (rejected before processing) or a refused connection.
 * Anything else may have created the object already, and a second attempt would create a twin.
 * Every other request sets state idempotently (get, list, update, archive, delete) and is retried
 * on every transient failure.
 */
export function isRetryable(failure: Failure, createsResource: boolean): boolean {
	if (failure.kind === 'status') {
		if (failure.status === 429) return true;
		if (createsResource) return false;
		return RETRYABLE_STATUSES.has(failure.status) || failure.status >= 500;
	}
	if (failure.kind === 'connection') return failure.beforeSending || !createsResource;
	return !createsResource;
}

/**
 * Whether the server may have carried out a request that failed this way: a server error, a
 * connection lost after sending, or a 2xx with a broken body. A 429, a refused connection or any other
 * 4xx means it did not.
 */
export function mayHaveActed(failure: Failure): boolean {
	if (failure.kind === 'status') return failure.status >= 500;
	if (failure.kind === 'connection') return !failure.beforeSending;
	return true;
}

/**
 * A header's first value, undefined when it is absent or blank: `Number('')` is 0, and an empty
 * header is no request to retry at once.
 */
function header(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	const first: unknown = Array.isArray(value) ? value[0] : value;
	const text = typeof first === 'string' || typeof first === 'number' ? String(first).trim() : '';
	return text === '' ? undefined : text;
}

/**
 * The wait the server asked for, from `retry-after-ms` (milliseconds) or `retry-after` (seconds
 * or an HTTP date), or undefined when it asked for none. A header that is empty or does not parse
 * is passed over for the next one.
 */
export function serverRequestedDelayMs(
	headers: Record<string, unknown>,
	nowMs: number,
): number | undefined {
	const retryAfterMs = Number(header(headers, 'retry-after-ms'));
	if (Number.isFinite(retryAfterMs) && retryAfterMs >= 0) return retryAfterMs;
	const retryAfter = header(headers, 'retry-after');
	if (retryAfter === undefined) return undefined;
	const seconds = Number(retryAfter);
	if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
	const date = Date.parse(retryAfter);
	return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * Backoff when the server names no wait. A 429 without a header usually means a per-minute window
 * is spent (the Admin API sends many of these), so the waits grow from 2 s to the full minute; the
 * sum of the first six (about two minutes) clears any one-minute window. Other transient failures
 * start at 0.5 s and stop growing at 30 s. Jitter only lengthens a wait, so that several workers
 * hitting one limit spread out instead of retrying in step.
 */
export function backoffDelayMs(failure: Failure, attempt: number, random: () => number): number {
	const rateLimited = failure.kind === 'status' && failure.status === 429;
	const base = rateLimited ? 2000 : 500;
	const cap = rateLimited ? 60_000 : 30_000;
	const delay = Math.min(cap, base * 2 ** attempt);
	return Math.round(delay * (1 + 0.2 * random()));
}

/** The wait before retry number `attempt + 1`, in milliseconds. */
export function retryDelayMs(
	failure: Failure,
	attempt: number,
	nowMs: number,
	random: () => number = Math.random,
): number {
	if (failure.kind === 'status') {
		const requested = serverRequestedDelayMs(failure.headers, nowMs);
		if (requested !== undefined) return requested;
	}
	return backoffDelayMs(failure, attempt, random);
}
