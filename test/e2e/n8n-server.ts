/**
 * Long-running n8n processes of a home: `n8n start` on a free port (a server) and `n8n worker`
 * (queue mode), each in its own process group, ready when n8n says so, stopped by the test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { N8nHome } from './n8n-home';
import { freePort, PORT_ATTEMPTS, PORT_IN_USE } from './ports';
import { log, sleep, tail } from './processes';

export interface N8nServer extends N8nProcess {
	baseUrl: string;
	port: number;
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
