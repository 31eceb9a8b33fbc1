/**
 * npm run sandbox -- [--port 8787] [--host 127.0.0.1] [--seed 1] [--projects 3] [--set name=N]...
 *   [--seed-file seed.json] [--epoch <unix seconds>|now] [--admin-key sk-admin-...]
 *   [--latency MS | MIN-MAX] [--rate-limit N/60s] [--fault key=value,...]... [--quiet]
 *
 * Runs in the foreground; prints the base URL and the admin key; Ctrl-C stops it.
 */
import fs from 'node:fs';
import { startSandbox } from './index';
import { SEED_DEFAULTS, SEED_NAMES, parseSeedSetting, seedDescription, type SeedDescription, type SeedName } from './seed';
import type { SandboxOptions } from './options';
import type { FaultRule, RateLimitOption } from './types';

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** `--users-per-project N` and the like: one flag per entry of the seed description. */
const SEED_FLAGS = new Map<string, SeedName>(SEED_NAMES.map((name) => [`--${kebab(name)}`, name]));

const USAGE = `Usage: npm run sandbox -- [options]
  --port N                       listen port (default 8787; 0 = random)
  --host H                       listen address (default 127.0.0.1)
  --seed N                       data seed (default 1)
  --projects N                   seeded projects besides the Default project (default 3)
  --set NAME=VALUE               repeatable; one entry of the seed description, e.g. --set users=20
  --seed-file PATH               a JSON seed description, e.g. {"projects": 250, "keysPerProject": 5};
                                 flags after it override its entries
  --epoch SECONDS|now            seeded timestamps lead up to this time (default 2026-01-01)
  --admin-key KEY                use this admin key instead of the seeded one
  --latency MS|MIN-MAX           delay every request
  --rate-limit N/WINDOW          token bucket over all routes, e.g. 60/60s, 5/1s, 100/500ms
  --fault SPEC                   repeatable; comma-separated key=value pairs:
                                   kind=status|latency|drop|malformed_json|bad_page|redirect  status=503
                                   method=GET  path=/organization/projects  path~=REGEX
                                   skip=N  times=N  probability=0.1  latency=MS|MIN-MAX
                                   retry-after=SECONDS  retry-after-ms=MS  retry-after-date=true
                                   after-handler=true  page=empty|no_cursor|repeat (bad_page)
                                   location=URL (redirect)
                                 e.g. --fault kind=status,status=429,retry-after=2,probability=0.2
                                      --fault location=http://127.0.0.1:9999/v1,status=301
  --log / --quiet                print one line per request (default on) / print nothing but the banner

Seed description entries (also accepted as --kebab-name N):
${SEED_NAMES.map((name) => `  ${name.padEnd(30)} default ${String(SEED_DEFAULTS[name])}`).join('\n')}
`;

/** The entries a JSON seed description gives (a partial one keeps the other entries as they are). */
export function readSeedFile(file: string): Partial<SeedDescription> {
	const given = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
	const unknown = Object.keys(given).filter((name) => !SEED_NAMES.includes(name as SeedName));
	if (unknown.length > 0) throw new Error(`${file}: unknown seed entries ${unknown.join(', ')} (known: ${SEED_NAMES.join(', ')})`);
	seedDescription(given); // throws for a value of the wrong kind
	return given as Partial<SeedDescription>;
}

export function parseDuration(text: string): number {
	const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
	if (!m) throw new Error(`bad duration '${text}' (use e.g. 500ms, 60s, 1m)`);
	const n = Number(m[1]);
	const unit = m[2] ?? 's';
	return n * { ms: 1, s: 1000, m: 60000, h: 3600000 }[unit as 'ms' | 's' | 'm' | 'h'];
}

export function parseRateLimit(text: string): RateLimitOption {
	const m = /^(\d+)\/(.+)$/.exec(text.trim());
	if (!m) throw new Error(`bad --rate-limit '${text}' (use N/WINDOW, e.g. 60/60s)`);
	return { requests: Number(m[1]), windowMs: parseDuration(m[2]) };
}

function parseLatency(text: string): number | [number, number] {
	const range = /^(\d+)-(\d+)$/.exec(text);
	if (range) return [Number(range[1]), Number(range[2])];
	if (!/^\d+$/.test(text)) throw new Error(`bad latency '${text}' (use MS or MIN-MAX)`);
	return Number(text);
}

/** The kind a --fault key makes the rule when no kind= came before it. */
const IMPLIED_KIND: Record<string, FaultRule['kind'] | undefined> = { status: 'status', latency: 'latency', page: 'bad_page' };

export function parseFault(spec: string): FaultRule {
	const rule: Partial<FaultRule> = {};
	const retry: NonNullable<FaultRule['retryAfter']> = {};
	let kindGiven = false;
	for (const pair of spec.split(',')) {
		const eq = pair.indexOf('=');
		if (eq < 0) throw new Error(`bad --fault part '${pair}' (expected key=value)`);
		const key = pair.slice(0, eq).trim();
		const value = pair.slice(eq + 1).trim();
		switch (key) {
			case 'kind':
				rule.kind = value as FaultRule['kind'];
				kindGiven = true;
				break;
			case 'status':
				rule.status = Number(value);
				break;
			// Keys named as the rule's fields: a text, or a number.
			case 'location':
			case 'path':
				rule[key] = value;
				break;
			case 'skip':
			case 'times':
			case 'probability':
				rule[key] = Number(value);
				break;
			case 'method':
				rule.method = value.toUpperCase();
				break;
			case 'path~':
				rule.path = new RegExp(value);
				break;
			case 'latency':
				rule.latencyMs = parseLatency(value);
				break;
			case 'retry-after':
				retry.seconds = Number(value);
				break;
			case 'retry-after-ms':
				retry.ms = Number(value);
				break;
			case 'retry-after-date':
				retry.httpDate = value === 'true';
				break;
			case 'page':
				rule.page = value as FaultRule['page'];
				break;
			case 'after-handler':
				rule.afterHandler = value === 'true';
				break;
			default:
				throw new Error(`unknown --fault key '${key}'`);
		}
		if (!rule.kind && IMPLIED_KIND[key]) rule.kind = IMPLIED_KIND[key];
	}
	if (Object.keys(retry).length > 0) rule.retryAfter = retry;
	// Without kind=, a location makes the rule a redirect, whatever status it gives.
	if (rule.location !== undefined && !kindGiven) rule.kind = 'redirect';
	if (!rule.kind) throw new Error(`--fault '${spec}' needs kind=...`);
	return rule as FaultRule;
}

export function parseArgs(argv: string[]): SandboxOptions {
	const options: SandboxOptions = { port: 8787, logRequests: true, faults: [] };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] = arg.includes('=') && arg.startsWith('--') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		const value = () => {
			const v = inline ?? argv[++i];
			if (v === undefined) throw new Error(`${flag} needs a value`);
			return v;
		};
		const seedEntry = SEED_FLAGS.get(flag);
		if (flag === '--port' || flag === '--seed' || (seedEntry && typeof SEED_DEFAULTS[seedEntry] === 'number')) {
			const v = value();
			if (!/^\d+$/.test(v)) throw new Error(`${flag} expects a non-negative integer, got '${v}'`);
			(options as Record<string, unknown>)[seedEntry ?? flag.slice(2)] = Number(v);
		} else if (seedEntry) Object.assign(options, parseSeedSetting(`${seedEntry}=${value()}`));
		else if (flag === '--set') Object.assign(options, parseSeedSetting(value()));
		else if (flag === '--seed-file') Object.assign(options, readSeedFile(value()));
		else if (flag === '--host') options.host = value();
		else if (flag === '--epoch') {
			const v = value();
			options.epoch = v === 'now' ? Math.floor(Date.now() / 1000) : Number(v);
		} else if (flag === '--admin-key') options.adminKey = value();
		else if (flag === '--latency') options.faults!.push({ kind: 'latency', latencyMs: parseLatency(value()) });
		else if (flag === '--rate-limit') options.rateLimit = parseRateLimit(value());
		else if (flag === '--fault') options.faults!.push(parseFault(value()));
		else if (flag === '--quiet') options.quiet = true;
		else if (flag === '--log') options.logRequests = true;
		else if (flag === '--help' || flag === '-h') {
			process.stdout.write(USAGE);
			process.exit(0);
		} else throw new Error(`unknown option '${arg}'`);
	}
	return options;
}

async function main(): Promise<void> {
	let options: SandboxOptions;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (err) {
		process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
		process.exit(2);
	}
	const sandbox = await startSandbox(options);
	const projects = sandbox.state.projects.length;
	const users = sandbox.state.organizationUsers.length;
	process.stdout.write(
		[
			'OpenAI Admin API sandbox',
			`  base URL:  ${sandbox.baseUrl}`,
			`  admin key: ${sandbox.adminKey}`,
			`  seed ${options.seed ?? 1}: ${projects} projects (incl. Default project), ${users} organization users`,
			'  Ctrl-C to stop',
			'',
		].join('\n'),
	);
	const stop = () => {
		sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((err) => {
		process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
		process.exit(1);
	});
}
