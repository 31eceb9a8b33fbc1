/**
 * The request pipeline: record → faults (latency, then a failure unless it is an after-handler one)
 * → rate limit → dispatch (auth, route, body, handler) → (after-handler failure) → response.
 */
import type http from 'node:http';
import type { ApiRequest } from './dispatch';
import { CURSOR_PARAMETERS, FaultEngine, TokenBucket } from './faults';
import { ApiError } from './http';
import type { Rng } from './random';
import { errorReply, faultReply, rateLimited, unknownUrl, type Reply } from './replies';
import type { RateLimitOption, RecordedRequest } from './types';

const MAX_BODY = 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY) {
				reject(new ApiError(413, 'Request body too large.'));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function withoutCursor(query: URLSearchParams): URLSearchParams {
	const rest = new URLSearchParams(query);
	for (const name of CURSOR_PARAMETERS) rest.delete(name);
	return rest;
}

/** What the pipeline needs of the rest of the sandbox. */
export interface PipelineParts {
	dispatch: (request: ApiRequest) => Reply;
	faults: FaultEngine;
	rateLimit?: RateLimitOption;
	/** Draws the `x-request-id` of each answer. */
	requestIds: Rng;
	/** The sandbox clock, for the dates of faults' Retry-After. */
	now: () => number;
	/** Waits ms; a wait the server's closing cuts short never ends (its request is abandoned). */
	sleep: (ms: number) => Promise<void>;
	isClosed: () => boolean;
	log: (line: string) => void;
}

/** One request being answered: where it came from, its log entry, and how to answer or drop it. */
interface Exchange {
	req: http.IncomingMessage;
	res: http.ServerResponse;
	entry: RecordedRequest;
	started: number;
}

export class RequestPipeline {
	/** Every request, in arrival order. */
	readonly requests: RecordedRequest[] = [];
	/** Requests received and not yet answered (or dropped). */
	private open = 0;
	private bucket: TokenBucket | undefined;

	constructor(private readonly parts: PipelineParts) {
		this.bucket = parts.rateLimit ? new TokenBucket(parts.rateLimit) : undefined;
	}

	setRateLimit(limit?: RateLimitOption): void {
		this.bucket = limit ? new TokenBucket(limit) : undefined;
	}

	async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const started = performance.now();
		const method = (req.method ?? 'GET').toUpperCase();
		const rawUrl = req.url ?? '/';
		const q = rawUrl.indexOf('?');
		const fullPath = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
		const search = q >= 0 ? rawUrl.slice(q) : '';
		const query = new URLSearchParams(search.slice(1));
		const underV1 = fullPath === '/v1' || fullPath.startsWith('/v1/');
		const path = underV1 ? fullPath.slice(3) : fullPath;
		const exchange: Exchange = { req, res, entry: this.record(req, res, method, path, rawUrl, query), started };

		let bodyText: string;
		try {
			bodyText = await readBody(req);
		} catch (err) {
			if (err instanceof ApiError) this.send(exchange, errorReply(err));
			return;
		}
		if (bodyText.length > 0) {
			try {
				exchange.entry.body = JSON.parse(bodyText);
			} catch {
				exchange.entry.body = bodyText;
			}
		}

		const plan = this.parts.faults.plan(method, path);
		if (plan.latencyMs > 0) {
			exchange.entry.fault = 'latency';
			exchange.entry.latencyMs = plan.latencyMs;
			await this.parts.sleep(plan.latencyMs);
			if (this.parts.isClosed()) return;
		}
		const failure = plan.failure;
		if (failure) exchange.entry.fault = failure.kind;
		const fail = (real?: Reply) => {
			const reply = faultReply(failure!, real, { path, search }, this.parts.now());
			if (reply === 'drop') this.drop(exchange);
			else this.send(exchange, reply);
		};
		if (failure && !failure.afterHandler && failure.kind !== 'bad_page') return fail();

		if (this.bucket && !this.bucket.take()) {
			exchange.entry.fault = 'rate_limit';
			return this.send(exchange, rateLimited(this.bucket));
		}

		// A list that ignores its cursor serves the first page again.
		const served = failure?.kind === 'bad_page' && failure.page === 'repeat' ? withoutCursor(query) : query;
		const reply = underV1
			? this.parts.dispatch({ method, path, query: served, bodyText, authorization: req.headers.authorization })
			: unknownUrl(method, fullPath);
		if (failure) return fail(reply);
		this.send(exchange, reply);
	}

	/** Logs the request on arrival, with how many requests are open at the sandbox, itself included. */
	private record(req: http.IncomingMessage, res: http.ServerResponse, method: string, path: string, rawUrl: string, query: URLSearchParams): RecordedRequest {
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(req.headers)) {
			if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
		}
		this.open++;
		// 'close' comes once, whether the answer was sent, the connection dropped or the server stopped.
		res.once('close', () => this.open--);
		const entry: RecordedRequest = {
			method,
			path,
			rawUrl,
			query: Object.fromEntries(query),
			body: undefined,
			headers,
			status: 0,
			at: Date.now(),
			inFlight: this.open,
		};
		this.requests.push(entry);
		return entry;
	}

	/** Sends a reply with the headers every OpenAI answer carries (and the bucket's, when there is one). */
	private send({ res, entry, started }: Exchange, reply: Reply): void {
		if (this.parts.isClosed() || res.destroyed) return;
		entry.status = reply.status;
		const extra: Record<string, string> = {
			'x-request-id': `req_${this.parts.requestIds.hex(32)}`,
			'openai-version': '2020-10-01',
			'openai-processing-ms': String(Math.round(performance.now() - started)),
		};
		if (this.bucket) {
			extra['x-ratelimit-limit-requests'] = String(this.bucket.limit.requests);
			extra['x-ratelimit-remaining-requests'] = String(this.bucket.remaining);
		}
		res.writeHead(reply.status, { ...extra, ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
		res.end(reply.body);
		this.parts.log(`${entry.method} ${entry.rawUrl} -> ${reply.status}${entry.fault ? ` [${entry.fault}]` : ''}`);
	}

	private drop({ req, entry }: Exchange): void {
		entry.status = 0;
		this.parts.log(`${entry.method} ${entry.rawUrl} -> dropped`);
		req.socket.destroy();
	}
}
