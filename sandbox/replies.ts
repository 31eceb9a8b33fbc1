/**
 * The answers the server builds itself, beside what routes return: JSON replies, the refusals of
 * auth, the token bucket's 429, and what a failure fault turns an answer into.
 */
import { TokenBucket, malformedBody, redirectFaultResponse, spoilPage, statusFaultResponse, type FaultResponse } from './faults';
import { ApiError } from './http';
import type { FaultRule } from './types';

/** A complete answer: status, headers, body text. */
export type Reply = FaultResponse;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
	return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function errorReply(err: ApiError): Reply {
	return json(err.status, err.toBody());
}

/** A failure that is the sandbox's own (a bug in a handler), told apart from the API's errors. */
export function sandboxError(err: unknown): Reply {
	const message = err instanceof Error ? err.message : String(err);
	return json(500, { error: { message: `Sandbox error: ${message}`, type: 'server_error', param: null, code: null } });
}

export function unknownUrl(method: string, path: string): Reply {
	return errorReply(new ApiError(404, `Invalid URL (${method} ${path})`));
}

// ------------------------------------------------------------------------ auth

const MISSING_KEY =
	"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.";
const INSUFFICIENT_SCOPE = 'You have insufficient permissions for this operation. Missing scopes: api.management.read.';

/** Shows how a key starts and ends, never the whole key. */
export function maskKey(key: string): string {
	if (key.length < 12) return '*'.repeat(Math.min(key.length, 8));
	const head = key.slice(0, Math.min(8, Math.floor(key.length / 4)));
	const stars = Math.min(24, key.length - head.length - 4);
	return `${head}${'*'.repeat(stars)}${key.slice(-4)}`;
}

/**
 * The refusal for an Authorization header that does not carry an admin key of the organization, or
 * undefined when it does. A project key is a 403 with a bare-string error, as the live API sends it.
 */
export function refusedKey(authorization: string | undefined, isAdminKey: (key: string) => boolean): Reply | undefined {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
	if (!match) return errorReply(new ApiError(401, MISSING_KEY));
	const key = match[1];
	if (isAdminKey(key)) return undefined;
	if (key.startsWith('sk-proj-') || key.startsWith('sk-svcacct-')) return json(403, { error: INSUFFICIENT_SCOPE });
	const message = `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`;
	return errorReply(new ApiError(401, message, null, 'invalid_api_key'));
}

// ------------------------------------------------------------------------ rate limit and faults

/** The token bucket's 429, with the wait until its next token unless the bucket is set to hide it. */
export function rateLimited(bucket: TokenBucket): Reply {
	const wait = bucket.msUntilNext;
	const retryHeaders: Record<string, string> =
		bucket.limit.retryAfterHeaders === false ? {} : { 'retry-after-ms': String(wait), 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) };
	const message = `Rate limit reached for requests: limit ${bucket.limit.requests} per ${bucket.limit.windowMs}ms. Please try again in ${wait}ms.`;
	return json(429, { error: { message, type: 'requests', param: null, code: 'rate_limit_exceeded' } }, retryHeaders);
}

/** Where a request went: what a redirect fault points the client at again. */
export interface RequestPlace {
	path: string;
	/** The query string with its `?`, or ''. */
	search: string;
}

/**
 * What a failure fault answers instead: `'drop'` for no answer at all. `real` is the answer the
 * handler gave (after-handler faults and spoiled pages), if it ran.
 */
export function faultReply(rule: FaultRule, real: Reply | undefined, place: RequestPlace, nowSeconds: number): Reply | 'drop' {
	switch (rule.kind) {
		case 'drop':
			return 'drop';
		case 'bad_page':
			return real ? { ...real, body: spoilPage(rule, real.body) } : json(500, {});
		case 'malformed_json':
			return { status: rule.status ?? 200, headers: { 'content-type': 'application/json' }, body: malformedBody(real?.body) };
		case 'redirect':
			return redirectFaultResponse(rule, place.path, place.search);
		default:
			return statusFaultResponse(rule, nowSeconds);
	}
}
