/** `n8n execute`: a workflow run once from the CLI, and the run data it prints. */
import { runN8n, type N8nHome } from './n8n-home';
import type { N8nInstall } from './n8n-install';
import { describeExit, log, tail, type CommandResult } from './processes';

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
