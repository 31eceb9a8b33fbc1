/**
 * A local, stateful stand-in for https://api.openai.com/v1's Administration API, with fault
 * injection: every operation of the spec, served from an in-memory organization.
 *
 * startSandbox puts the parts together: the seeded state (state.ts, seed.ts), the routes bound by
 * operationId (routes.ts, resources/), the dispatcher that answers as the API does (dispatch.ts), the
 * request pipeline with its faults and rate limit (pipeline.ts) and the HTTP server (server.ts).
 */
import { dispatcher } from './dispatch';
import { FaultEngine } from './faults';
import type { SandboxOptions } from './options';
import { RequestPipeline } from './pipeline';
import { Rng } from './random';
import { compileRoutes, controlRoutes, routes } from './routes';
import { plannedEvents, seedDescription, seedState } from './seed';
import { SandboxServer } from './server';
import { redact, SandboxState } from './state';
import type { FaultRule, RateLimitOption, RecordedRequest } from './types';

export { SandboxState, redact, DEFAULT_EPOCH } from './state';
export type { ApiKeyOverrides, ProjectContents } from './state';
export { routes } from './routes';
export type { Endpoint, Route, RouteContext } from './resources/context';
export { maskKey } from './replies';
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

export function defaultAdminKey(seed: number): string {
	return `sk-admin-${Rng.derive(seed, 0xad317).keyChars(64)}`;
}

/** The organization the options describe, seeded. */
function seededState(options: SandboxOptions, seed: number): SandboxState {
	const description = seedDescription(options);
	const now = options.now ?? (() => Math.floor(Date.now() / 1000));
	const state = new SandboxState({ seed, epoch: options.epoch, now, plannedEvents: plannedEvents(description) });
	seedState(state, description);
	return state;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const seed = options.seed ?? 1;
	const state = seededState(options, seed);
	const adminKey = options.adminKey ?? defaultAdminKey(seed);
	// The sandbox's own admin key is an admin key of the organization like any other: listed
	// (redacted from its real value), and its uses recorded.
	state.rememberSecret(adminKey, state.adminKeyId);
	state.adminKeyRedacted = redact(adminKey);
	const faults = new FaultEngine(Rng.derive(seed, 0xfa017));
	for (const rule of options.faults ?? []) faults.add(rule);

	const server: SandboxServer = new SandboxServer((req, res) => pipeline.handle(req, res));
	const pipeline = new RequestPipeline({
		dispatch: dispatcher(state, adminKey, compileRoutes([...routes, ...controlRoutes])),
		faults,
		rateLimit: options.rateLimit,
		requestIds: Rng.derive(seed, 0x4e9),
		now: state.now,
		sleep: (ms) => server.sleep(ms),
		isClosed: () => server.isClosed,
		log: (line) => {
			if (options.logRequests && !options.quiet) process.stderr.write(line + '\n');
		},
	});

	const host = options.host ?? '127.0.0.1';
	const port = await server.listen(host, options.port ?? 0);
	const hostForUrl = host.includes(':') ? `[${host}]` : host;
	return {
		baseUrl: `http://${hostForUrl}:${port}/v1`,
		port,
		adminKey,
		state,
		requests: pipeline.requests,
		addFault: (rule) => faults.add(rule),
		clearFaults: () => faults.clear(),
		setRateLimit: (limit) => pipeline.setRateLimit(limit),
		resetLog: () => {
			pipeline.requests.length = 0;
		},
		close: () => server.close(),
	};
}
