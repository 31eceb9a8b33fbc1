/**
 * An n8n home: an isolated instance (own user folder, database and encryption key) made and removed
 * by the test, the n8n CLI run in it, and what the CLI puts into its database: credentials,
 * workflows, activation.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { N8nInstall } from './n8n-install';
import { freePort, PORT_ATTEMPTS, PORT_IN_USE } from './ports';
import { baseEnv, describeExit, log, runProcess, tail, type CommandResult } from './processes';

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

function writeTemp(home: N8nHome, stem: string, data: unknown): string {
	const dir = path.join(home.root, 'input');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${stem}-${randomBytes(4).toString('hex')}.json`);
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	return file;
}
