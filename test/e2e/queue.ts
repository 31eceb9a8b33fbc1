/**
 * n8n in queue mode for end-to-end tests: throwaway PostgreSQL and Redis (scripts/e2e/queue-services.sh)
 * and the homes of one main instance and its workers, all sharing one database, one Redis and one
 * encryption key. Like n8n.ts: Node's standard library only.
 *
 *   const services = await startQueueServices(['n8n_line_1']);
 *   const cluster = createQueueCluster(install, services, { database: 'n8n_line_1', workers: 2 });
 *   // loadCommunityPackage into cluster.main and every cluster.workers[i], import on cluster.main
 *   const main = await startN8n(cluster.main);
 *   const workers = await Promise.all(cluster.workers.map((home) => startWorker(home, { concurrency: 2 })));
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';

import { createN8nHome, type N8nHome } from './n8n-home';
import type { N8nInstall } from './n8n-install';
import { freePort } from './ports';
import { REPO_ROOT } from './processes';

const SERVICES_SCRIPT = path.join(REPO_ROOT, 'scripts', 'e2e', 'queue-services.sh');
const PORT_TAKEN_EXIT = 3;

export interface QueueServices {
	postgres: { host: string; port: number; user: string };
	redis: { host: string; port: number };
	/** Stops both servers and deletes their data. */
	stop(): Promise<void>;
}

/**
 * Start PostgreSQL (with one empty database per name in `databases`) and Redis on free loopback
 * ports; installs the Debian packages first when they are missing and this process is root.
 */
export async function startQueueServices(databases: string[]): Promise<QueueServices> {
	for (let attempt = 1; ; attempt++) {
		const result = await startQueueServicesOnce(databases);
		if (result !== 'port taken') return result;
		if (attempt === 3) throw new Error('queue-services.sh: ports taken three times in a row');
	}
}

async function startQueueServicesOnce(databases: string[]): Promise<QueueServices | 'port taken'> {
	const [pgPort, redisPort] = [await freePort(), await freePort()];
	// stdin is a pipe the script reads until EOF: when this process ends, however it ends, the pipe
	// closes and the script stops the servers. detached: Ctrl-C on jest does not reach it first.
	const child = spawn('bash', [SERVICES_SCRIPT, 'run', String(pgPort), String(redisPort), ...databases], {
		stdio: ['pipe', 'pipe', 'pipe'],
		detached: true,
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
	child.stderr.on('data', (d: Buffer) => {
		stderr += d.toString();
		if (process.env.N8N_E2E_QUIET !== '1') process.stderr.write(d);
	});
	let exitCode: number | null | undefined;
	const exited = new Promise<void>((resolve) =>
		child.once('exit', (code) => {
			exitCode = code;
			resolve();
		}),
	);

	// A cold machine installs the Debian packages first.
	const deadline = Date.now() + 10 * 60_000;
	let ready: string | undefined;
	while (!(ready = stdout.split('\n').find((line) => line.startsWith('{')))) {
		if (exitCode === PORT_TAKEN_EXIT) return 'port taken';
		if (exitCode !== undefined || Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`queue-services.sh did not start (${exitCode === undefined ? 'timed out' : `exit ${exitCode}`}):\n${stderr.slice(-4000)}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	const info = JSON.parse(ready) as Pick<QueueServices, 'postgres' | 'redis'>;
	return {
		...info,
		stop: async () => {
			if (child.exitCode === null && child.signalCode === null) child.stdin.end();
			await exited;
		},
	};
}

/** The homes of one queue-mode instance: `main` runs `n8n start` and the CLI, `workers` run `n8n worker`. */
export interface QueueCluster {
	main: N8nHome;
	workers: N8nHome[];
	encryptionKey: string;
}

/**
 * Homes for a main instance and `workers` workers. Each has its own user folder, so the package must be
 * installed into each one's nodes folder, as on separate machines or containers; what they share is
 * the settings n8n requires to be the same on every process of a queue-mode instance: the
 * database, Redis, and the encryption key the credentials are encrypted with.
 */
export function createQueueCluster(
	install: N8nInstall,
	services: QueueServices,
	options: { database: string; workers: number; redisDb?: number },
): QueueCluster {
	const encryptionKey = randomBytes(24).toString('hex');
	const env: NodeJS.ProcessEnv = {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: services.postgres.host,
		DB_POSTGRESDB_PORT: String(services.postgres.port),
		DB_POSTGRESDB_USER: services.postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		DB_POSTGRESDB_DATABASE: options.database,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: services.redis.host,
		QUEUE_BULL_REDIS_PORT: String(services.redis.port),
		QUEUE_BULL_REDIS_DB: String(options.redisDb ?? 0),
	};
	const home = (label: string) => createN8nHome(install, { encryptionKey, env, label });
	return {
		main: home('main'),
		workers: Array.from({ length: options.workers }, (_, i) => home(`worker${i + 1}`)),
		encryptionKey,
	};
}

/** The execution ids a worker's log says it started and finished ("Worker started execution 12 (job 7)"). */
export function workerExecutions(output: string): { started: string[]; finished: string[] } {
	const ids = (verb: string) => [...output.matchAll(new RegExp(`Worker ${verb} execution (\\d+) \\(job`, 'g'))].map((m) => m[1]);
	return { started: ids('started'), finished: ids('finished') };
}
