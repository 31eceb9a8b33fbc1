/**
 * The e2e runner's own rules for how an `n8n execute` ended, tested against a stand-in for n8n's CLI
 * (a script that prints what `execute --rawOutput` prints, then exits or kills itself with a signal),
 * so that they hold without an n8n install and without waiting for a race to happen.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { executeWorkflow, N8nExecutionError } from './n8n-execute';
import { createN8nHome, removeN8nHome, runN8n, type N8nHome } from './n8n-home';
import type { N8nLine } from './n8n-install';
import { freePort } from './ports';
import { describeExit } from './processes';

const SUCCESS = { data: { resultData: { runData: { Start: [{ data: { main: [[{ json: { ok: 1 } }]] } }] } } }, finished: true, mode: 'cli', status: 'success' };
const FAILURE = { ...SUCCESS, finished: true, status: 'error', data: { resultData: { runData: {}, error: { message: 'boom' } } } };

/** What the stand-in prints before it ends, and how it ends. */
interface Ending {
	print?: string;
	signal?: NodeJS.Signals;
	code?: number;
	/** The first this-many runs fail the way n8n does when its task broker's port is taken. */
	portTakenRuns?: number;
}

const FAKE_N8N = `
const fs = require('node:fs');
const ending = JSON.parse(process.env.FAKE_ENDING);
const counter = __dirname + '/runs';
const runs = fs.existsSync(counter) ? Number(fs.readFileSync(counter, 'utf8')) + 1 : 1;
fs.writeFileSync(counter, String(runs));
fs.appendFileSync(__dirname + '/broker-ports', process.env.N8N_RUNNERS_BROKER_PORT + '\\n');
if (runs <= (ending.portTakenRuns ?? 0)) {
	console.log("n8n Task Broker's port " + process.env.N8N_RUNNERS_BROKER_PORT + ' is already in use. Do you have another instance of n8n running already?');
	process.exit(1);
}
if (ending.print) process.stdout.write(ending.print);
if (ending.signal) process.kill(process.pid, ending.signal);
else process.exit(ending.code ?? 0);
`;

function fakeHome(line: N8nLine, ending: Ending): N8nHome {
	const home = createN8nHome({ line, version: 'fake', dir: '', n8nBin: '', nodeBin: process.execPath, pathPrepend: '' });
	const bin = path.join(home.root, 'fake-n8n.js');
	fs.writeFileSync(bin, FAKE_N8N);
	home.install = { ...home.install, dir: home.root, n8nBin: bin };
	home.env.FAKE_ENDING = JSON.stringify(ending);
	return home;
}

const homes: N8nHome[] = [];
function home(line: N8nLine, ending: Ending): N8nHome {
	const created = fakeHome(line, ending);
	homes.push(created);
	return created;
}
afterAll(() => homes.forEach(removeN8nHome));

const pretty = (run: unknown) => `${JSON.stringify(run, null, 2)}\n`;

describe('runN8n', () => {
	test('records the signal that ended the process, and names it in the error', async () => {
		const result = await runN8n(home(2, { signal: 'SIGSEGV' }), ['execute'], { allowFailure: true });
		expect(result).toMatchObject({ code: null, signal: 'SIGSEGV' });
		expect(describeExit(result)).toBe('killed by SIGSEGV');
		await expect(runN8n(home(2, { signal: 'SIGSEGV' }), ['import:workflow'])).rejects.toThrow(/failed \(killed by SIGSEGV\)/);
	});

	test('records the exit code when the process exited by itself', async () => {
		const result = await runN8n(home(1, { code: 3 }), ['execute'], { allowFailure: true });
		expect(result).toMatchObject({ code: 3, signal: null });
		expect(describeExit(result)).toBe('exit 3');
	});
});

describe('ports', () => {
	test('freePort hands out a free loopback port below the ephemeral range', async () => {
		const [low] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
		for (let i = 0; i < 20; i++) {
			const port = await freePort();
			expect(port).toBeGreaterThanOrEqual(10_000);
			expect(port).toBeLessThan(low);
		}
	});

	test('a command whose task broker port was taken runs again with another port', async () => {
		const taken = home(2, { portTakenRuns: 2 });
		const result = await runN8n(taken, ['import:workflow']);
		expect(result.code).toBe(0);
		const ports = fs.readFileSync(path.join(taken.root, 'broker-ports'), 'utf8').trim().split('\n');
		expect(ports).toHaveLength(3);
		expect(new Set(ports).size).toBe(3);
	});

	test('it gives up after three tries and says why', async () => {
		await expect(runN8n(home(2, { portTakenRuns: 5 }), ['import:workflow'])).rejects.toThrow(/exit 1[\s\S]*is already in use/);
	});

	test('a command that failed for another reason is not run again', async () => {
		const failed = home(2, { code: 1 });
		await expect(runN8n(failed, ['import:workflow'])).rejects.toThrow(/exit 1/);
		expect(fs.readFileSync(path.join(failed.root, 'runs'), 'utf8')).toBe('1');
	});
});

describe('executeWorkflow', () => {
	test('a complete, successful run is returned', async () => {
		await expect(executeWorkflow(home(1, { print: pretty(SUCCESS) }), 'w1')).resolves.toMatchObject({ status: 'success' });
	});

	test.each(['SIGSEGV', 'SIGABRT'] as const)(
		'line 2: a complete, successful run followed by %s (the isolate teardown race) is returned',
		async (signal) => {
			await expect(executeWorkflow(home(2, { print: pretty(SUCCESS), signal }), 'w1')).resolves.toMatchObject({ status: 'success' });
		},
	);

	test.each<[string, N8nLine, Ending, RegExp]>([
		['the same crash on line 1, which has no vm engine', 1, { print: pretty(SUCCESS), signal: 'SIGSEGV' }, /killed by SIGSEGV/],
		['a failed run followed by the crash', 2, { print: pretty(FAILURE), signal: 'SIGSEGV' }, /killed by SIGSEGV/],
		['a crash while the run was being printed', 2, { print: pretty(SUCCESS).slice(0, 60), signal: 'SIGSEGV' }, /killed by SIGSEGV/],
		['a crash before anything was printed', 2, { signal: 'SIGSEGV' }, /killed by SIGSEGV/],
		['a run that has not finished', 2, { print: pretty({ ...SUCCESS, finished: false }), signal: 'SIGSEGV' }, /killed by SIGSEGV/],
		['any other signal', 2, { print: pretty(SUCCESS), signal: 'SIGKILL' }, /killed by SIGKILL/],
		['a failed run with exit 1', 2, { print: pretty(FAILURE), code: 1 }, /exit 1/],
		['a successful run with a non-zero exit code', 2, { print: pretty(SUCCESS), code: 1 }, /exit 1/],
	])('fails on %s', async (_case, line, ending, message) => {
		const error = await executeWorkflow(home(line, ending), 'w1').catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(N8nExecutionError);
		expect((error as Error).message).toMatch(message);
	});
});
