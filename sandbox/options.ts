/** What startSandbox takes: where to listen, the seed description's entries, the clock, faults and logging. */
import type { SeedDescription } from './seed';
import type { FaultRule, RateLimitOption } from './types';

/** The seed description's entries (sandbox/seed.ts) are options too: `{projects: 250, users: 0}`. */
export interface SandboxOptions extends Partial<SeedDescription> {
	/** Default '127.0.0.1'. */
	host?: string;
	/** Default 0 (random free port). */
	port?: number;
	/** Default 1; same seed => same ids, names, timestamps. */
	seed?: number;
	/** Unix seconds that seeded timestamps lead up to; default 1767225600 (2026-01-01T00:00:00Z). */
	epoch?: number;
	/** Default: deterministic from seed, 'sk-admin-' + 64 chars. */
	adminKey?: string;
	/** Unix-seconds clock for timestamps of objects created through the API; default Date.now based. */
	now?: () => number;
	/** Token bucket over all routes; 429 when exceeded. */
	rateLimit?: RateLimitOption;
	faults?: FaultRule[];
	/** Write one line per request to stderr (the CLI turns this on). Default false. */
	logRequests?: boolean;
	/** Silence all output, including logRequests. */
	quiet?: boolean;
}
