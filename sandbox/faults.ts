/**
 * Fault injection and the token-bucket rate limit. Rules are checked in the order they were added:
 * every matching latency rule that fires adds its delay; the first failure rule (status, drop,
 * malformed_json, redirect) that fires decides the failure, and later failure rules do not see that
 * request.
 */
import http from 'node:http';
import { Rng } from './random';
import type { FaultRule, RateLimitOption } from './types';

interface ActiveRule {
	rule: FaultRule;
	/** Matching requests seen so far. */
	seen: number;
	/** Requests this rule affected. */
	fired: number;
}

const BAD_PAGES = ['empty', 'no_cursor', 'repeat'];

/** The query parameters that carry a list cursor, in every pager style. */
export const CURSOR_PARAMETERS = ['after', 'before', 'page'];

/**
 * A served list page spoiled as `rule.page` says (`repeat` is served by asking again without the
 * cursor: see the pipeline). Anything that is not a list page passes unchanged.
 */
export function spoilPage(rule: FaultRule, body: string): string {
	let page: Record<string, unknown>;
	try {
		page = JSON.parse(body) as Record<string, unknown>;
	} catch {
		return body;
	}
	if (!Array.isArray(page.data) || typeof page.has_more !== 'boolean') return body;
	const cursorFields = ['first_id', 'last_id', 'next', 'next_page'].filter((field) => field in page);
	if (rule.page === 'empty') {
		page.data = [];
		page.has_more = true;
		for (const field of cursorFields) page[field] ??= 'cursor-of-an-empty-page';
	} else if (rule.page === 'no_cursor') {
		page.has_more = true;
		for (const field of cursorFields) page[field] = null;
	}
	return JSON.stringify(page);
}

export interface FaultPlan {
	latencyMs: number;
	failure?: FaultRule;
}

export const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

function isHttpUrl(text: unknown): boolean {
	try {
		return typeof text === 'string' && ['http:', 'https:'].includes(new URL(text).protocol);
	} catch {
		return false;
	}
}

export function checkRule(rule: FaultRule): void {
	const kinds = ['latency', 'status', 'drop', 'malformed_json', 'bad_page', 'redirect'];
	if (!kinds.includes(rule.kind)) throw new Error(`fault rule: kind must be one of ${kinds.join(', ')}`);
	if (rule.kind === 'bad_page' && !BAD_PAGES.includes(rule.page as string)) {
		throw new Error(`fault rule: 'bad_page' needs page (${BAD_PAGES.join(', ')})`);
	}
	if (rule.kind === 'latency' && rule.latencyMs === undefined) throw new Error("fault rule: 'latency' needs latencyMs");
	if (rule.kind === 'status' && (typeof rule.status !== 'number' || rule.status < 100 || rule.status > 599)) {
		throw new Error("fault rule: 'status' needs status (100-599)");
	}
	if (rule.kind === 'redirect') {
		if (!isHttpUrl(rule.location)) throw new Error("fault rule: 'redirect' needs location, an absolute http(s) URL");
		if (rule.status !== undefined && !REDIRECT_STATUSES.includes(rule.status)) {
			throw new Error(`fault rule: a 'redirect' status is one of ${REDIRECT_STATUSES.join(', ')}`);
		}
	}
	if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) {
		throw new Error('fault rule: probability must be within 0..1');
	}
	if (Array.isArray(rule.latencyMs) && rule.latencyMs[0] > rule.latencyMs[1]) {
		throw new Error('fault rule: latencyMs range must be [min, max]');
	}
}

export class FaultEngine {
	private rules: ActiveRule[] = [];

	constructor(private readonly rng: Rng) {}

	add(rule: FaultRule): void {
		checkRule(rule);
		this.rules.push({ rule, seen: 0, fired: 0 });
	}

	clear(): void {
		this.rules = [];
	}

	get size(): number {
		return this.rules.length;
	}

	plan(method: string, path: string): FaultPlan {
		const plan: FaultPlan = { latencyMs: 0 };
		for (const active of this.rules) {
			const { rule } = active;
			const isFailure = rule.kind !== 'latency';
			if (isFailure && plan.failure) continue;
			if (!matches(rule, method, path)) continue;
			if (!this.fires(active)) continue;
			if (isFailure) plan.failure = rule;
			else plan.latencyMs += this.latency(rule.latencyMs ?? 0);
		}
		return plan;
	}

	private fires(active: ActiveRule): boolean {
		const { rule } = active;
		active.seen++;
		if (active.seen <= (rule.skip ?? 0)) return false;
		if (rule.times !== undefined && active.fired >= rule.times) return false;
		if (rule.probability !== undefined && this.rng.next() >= rule.probability) return false;
		active.fired++;
		return true;
	}

	private latency(spec: number | [number, number]): number {
		if (typeof spec === 'number') return spec;
		return spec[0] + this.rng.next() * (spec[1] - spec[0]);
	}
}

function matches(rule: FaultRule, method: string, path: string): boolean {
	if (rule.method && rule.method.toUpperCase() !== method) return false;
	if (rule.path === undefined) return true;
	if (typeof rule.path === 'string') return rule.path === path;
	rule.path.lastIndex = 0;
	return rule.path.test(path);
}

/** Continuous-refill token bucket: `requests` tokens per `windowMs`, bursting up to `requests`. */
export class TokenBucket {
	private tokens: number;
	private last: number;

	constructor(
		readonly limit: RateLimitOption,
		private readonly clock: () => number = () => performance.now(),
	) {
		if (!(limit.requests >= 1) || !(limit.windowMs > 0)) throw new Error('rate limit: requests >= 1 and windowMs > 0');
		this.tokens = limit.requests;
		this.last = this.clock();
	}

	private refill(): void {
		const now = this.clock();
		this.tokens = Math.min(this.limit.requests, this.tokens + ((now - this.last) * this.limit.requests) / this.limit.windowMs);
		this.last = now;
	}

	/** Takes a token; false when the bucket is empty. */
	take(): boolean {
		this.refill();
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return true;
		}
		return false;
	}

	get remaining(): number {
		this.refill();
		return Math.floor(this.tokens);
	}

	/** Milliseconds until the next token. */
	get msUntilNext(): number {
		this.refill();
		return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * this.limit.windowMs) / this.limit.requests);
	}
}

export interface FaultResponse {
	status: number;
	headers: Record<string, string>;
	body: string;
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** What a 'status' fault sends: the body the live API (or the proxy in front of it) sends for that status. */
export function statusFaultResponse(rule: FaultRule, nowSeconds: number): FaultResponse {
	const status = rule.status ?? 500;
	const headers: Record<string, string> = { ...JSON_TYPE };
	let body: unknown;
	if (status === 429) {
		body = { error: { message: 'Rate limit reached for requests. Please try again later.', type: 'requests', param: null, code: 'rate_limit_exceeded' } };
	} else if (status === 500) {
		body = { error: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null } };
	} else if (status === 502) {
		// 502s come from the edge proxy as HTML, not JSON.
		headers['content-type'] = 'text/html';
		body = undefined;
	} else if (status === 503) {
		body = { error: { message: 'The server is overloaded or not ready yet.', type: 'server_error', param: null, code: null } };
	} else {
		body = { error: { message: `Sandbox fault: HTTP ${status}.`, type: status >= 500 ? 'server_error' : 'invalid_request_error', param: null, code: null } };
	}
	const retry = rule.retryAfter;
	if (retry?.seconds !== undefined) headers['retry-after'] = String(retry.seconds);
	if (retry?.ms !== undefined) headers['retry-after-ms'] = String(retry.ms);
	if (retry?.httpDate) headers['retry-after'] = new Date((nowSeconds + (retry.seconds ?? 1)) * 1000).toUTCString();
	const text =
		body === undefined
			? '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n'
			: JSON.stringify(body);
	return { status, headers, body: text };
}

/**
 * What a 'redirect' fault sends: the status and Location a moved host (or a proxy sending http to
 * https) answers with, pointing at the same path and query under `location`, and the short HTML page
 * such servers put in the body.
 */
export function redirectFaultResponse(rule: FaultRule, path: string, search: string): FaultResponse {
	const status = rule.status ?? 307;
	const location = `${(rule.location ?? '').replace(/\/+$/, '')}${path}${search}`;
	const title = `${status} ${http.STATUS_CODES[status] ?? 'Redirect'}`;
	return {
		status,
		headers: { location, 'content-type': 'text/html' },
		body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`,
	};
}

/** A JSON body cut off part-way: the real response when there is one, else the start of a list. */
export function malformedBody(realBody?: string): string {
	const source = realBody && realBody.length > 2 ? realBody : '{"object": "list", "data": [{"id": "proj_';
	return source.slice(0, Math.max(1, Math.floor(source.length / 2)));
}
