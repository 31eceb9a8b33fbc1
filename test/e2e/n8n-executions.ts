/** Executions stored in a home's database: reading them, and waiting for triggered runs to finish. */
import * as path from 'node:path';

import type { N8nHome } from './n8n-home';
import type { N8nRun } from './n8n-execute';
import { runProcess, sleep, tail } from './processes';

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
