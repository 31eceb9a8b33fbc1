/**
 * What the runner's modules share (see n8n.ts): child processes run to their end, the environment
 * they start from, logging, and where the repo is. Node's standard library only.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

export interface CommandResult {
	/** The exit code, or null when the process was ended by a signal. */
	code: number | null;
	/** The signal that ended the process (e.g. 'SIGSEGV'), or null when it exited by itself. */
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	durationMs: number;
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export const log = (msg: string) => {
	if (process.env.N8N_E2E_QUIET !== '1') process.stderr.write(`[e2e] ${msg}\n`);
};

/** Environment of the calling process, without what must not reach n8n or npm children. */
export function baseEnv(): NodeJS.ProcessEnv {
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

/** "exit 1" or "killed by SIGSEGV": a process ended by a signal has no exit code to show. */
export function describeExit(result: Pick<CommandResult, 'code' | 'signal'>): string {
	return result.signal ? `killed by ${result.signal}` : `exit ${result.code}`;
}

export function tail(text: string, max = 4000): string {
	return text.length > max ? `…${text.slice(-max)}` : text;
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export function runProcess(
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
