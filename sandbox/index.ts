/**
 * A local, stateful stand-in for https://api.openai.com/v1's Administration API (projects, project
 * users, service accounts, API keys, rate limits, organization users, audit logs), with fault injection.
 *
 * Request pipeline: record → faults (latency, then a failure unless it is an after-handler one) →
 * rate limit → auth → route → body → handler → (after-handler failure) → response.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { CURSOR_PARAMETERS, FaultEngine, TokenBucket, malformedBody, redirectFaultResponse, spoilPage, statusFaultResponse } from './faults';
import { ApiError } from './http';
import { Rng } from './random';
import { compileRoutes, controlRoutes, matchRoute, routes } from './routes';
import { plannedEvents, seedDescription, seedState } from './seed';
import { SandboxState } from './state';
import type { SandboxOptions } from './options';
import type { FaultRule, RateLimitOption, RecordedRequest } from './types';
import { bodySchemaFor, validateBody } from './validate';

export { SandboxState, redact, DEFAULT_EPOCH } from './state';
export type { ApiKeyOverrides, ProjectContents } from './state';
export { routes } from './routes';
export type { Route, RouteContext } from './resources/context';
export { CollectionStore, SingletonStore } from './store';
export { SEED_DEFAULTS, seedDescription, type SeedDescription } from './seed';
export type { AuditActor, AuditEventInput, AuditLog } from './audit';
export * from './types';
export type { SandboxOptions } from './options';

export interface Sandbox {
	/** e.g. 'http://127.0.0.1:43121/v1' */
	baseUrl: string;
	port: number;
	adminKey: string;
	/** Live in-memory data; tests read and write it directly. */
	state: SandboxState;
	/** Every request, in arrival order. */
	requests: RecordedRequest[];
	addFault(rule: FaultRule): void;
	clearFaults(): void;
	setRateLimit(limit?: RateLimitOption): void;
	/** Empties `requests` in place. */
	resetLog(): void;
	close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
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

export function defaultAdminKey(seed: number): string {
	return `sk-admin-${Rng.derive(seed, 0xad317).keyChars(64)}`;
}

interface Reply {
	status: number;
	headers: Record<string, string>;
	body: string;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
	return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

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

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const seed = options.seed ?? 1;
	const description = seedDescription(options);
	const now = options.now ?? (() => Math.floor(Date.now() / 1000));
	const state = new SandboxState({ seed, epoch: options.epoch, now, plannedEvents: plannedEvents(description) });
	seedState(state, description);

	const adminKey = options.adminKey ?? defaultAdminKey(seed);
	const table = compileRoutes([...routes, ...controlRoutes]);
	const faults = new FaultEngine(Rng.derive(seed, 0xfa017));
	for (const rule of options.faults ?? []) faults.add(rule);
	let bucket = options.rateLimit ? new TokenBucket(options.rateLimit) : undefined;
	const requestIds = Rng.derive(seed, 0x4e9);
	const requests: RecordedRequest[] = [];
	/** Requests received and not yet answered (or dropped). */
	let open = 0;
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	let closed = false;
	const log = (line: string) => {
		if (options.logRequests && !options.quiet) process.stderr.write(line + '\n');
	};

	const sleep = (ms: number) =>
		new Promise<void>((resolve) => {
			const t = setTimeout(() => {
				timers.delete(t);
				resolve();
			}, ms);
			timers.add(t);
		});

	/** Auth, routing, body checks and the handler: everything the real server does. */
	function dispatch(method: string, path: string, query: URLSearchParams, bodyText: string, headers: http.IncomingHttpHeaders): Reply {
		const auth = headers.authorization;
		const match = /^Bearer\s+(\S+)\s*$/i.exec(auth ?? '');
		if (!match) return json(401, new ApiError(401, MISSING_KEY).toBody());
		const key = match[1];
		if (key !== adminKey) {
			if (key.startsWith('sk-proj-') || key.startsWith('sk-svcacct-')) return json(403, { error: INSUFFICIENT_SCOPE });
			return json(
				401,
				new ApiError(
					401,
					`Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
					null,
					'invalid_api_key',
				).toBody(),
			);
		}
		const { route, params } = matchRoute(table, method, path);
		if (!route) return json(404, new ApiError(404, `Invalid URL (${method} /v1${path})`).toBody());
		try {
			let body: Record<string, unknown> = {};
			const schema = bodySchemaFor(route.method, route.path);
			if (schema) {
				let parsed: unknown;
				if (bodyText.trim().length > 0) {
					try {
						parsed = JSON.parse(bodyText);
					} catch {
						throw new ApiError(
							400,
							"We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
						);
					}
				}
				body = validateBody(parsed, schema, route.rules);
			}
			return json(200, route.handler({ state, params, query, body, now: state.now }));
		} catch (err) {
			if (err instanceof ApiError) return json(err.status, err.toBody());
			const message = err instanceof Error ? err.message : String(err);
			return json(500, { error: { message: `Sandbox error: ${message}`, type: 'server_error', param: null, code: null } });
		}
	}

	async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const started = performance.now();
		const method = (req.method ?? 'GET').toUpperCase();
		const rawUrl = req.url ?? '/';
		const q = rawUrl.indexOf('?');
		const fullPath = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
		const query = new URLSearchParams(q >= 0 ? rawUrl.slice(q + 1) : '');
		const underV1 = fullPath === '/v1' || fullPath.startsWith('/v1/');
		const path = underV1 ? fullPath.slice(3) : fullPath;
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(req.headers)) {
			if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
		}
		open++;
		// 'close' comes once, whether the answer was sent, the connection dropped or the server stopped.
		res.once('close', () => open--);
		const entry: RecordedRequest = {
			method,
			path,
			rawUrl,
			query: Object.fromEntries(query),
			body: undefined,
			headers,
			status: 0,
			at: Date.now(),
			inFlight: open,
		};
		requests.push(entry);

		const send = (reply: Reply) => {
			if (closed || res.destroyed) return;
			entry.status = reply.status;
			const extra: Record<string, string> = {
				'x-request-id': `req_${requestIds.hex(32)}`,
				'openai-version': '2020-10-01',
				'openai-processing-ms': String(Math.round(performance.now() - started)),
			};
			if (bucket) {
				extra['x-ratelimit-limit-requests'] = String(bucket.limit.requests);
				extra['x-ratelimit-remaining-requests'] = String(bucket.remaining);
			}
			res.writeHead(reply.status, { ...extra, ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
			res.end(reply.body);
			log(`${method} ${rawUrl} -> ${reply.status}${entry.fault ? ` [${entry.fault}]` : ''}`);
		};
		const drop = () => {
			entry.status = 0;
			log(`${method} ${rawUrl} -> dropped`);
			req.socket.destroy();
		};

		let bodyText: string;
		try {
			bodyText = await readBody(req);
		} catch (err) {
			if (err instanceof ApiError) send(json(err.status, err.toBody()));
			return;
		}
		if (bodyText.length > 0) {
			try {
				entry.body = JSON.parse(bodyText);
			} catch {
				entry.body = bodyText;
			}
		}

		const plan = faults.plan(method, path);
		if (plan.latencyMs > 0) {
			entry.fault = 'latency';
			entry.latencyMs = plan.latencyMs;
			await sleep(plan.latencyMs);
			if (closed) return;
		}
		const failure = plan.failure;
		if (failure) entry.fault = failure.kind;
		const fail = (real?: Reply) => {
			const rule = failure as FaultRule;
			if (rule.kind === 'drop') return drop();
			if (rule.kind === 'bad_page') return send(real ? { ...real, body: spoilPage(rule, real.body) } : json(500, {}));
			if (rule.kind === 'malformed_json') {
				return send({ status: rule.status ?? 200, headers: { 'content-type': 'application/json' }, body: malformedBody(real?.body) });
			}
			if (rule.kind === 'redirect') return send(redirectFaultResponse(rule, path, q >= 0 ? rawUrl.slice(q) : ''));
			send(statusFaultResponse(rule, state.now()));
		};
		if (failure && !failure.afterHandler && failure.kind !== 'bad_page') return fail();

		if (bucket && !bucket.take()) {
			entry.fault = 'rate_limit';
			const wait = bucket.msUntilNext;
			const retryHeaders: Record<string, string> =
				bucket.limit.retryAfterHeaders === false
					? {}
					: { 'retry-after-ms': String(wait), 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) };
			return send(
				json(
					429,
					{
						error: {
							message: `Rate limit reached for requests: limit ${bucket.limit.requests} per ${bucket.limit.windowMs}ms. Please try again in ${wait}ms.`,
							type: 'requests',
							param: null,
							code: 'rate_limit_exceeded',
						},
					},
					retryHeaders,
				),
			);
		}

		// A list that ignores its cursor serves the first page again.
		const served = failure?.kind === 'bad_page' && failure.page === 'repeat' ? withoutCursor(query) : query;
		const reply = underV1
			? dispatch(method, path, served, bodyText, req.headers)
			: json(404, new ApiError(404, `Invalid URL (${method} ${fullPath})`).toBody());
		if (failure) return fail(reply);
		send(reply);
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((err) => {
			if (!res.headersSent && !res.destroyed) {
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: `Sandbox error: ${String(err)}`, type: 'server_error', param: null, code: null } }));
			}
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	const hostForUrl = host.includes(':') ? `[${host}]` : host;

	return {
		baseUrl: `http://${hostForUrl}:${port}/v1`,
		port,
		adminKey,
		state,
		requests,
		addFault: (rule) => faults.add(rule),
		clearFaults: () => faults.clear(),
		setRateLimit: (limit) => {
			bucket = limit ? new TokenBucket(limit) : undefined;
		},
		resetLog: () => {
			requests.length = 0;
		},
		close: () =>
			new Promise<void>((resolve) => {
				if (closed) return resolve();
				closed = true;
				for (const t of timers) clearTimeout(t);
				timers.clear();
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			}),
	};
}
