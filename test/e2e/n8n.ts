/**
 * Runner for end-to-end tests against a real n8n (1.x on Node 20, 2.x on Node 24).
 *
 * Nothing here depends on the repo's npm dependencies: only Node's standard library. n8n itself is
 * installed by scripts/e2e/install-n8n.sh into a cache folder outside the repo (see NOTES.md).
 *
 * Typical use:
 *   const install = await installN8n(1);
 *   const home = createN8nHome(install);
 *   await loadCommunityPackage(home, '/path/to/built/package');
 *   await importCredentials(home, [{ id, name, type, data }]);
 *   const id = await importWorkflow(home, workflowJson);
 *   const run = await executeWorkflow(home, id);
 *   nodeOutput(run, 'Some Node') // => [{...json}, ...]
 *   removeN8nHome(home);
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export type N8nLine = 1 | 2;

/** What scripts/e2e/install-n8n.sh printed as its last line. */
export interface N8nInstall {
	line: N8nLine;
	/** n8n version, e.g. "1.123.81". */
	version: string;
	/** Install folder (holds node_modules/n8n). */
	dir: string;
	/** n8n's CLI entry (a JS file, run with nodeBin). */
	n8nBin: string;
	/** The Node binary n8n runs on. */
	nodeBin: string;
	/** Folder to put first on PATH for n8n's own child processes ("" for the machine's node). */
	pathPrepend: string;
}

/** An isolated n8n instance: its own user folder, database and encryption key. */
export interface N8nHome {
	install: N8nInstall;
	/** Temp dir owning everything below; removeN8nHome() deletes it. */
	root: string;
	/** N8N_USER_FOLDER: n8n keeps its files in `${userFolder}/.n8n`. */
	userFolder: string;
	/** Full environment for every n8n process of this home (already includes process.env). */
	env: NodeJS.ProcessEnv;
}

export interface CommandResult {
	/** The exit code, or null when the process was ended by a signal. */
	code: number | null;
	/** The signal that ended the process (e.g. 'SIGSEGV'), or null when it exited by itself. */
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	durationMs: number;
}

export interface N8nServer extends N8nProcess {
	baseUrl: string;
	port: number;
}

/** n8n's run data (IRun) as printed by `n8n execute --rawOutput`. Only the parts we use are typed. */
export interface N8nRun {
	status?: string;
	finished?: boolean;
	mode?: string;
	/** Set (an ISO date) while the run waits at a Wait node to be resumed. */
	waitTill?: string;
	data: {
		resultData: {
			runData: Record<string, Array<N8nTaskData>>;
			lastNodeExecuted?: string;
			error?: unknown;
		};
	};
}

export interface N8nTaskData {
	executionStatus?: string;
	error?: unknown;
	data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const INSTALL_SCRIPT = path.join(REPO_ROOT, 'scripts', 'e2e', 'install-n8n.sh');

const log = (msg: string) => {
	if (process.env.N8N_E2E_QUIET !== '1') process.stderr.write(`[e2e] ${msg}\n`);
};

/** Environment of the calling process, without what must not reach n8n or npm children. */
function baseEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const key of Object.keys(env)) {
		// `npm run` exports the repo's npm config (ignore_scripts, local_prefix, ...); jest sets
		// NODE_ENV=test, which makes n8n refuse to load nodes ("Not available in tests").
		// Where npm keeps its cache and finds its registry and certificates does pass through.
		if (/^npm_config_(cache|userconfig|globalconfig|cafile|registry)$/.test(key)) continue;
		if (
			key.startsWith('npm_') ||
			key.startsWith('JEST_') ||
			key === 'NODE_ENV' ||
			key === 'NODE_OPTIONS' ||
			key === 'TS_NODE_PROJECT' ||
			(key.startsWith('N8N_') && !key.startsWith('N8N_E2E_')) ||
			key.startsWith('DB_')
		) {
			delete env[key];
		}
	}
	return env;
}

/**
 * Install (or find in the cache) the pinned n8n of a line. Runs scripts/e2e/install-n8n.sh, whose
 * progress goes to this process's stderr. A warm cache answers in well under a second.
 */
export async function installN8n(line: N8nLine): Promise<N8nInstall> {
	const started = Date.now();
	const result = await runProcess('bash', [INSTALL_SCRIPT, String(line)], {
		env: baseEnv(),
		cwd: REPO_ROOT,
		stderrTo: process.stderr,
		timeoutMs: 30 * 60_000,
	});
	if (result.code !== 0) {
		throw new Error(`install-n8n.sh ${line} failed (${describeExit(result)}):\n${result.stderr.slice(-4000)}`);
	}
	const lastLine = result.stdout.trim().split('\n').pop() ?? '';
	const install = JSON.parse(lastLine) as N8nInstall;
	log(`n8n line ${line}: ${install.version} ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
	return install;
}

/** The lines to test: `N8N_E2E_LINES` = "1", "2" or "1,2" (the default). */
export const E2E_LINES: N8nLine[] = (process.env.N8N_E2E_LINES ?? '1,2')
	.split(',')
	.map((s) => Number(s.trim()))
	.filter((n): n is N8nLine => n === 1 || n === 2);

/** Starts installing every line to test at once; each resolves from the cache after its first install. */
export function installLines(lines: N8nLine[] = E2E_LINES): Map<N8nLine, Promise<N8nInstall>> {
	return new Map(lines.map((line) => [line, installN8n(line)]));
}

/**
 * A fresh, isolated n8n home in a temp dir: own N8N_USER_FOLDER (SQLite database, config, nodes
 * folder), own encryption key, telemetry and version checks off. On line 1 the legacy expression
 * engine is used and task runners are off (isolated-vm is not built on Node 20). `env` is laid over
 * all that, e.g. a PostgreSQL database and queue mode shared by several homes (see queue.ts).
 */
export function createN8nHome(
	install: N8nInstall,
	options: { encryptionKey?: string; env?: NodeJS.ProcessEnv; label?: string } = {},
): N8nHome {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${install.line}-${options.label ? `${options.label}-` : ''}`));
	const userFolder = path.join(root, 'user');
	fs.mkdirSync(userFolder, { recursive: true });
	const env = baseEnv();
	if (install.pathPrepend) env.PATH = `${install.pathPrepend}${path.delimiter}${env.PATH ?? ''}`;
	Object.assign(env, {
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: options.encryptionKey ?? randomBytes(24).toString('hex'),
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		DB_TYPE: 'sqlite',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
	});
	if (install.line === 1) {
		env.N8N_EXPRESSION_ENGINE = 'legacy';
		env.N8N_RUNNERS_ENABLED = 'false';
	}
	Object.assign(env, options.env);
	return { install, root, userFolder, env };
}

/** Delete a home's temp dir (set N8N_E2E_KEEP=1 to keep it for debugging). */
export function removeN8nHome(home: N8nHome): void {
	if (process.env.N8N_E2E_KEEP === '1') {
		log(`keeping n8n home ${home.root}`);
		return;
	}
	fs.rmSync(home.root, { recursive: true, force: true });
}

/** Run an n8n CLI command (e.g. ['import:workflow', '--input=x.json']) in a home. */
export async function runN8n(
	home: N8nHome,
	args: string[],
	options: { timeoutMs?: number; allowFailure?: boolean } = {},
): Promise<CommandResult> {
	// Line 2 starts a task broker (for the Code node's task runner) in every command, on port 5679 by
	// default: two n8n commands at once, in any homes, then fail with "n8n Task Broker's port 5679 is
	// already in use". Each command gets its own free port.
	let result: CommandResult;
	for (let attempt = 1; ; attempt++) {
		const env = { ...home.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		result = await runProcess(home.install.nodeBin, [home.install.n8nBin, ...args], {
			env,
			cwd: home.root,
			timeoutMs: options.timeoutMs ?? 3 * 60_000,
		});
		// The broker binds while the command starts, before it does anything: safe to run it again.
		if (result.code === 0 || attempt === PORT_ATTEMPTS || !PORT_IN_USE.test(result.stdout + result.stderr)) break;
		log(`n8n ${args.join(' ')}: a port was taken by another process, trying again with other ports`);
	}
	log(`n8n ${args.join(' ')} -> ${describeExit(result)} in ${(result.durationMs / 1000).toFixed(1)}s`);
	if (result.code !== 0 && !options.allowFailure) {
		throw new Error(
			`n8n ${args.join(' ')} failed (${describeExit(result)})\n--- stdout ---\n${tail(result.stdout)}\n--- stderr ---\n${tail(result.stderr)}`,
		);
	}
	return result;
}

/**
 * Install a built community node package into the home the way n8n itself installs one from the
 * registry (Settings > Community nodes): `npm pack`, unpack into
 * `<userFolder>/.n8n/nodes/node_modules/<name>`, drop dev/peer/optional dependencies from its
 * package.json, `npm install` its runtime dependencies with n8n's own flags, record it in
 * `<userFolder>/.n8n/nodes/package.json`. n8n loads it on the next command, with node types named
 * `<package name>.<node name>`, and resolves its `require('n8n-workflow')` to n8n's own copy.
 *
 * `method: 'custom-extensions'` instead points N8N_CUSTOM_EXTENSIONS at the unpacked package; n8n
 * then names its node types `CUSTOM.<node name>`.
 */
export async function loadCommunityPackage(
	home: N8nHome,
	packageDir: string,
	options: { method?: 'nodes-folder' | 'custom-extensions' } = {},
): Promise<{ name: string; version: string; dir: string; nodeTypePrefix: string }> {
	const method = options.method ?? 'nodes-folder';
	const npmEnv = { ...baseEnv(), PATH: home.env.PATH };
	const packDir = fs.mkdtempSync(path.join(home.root, 'pack-'));
	const pack = await runProcess('npm', ['pack', path.resolve(packageDir), '--pack-destination', packDir, '--json', '--ignore-scripts'], {
		env: npmEnv,
		cwd: packDir,
		timeoutMs: 2 * 60_000,
	});
	if (pack.code !== 0) throw new Error(`npm pack ${packageDir} failed:\n${tail(pack.stderr)}`);
	const packed = JSON.parse(pack.stdout) as Array<{ name: string; version: string; filename: string }>;
	const { name, version, filename } = packed[0];

	const nodesDir = path.join(home.userFolder, '.n8n', 'nodes');
	const dir =
		method === 'nodes-folder'
			? path.join(nodesDir, 'node_modules', ...name.split('/'))
			: path.join(home.root, 'custom-extensions', name.replace('/', '__'));
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const tar = spawnSync('tar', ['-xzf', path.join(packDir, filename), '-C', dir, '--strip-components=1']);
	if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr.toString()}`);
	fs.rmSync(packDir, { recursive: true, force: true });

	const pkgPath = path.join(dir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(
		fs.readFileSync(pkgPath, 'utf8'),
	) as Record<string, unknown>;
	void devDependencies;
	void peerDependencies;
	void optionalDependencies;
	fs.writeFileSync(pkgPath, JSON.stringify(pkg, null, 2));
	if (pkg.dependencies && Object.keys(pkg.dependencies as object).length > 0) {
		const install = await runProcess(
			'npm',
			['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
			{ env: npmEnv, cwd: dir, timeoutMs: 5 * 60_000 },
		);
		if (install.code !== 0) throw new Error(`npm install in ${dir} failed:\n${tail(install.stderr)}`);
	}

	if (method === 'nodes-folder') {
		const nodesPkgPath = path.join(nodesDir, 'package.json');
		const nodesPkg = fs.existsSync(nodesPkgPath)
			? (JSON.parse(fs.readFileSync(nodesPkgPath, 'utf8')) as { dependencies?: Record<string, string> })
			: { name: 'installed-nodes', private: true, dependencies: {} as Record<string, string> };
		nodesPkg.dependencies = { ...(nodesPkg.dependencies ?? {}), [name]: version };
		fs.writeFileSync(nodesPkgPath, JSON.stringify(nodesPkg, null, 2));
		return { name, version, dir, nodeTypePrefix: name };
	}
	const existing = home.env.N8N_CUSTOM_EXTENSIONS ? home.env.N8N_CUSTOM_EXTENSIONS.split(';') : [];
	home.env.N8N_CUSTOM_EXTENSIONS = [...existing, dir].join(';');
	return { name, version, dir, nodeTypePrefix: 'CUSTOM' };
}

/**
 * `npm run build` in the repo, so that loadCommunityPackage packs what the sources say now (a few
 * seconds). N8N_E2E_SKIP_BUILD=1 packs the existing dist/ instead.
 */
export async function buildPackage(): Promise<void> {
	if (process.env.N8N_E2E_SKIP_BUILD !== '1') {
		const result = await runProcess('npm', ['run', 'build'], { env: process.env, cwd: REPO_ROOT, timeoutMs: 5 * 60_000 });
		if (result.code !== 0) throw new Error(`npm run build failed (${describeExit(result)}):\n${result.stdout}\n${result.stderr}`);
	}
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes', 'OpenAiAdmin', 'OpenAiAdmin.node.js'))) {
		throw new Error('dist/ has no built node: run npm run build');
	}
}

/** A credential as `n8n import:credentials` takes it; `data` in plain text (n8n encrypts it). */
export interface CredentialInput {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** Import credentials (one or many) with `n8n import:credentials`. */
export async function importCredentials(home: N8nHome, credentials: CredentialInput | CredentialInput[]): Promise<void> {
	const list = Array.isArray(credentials) ? credentials : [credentials];
	const file = writeTemp(home, 'credentials', list);
	await runN8n(home, ['import:credentials', `--input=${file}`]);
}

/** n8n workflow ids are 16 alphanumeric characters. */
export function newWorkflowId(): string {
	const alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
	return Array.from(randomBytes(16), (b) => alphabet[b % alphabet.length]).join('');
}

/**
 * Import one workflow (an object as exported by n8n) with `n8n import:workflow`; returns its id.
 * A missing id is generated, since the import does not report the id it assigns.
 */
export async function importWorkflow(home: N8nHome, workflow: Record<string, unknown>): Promise<string> {
	return (await importWorkflows(home, [workflow]))[0];
}

/** Import several workflows with one `n8n import:workflow` call (faster); returns their ids in order. */
export async function importWorkflows(home: N8nHome, workflows: Array<Record<string, unknown>>): Promise<string[]> {
	const list = workflows.map((workflow) => ({
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		...workflow,
		id: typeof workflow.id === 'string' && workflow.id ? workflow.id : newWorkflowId(),
	}));
	const file = writeTemp(home, 'workflows', list);
	await runN8n(home, ['import:workflow', `--input=${file}`]);
	return list.map((w) => w.id);
}

/**
 * Run a workflow once with `n8n execute --id <id> --rawOutput` (its first trigger-less start node,
 * usually a Manual Trigger) and return the run data. Throws with n8n's output if it failed.
 *
 * `until: 'waiting'` is for a workflow whose Wait node waits 65 s or more: n8n then stores the
 * execution as `waiting` (with its `waitTill`), `execute` prints the run so far and exits, and an
 * `n8n start` of the same home resumes it when the time comes (its wait tracker reads the database).
 * The run must then be a waiting one, with no error.
 */
export async function executeWorkflow(home: N8nHome, id: string, options: { until?: 'finished' | 'waiting' } = {}): Promise<N8nRun> {
	const until = options.until ?? 'finished';
	const result = await runN8n(home, ['execute', `--id=${id}`, '--rawOutput'], { allowFailure: true });
	const run = parseRunJson(result.stdout);
	const succeeded = run !== undefined && (until === 'waiting' ? isWaitingWithoutError(run) : isCompleteSuccess(run));
	if (succeeded && isIsolateTeardownCrash(home.install, result)) {
		log(`workflow ${id}: n8n printed a ${until === 'waiting' ? 'waiting' : 'complete, successful'} run, then was ${describeExit(result)} at exit (see isIsolateTeardownCrash)`);
		return run;
	}
	if (result.code !== 0 || !succeeded) {
		throw new N8nExecutionError(
			`workflow ${id} failed (${describeExit(result)})\n--- stdout ---\n${tail(result.stdout, 8000)}\n--- stderr ---\n${tail(result.stderr)}`,
			result,
			run,
		);
	}
	return run;
}

/** A run that finished, says success and carries no error: nothing about it failed. */
function isCompleteSuccess(run: N8nRun): boolean {
	return run.status === 'success' && run.finished === true && !run.data?.resultData?.error;
}

/** A run that stopped at a Wait node to be resumed later (`waitTill` set), with nothing failed so far. */
function isWaitingWithoutError(run: N8nRun): boolean {
	return run.status === 'waiting' && typeof run.waitTill === 'string' && !run.data?.resultData?.error;
}

/**
 * n8n 2.x's `execute` can die by a signal after it has printed the finished run. The cause is in
 * n8n, not in the workflow: each run takes an isolate from the vm expression engine's pool (an
 * isolated-vm isolate) and gives it back at its end, which disposes it and starts building a
 * replacement on isolated-vm's threads. `execute` then prints the run and calls process.exit()
 * (its `finally`) without disposing the pool, unlike its own `exitSuccessFully`. When the
 * replacement is still being built, the exit handlers tear V8 down under it: seen here as SIGSEGV
 * (core dump: the main thread in `ivm::thread_pool_t::~thread_pool_t` from `__run_exit_handlers`,
 * another thread in V8 evaluating the runtime bundle), and SIGABRT from the same race in a
 * reduction outside n8n. It is a race, so it shows up on a busy machine (test/e2e/NOTES.md).
 *
 * Only that crash is accepted, and only when nothing else can have gone wrong: line 2 (the only
 * line that runs the vm engine), one of those two signals, and a complete, successful run printed
 * before it (the caller checks). A node error, a failed run, a crash before or while the run was
 * printed, or any other exit still fails the test.
 */
export function isIsolateTeardownCrash(install: Pick<N8nInstall, 'line'>, result: Pick<CommandResult, 'code' | 'signal'>): boolean {
	return install.line === 2 && result.code === null && (result.signal === 'SIGSEGV' || result.signal === 'SIGABRT');
}

/** Thrown by executeWorkflow: carries n8n's output and, when n8n printed one, the run data. */
export class N8nExecutionError extends Error {
	constructor(
		message: string,
		readonly result: CommandResult,
		readonly run?: N8nRun,
	) {
		super(message);
		this.name = 'N8nExecutionError';
	}
}

/** The JSON items a node output on its first run (output 0 unless given). */
export function nodeOutput(run: N8nRun, nodeName: string, outputIndex = 0): Array<Record<string, unknown>> {
	const task = run.data.resultData.runData[nodeName]?.[0];
	if (!task) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(run.data.resultData.runData).join(', ')}`);
	return (task.data?.main?.[outputIndex] ?? []).map((item) => item.json);
}

/**
 * Make a workflow active for the next `n8n start` (production webhooks and form URLs get
 * registered on start). Line 1: `n8n update:workflow --id … --active=true`. Line 2 replaced
 * activation with publishing: `n8n publish:workflow --id …`. Both only edit the database: run them
 * while no server of this home is running.
 */
export async function activateWorkflow(home: N8nHome, id: string): Promise<void> {
	if (home.install.line === 1) {
		await runN8n(home, ['update:workflow', `--id=${id}`, '--active=true']);
	} else {
		await runN8n(home, ['publish:workflow', `--id=${id}`]);
	}
}

/** What n8n logs when a port it was told to listen on is taken (its server, its task broker). */
const PORT_IN_USE = /port \d+ is already in use/;
const PORT_ATTEMPTS = 3;

/** The kernel's range of ports for outgoing connections and listen(0) (Linux's default otherwise). */
function ephemeralPortRange(): [number, number] {
	try {
		const [low, high] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
		if (low > 0 && high >= low) return [low, high];
	} catch {
		/* not Linux: use the default */
	}
	return [32768, 60999];
}

function canListen(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/**
 * A loopback port for a process that will listen on it a few seconds later. Not listen(0): that
 * hands out a port from the ephemeral range, which the kernel may give to any outgoing connection
 * (npm, fetch, n8n's own) before the server binds. A random free port below that range can only be
 * taken by another explicit listener; for that rarer case the callers retry with new ports.
 */
export async function freePort(): Promise<number> {
	const [ephemeralLow] = ephemeralPortRange();
	const low = 10_000;
	const high = Math.max(low + 1000, ephemeralLow);
	for (let tries = 0; tries < 50; tries++) {
		const port = low + (randomBytes(4).readUInt32BE(0) % (high - low));
		if (await canListen(port)) return port;
	}
	throw new Error(`no free loopback port found between ${low} and ${high}`);
}

/**
 * Start `n8n start` for a home on a free loopback port and wait until it is ready: the editor URL is
 * printed only after active workflows are activated, so their webhooks are then registered.
 */
export async function startN8n(home: N8nHome, options: { timeoutMs?: number } = {}): Promise<N8nServer> {
	return await retryOnTakenPort('n8n start', async () => {
		const port = await freePort();
		const baseUrl = `http://127.0.0.1:${port}`;
		const child = await spawnN8n(home, ['start'], {
			env: { N8N_PORT: String(port), N8N_EDITOR_BASE_URL: `${baseUrl}/`, WEBHOOK_URL: `${baseUrl}/` },
			ready: /Editor is now accessible via/,
			timeoutMs: options.timeoutMs,
		});
		log(`n8n start ready on ${baseUrl} in ${(child.readyAfterMs / 1000).toFixed(1)}s`);
		return { ...child, baseUrl, port };
	});
}

/** A long-running n8n process (`n8n start`, `n8n worker`) the test started. */
export interface N8nProcess {
	process: ChildProcess;
	/** Everything the process printed so far (stdout and stderr interleaved). */
	output(): string;
	/** SIGTERM (n8n's graceful shutdown) to the process group, SIGKILL after `killAfterMs` (15 s). */
	stop(options?: { killAfterMs?: number }): Promise<void>;
	/** Resolves when the process has exited, however it ended. */
	exited: Promise<void>;
}

/**
 * Start `n8n worker --concurrency=<n>` (queue mode: the home's env must say EXECUTIONS_MODE=queue,
 * the shared database and Redis) and wait until it takes jobs from the queue.
 */
export async function startWorker(
	home: N8nHome,
	options: { concurrency: number; timeoutMs?: number },
): Promise<N8nProcess> {
	return await retryOnTakenPort('n8n worker', async () => {
		const worker = await spawnN8n(home, ['worker', `--concurrency=${options.concurrency}`], {
			ready: /n8n worker is now ready/,
			timeoutMs: options.timeoutMs,
		});
		log(`n8n worker (${home.root}) ready in ${(worker.readyAfterMs / 1000).toFixed(1)}s`);
		return worker;
	});
}

/** n8n exited before it was ready because a port it was given was taken meanwhile. */
class PortTakenError extends Error {}

async function retryOnTakenPort<T>(what: string, start: () => Promise<T>): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await start();
		} catch (error) {
			if (attempt === PORT_ATTEMPTS || !(error instanceof PortTakenError)) throw error;
			log(`${what}: a port was taken by another process, trying again with other ports`);
		}
	}
}

/**
 * Spawn a long-running n8n command in its own process group (so stop() reaches its task runner
 * too) with its own task broker port, and wait for the line that says it is ready.
 */
async function spawnN8n(
	home: N8nHome,
	args: string[],
	options: { env?: NodeJS.ProcessEnv; ready: RegExp; timeoutMs?: number },
): Promise<N8nProcess & { readyAfterMs: number }> {
	const env: NodeJS.ProcessEnv = { ...home.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...options.env };
	const started = Date.now();
	const child = spawn(home.install.nodeBin, [home.install.n8nBin, ...args], {
		env,
		cwd: home.root,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let out = '';
	// Also on disk, for reading after a failure with N8N_E2E_KEEP=1.
	const logFile = fs.createWriteStream(path.join(home.root, `${args[0]}.log`), { flags: 'a' });
	const collect = (d: Buffer) => {
		out += d.toString();
		logFile.write(d);
	};
	child.stdout!.on('data', collect);
	child.stderr!.on('data', collect);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.once('close', () => logFile.end());
	const hasExited = () => child.exitCode !== null || child.signalCode !== null;
	const signalGroup = (signal: NodeJS.Signals) => {
		try {
			process.kill(-child.pid!, signal);
		} catch {
			/* already gone */
		}
	};

	const stop = async ({ killAfterMs = 15_000 }: { killAfterMs?: number } = {}) => {
		if (hasExited()) return;
		signalGroup('SIGTERM');
		const timer = setTimeout(() => signalGroup('SIGKILL'), killAfterMs);
		await exited;
		clearTimeout(timer);
	};

	const timeoutMs = options.timeoutMs ?? 3 * 60_000;
	while (!options.ready.test(out)) {
		if (hasExited()) {
			const ErrorType = PORT_IN_USE.test(out) ? PortTakenError : Error;
			throw new ErrorType(`n8n ${args.join(' ')} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail(out)}`);
		}
		if (Date.now() - started > timeoutMs) {
			await stop();
			throw new Error(`n8n ${args.join(' ')} not ready after ${timeoutMs} ms:\n${tail(out)}`);
		}
		await sleep(200);
	}
	return { process: child, output: () => out, stop, exited, readyAfterMs: Date.now() - started };
}

/** Start n8n, run fn against it, always stop it. */
export async function withN8nServer<T>(home: N8nHome, fn: (server: N8nServer) => Promise<T>): Promise<T> {
	const server = await startN8n(home);
	try {
		return await fn(server);
	} catch (error) {
		(error as Error).message += `\n--- n8n start output ---\n${tail(server.output())}`;
		throw error;
	} finally {
		await server.stop();
	}
}

/** The instance owner's account, as created by setupOwner. */
export interface N8nOwner {
	email: string;
	password: string;
	/** Value of the `n8n-auth` cookie n8n issued for the owner: a browser sending it is logged in. */
	authCookie: string;
}

/**
 * Create the instance owner through n8n's REST set-up (`POST /rest/owner/setup`, the call the
 * editor's set-up page makes; same body on both lines), which also logs the caller in. No
 * `browser-id` header is sent, so the cookie is not tied to one browser (n8n checks that only for
 * cookies issued with one) and can be handed to any browser context.
 */
export async function setupOwner(server: N8nServer, owner: Partial<Omit<N8nOwner, 'authCookie'>> = {}): Promise<N8nOwner> {
	const email = owner.email ?? 'owner@example.com';
	// n8n's password rule: 8+ characters with a digit and a capital letter.
	const password = owner.password ?? 'E2e-owner-password-1';
	const res = await fetch(`${server.baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password, firstName: 'Test', lastName: 'Owner' }),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`POST /rest/owner/setup answered ${res.status}: ${text}`);
	const authCookie = res.headers
		.getSetCookie()
		.map((cookie) => /^n8n-auth=([^;]*)/.exec(cookie)?.[1])
		.find(Boolean);
	if (!authCookie) throw new Error(`POST /rest/owner/setup set no n8n-auth cookie (headers: ${JSON.stringify([...res.headers])})`);
	log(`owner ${email} set up on ${server.baseUrl}`);
	return { email, password, authCookie };
}

export type WebhookKind = 'webhook' | 'form';

/**
 * Wait until a production webhook or form path is registered on a running server for `method`
 * (default POST). On line 2, published workflows are activated asynchronously (the workflow
 * publication service) a moment after the server says it is ready, so a request sent at once may
 * get 404 "not registered".
 * Probe: a CORS preflight, `OPTIONS /<kind>/<path>` with an Origin header. n8n then looks the path
 * up: 204 with `Access-Control-Allow-Methods: OPTIONS, <registered methods>` once registered, an
 * error (500) before. Without an Origin header OPTIONS answers 204 for any path, so it is useless.
 * Nothing is executed by the probe.
 */
export async function waitForWebhook(
	server: N8nServer,
	webhookPath: string,
	options: { kind?: WebhookKind; method?: string; timeoutMs?: number } = {},
): Promise<void> {
	const url = `${server.baseUrl}/${options.kind ?? 'webhook'}/${webhookPath.replace(/^\//, '')}`;
	const method = (options.method ?? 'POST').toUpperCase();
	const started = Date.now();
	const deadline = started + (options.timeoutMs ?? 60_000);
	for (;;) {
		const res = await fetch(url, {
			method: 'OPTIONS',
			headers: { origin: server.baseUrl, 'access-control-request-method': method },
		});
		await res.arrayBuffer();
		const allowed = (res.headers.get('access-control-allow-methods') ?? '').split(/,\s*/);
		if (res.ok && allowed.includes(method)) break;
		if (Date.now() > deadline) {
			throw new Error(`${method} ${url} still not registered after ${options.timeoutMs ?? 60000} ms (last: ${res.status})`);
		}
		await sleep(250);
	}
	log(`${method} ${url} registered after ${Date.now() - started} ms`);
}

export interface HttpResult {
	status: number;
	headers: Headers;
	body: unknown;
	text: string;
}

async function readResponse(res: Response): Promise<HttpResult> {
	const text = await res.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		/* not JSON */
	}
	return { status: res.status, headers: res.headers, body, text };
}

/**
 * Call a production webhook (`/webhook/<path>`) of a running server, after waiting for it to be
 * registered. The body is sent as JSON; the response body is parsed as JSON when it is JSON.
 */
export async function callWebhook(
	server: N8nServer,
	webhookPath: string,
	body?: unknown,
	options: { method?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
	const p = webhookPath.replace(/^\//, '');
	await waitForWebhook(server, p, { method: options.method ?? 'POST' });
	const res = await fetch(`${server.baseUrl}/webhook/${p}`, {
		method: options.method ?? 'POST',
		headers: { 'content-type': 'application/json', ...(options.headers ?? {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return await readResponse(res);
}

/** GET a production form (`/form/<path>`): the HTML page n8n renders for a Form Trigger. */
export async function openForm(server: N8nServer, formPath: string): Promise<HttpResult> {
	const p = formPath.replace(/^\//, '');
	await waitForWebhook(server, p, { kind: 'form', method: 'GET' });
	return await readResponse(await fetch(`${server.baseUrl}/form/${p}`));
}

/**
 * Submit a production form (`POST /form/<path>`) as the browser does: multipart/form-data with the
 * fields named `field-0`, `field-1`, ... in the order of the Form Trigger's fields. What comes back
 * depends on the trigger's responseMode: with 'responseNode' it is what the workflow's Respond to
 * Webhook node sends (e.g. JSON of the last item), which is how a test reads the result.
 */
export async function submitForm(server: N8nServer, formPath: string, values: Array<string | number>): Promise<HttpResult> {
	const p = formPath.replace(/^\//, '');
	await waitForWebhook(server, p, { kind: 'form', method: 'POST' });
	const form = new FormData();
	values.forEach((value, index) => form.append(`field-${index}`, String(value)));
	return await readResponse(await fetch(`${server.baseUrl}/form/${p}`, { method: 'POST', body: form }));
}

export interface N8nExecution {
	id: string;
	workflowId: string;
	/** 'success' | 'error' | 'running' | 'waiting' | ... */
	status: string;
	/** 'cli' (n8n execute), 'webhook' (webhooks and forms), 'trigger' (schedule), ... */
	mode: string;
	finished: boolean;
	/** The run data (same shape as `executeWorkflow` returns); undefined if not stored. */
	run?: N8nRun;
}

/**
 * Executions stored in a home's database, oldest first, with their run data: the way to read what a
 * webhook-, form- or schedule-triggered run did. Reads `<userFolder>/.n8n/database.sqlite` with the
 * install's own sqlite3, or the home's PostgreSQL database (DB_TYPE=postgresdb, as in queue mode)
 * with the install's own pg; run data is flatted JSON in execution_data in both. Safe while n8n
 * runs; an execution may take a moment to be saved after its HTTP response, so use
 * `waitForExecutions` right after a request.
 */
export async function getExecutions(home: N8nHome, options: { workflowId?: string } = {}): Promise<N8nExecution[]> {
	const modules = path.join(home.install.dir, 'node_modules');
	const postgres = home.env.DB_TYPE === 'postgresdb';
	const sql =
		'SELECT e.id, e."workflowId", e.status, e.mode, e.finished, d.data FROM execution_entity e ' +
		'LEFT JOIN execution_data d ON d."executionId" = e.id' +
		(options.workflowId ? (postgres ? ' WHERE e."workflowId" = $1' : ' WHERE e.workflowId = ?') : '') +
		' ORDER BY e.id';
	const params = options.workflowId ? [options.workflowId] : [];
	const query = postgres
		? `
const { Client } = require(${JSON.stringify(path.join(modules, 'pg'))});
const env = process.env;
const client = new Client({ host: env.DB_POSTGRESDB_HOST, port: Number(env.DB_POSTGRESDB_PORT), user: env.DB_POSTGRESDB_USER,
	password: env.DB_POSTGRESDB_PASSWORD, database: env.DB_POSTGRESDB_DATABASE });
const query = (sql, params, done) => client.connect().then(() => client.query(sql, params))
	.then((result) => client.end().then(() => done(null, result.rows)), (err) => done(err));`
		: `
const sqlite3 = require(${JSON.stringify(path.join(modules, 'sqlite3'))});
const db = new sqlite3.Database(${JSON.stringify(path.join(home.userFolder, '.n8n', 'database.sqlite'))}, sqlite3.OPEN_READONLY);
const query = (sql, params, done) => db.all(sql, params, (err, rows) => { db.close(); done(err, rows); });`;
	const script = `${query}
const { parse } = require(${JSON.stringify(path.join(modules, 'flatted'))});
query(${JSON.stringify(sql)}, ${JSON.stringify(params)}, (err, rows) => {
	if (err) { console.error(err.message); process.exit(1); }
	process.stdout.write(JSON.stringify(rows.map((r) => ({
		id: String(r.id), workflowId: r.workflowId, status: r.status, mode: r.mode, finished: !!r.finished,
		run: r.data ? { status: r.status, finished: !!r.finished, mode: r.mode, data: parse(r.data) } : undefined,
	}))));
});`;
	const result = await runProcess(home.install.nodeBin, ['-e', script], { env: home.env, cwd: home.root, timeoutMs: 60_000 });
	if (result.code !== 0) throw new Error(`reading executions failed: ${tail(result.stderr)}`);
	return JSON.parse(result.stdout) as N8nExecution[];
}

/** Poll getExecutions until `count` executions (of a workflow, if given) are finished or failed. */
export async function waitForExecutions(
	home: N8nHome,
	options: { workflowId?: string; count?: number; timeoutMs?: number } = {},
): Promise<N8nExecution[]> {
	const deadline = Date.now() + (options.timeoutMs ?? 30_000);
	for (;;) {
		const executions = await getExecutions(home, options);
		const done = executions.filter((e) => e.run && !['new', 'running', 'waiting'].includes(e.status));
		if (done.length >= (options.count ?? 1)) return done;
		if (Date.now() > deadline) {
			throw new Error(`expected ${options.count ?? 1} finished executions, have: ${JSON.stringify(executions.map((e) => [e.id, e.status]))}`);
		}
		await sleep(250);
	}
}

// ---------------------------------------------------------------------------------------------

function writeTemp(home: N8nHome, stem: string, data: unknown): string {
	const dir = path.join(home.root, 'input');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${stem}-${randomBytes(4).toString('hex')}.json`);
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	return file;
}

/** `n8n execute --rawOutput` prints the run as pretty JSON; find it even if log lines surround it. */
function parseRunJson(stdout: string): N8nRun | undefined {
	const start = stdout.search(/^\{/m);
	if (start < 0) return undefined;
	const endMatch = [...stdout.matchAll(/^\}\s*$/gm)].pop();
	const end = endMatch ? endMatch.index! + 1 : stdout.length;
	try {
		return JSON.parse(stdout.slice(start, end)) as N8nRun;
	} catch {
		return undefined;
	}
}

/** "exit 1" or "killed by SIGSEGV": a process ended by a signal has no exit code to show. */
export function describeExit(result: Pick<CommandResult, 'code' | 'signal'>): string {
	return result.signal ? `killed by ${result.signal}` : `exit ${result.code}`;
}

function tail(text: string, max = 4000): string {
	return text.length > max ? `…${text.slice(-max)}` : text;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function runProcess(
	command: string,
	args: string[],
	options: { env: NodeJS.ProcessEnv; cwd: string; timeoutMs: number; stderrTo?: NodeJS.WritableStream },
): Promise<CommandResult> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => {
			stderr += d.toString();
			options.stderrTo?.write(d);
		});
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${command} ${args.join(' ')} timed out after ${options.timeoutMs} ms\n${tail(stdout)}\n${tail(stderr)}`));
		}, options.timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr, durationMs: Date.now() - started });
		});
	});
}
