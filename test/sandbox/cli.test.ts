import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, parseFault, parseRateLimit } from '../../sandbox/cli';

describe('CLI argument parsing', () => {
	it('maps flags to options', () => {
		expect(
			parseArgs(['--port', '9000', '--seed', '4', '--projects=250', '--users', '30', '--keys-per-project', '5', '--quiet']),
		).toMatchObject({ port: 9000, seed: 4, projects: 250, users: 30, keysPerProject: 5, quiet: true });
		expect(parseArgs([])).toMatchObject({ port: 8787, logRequests: true, faults: [] });
	});

	it('turns --latency into a latency fault (fixed or range)', () => {
		expect(parseArgs(['--latency', '200']).faults).toEqual([{ kind: 'latency', latencyMs: 200 }]);
		expect(parseArgs(['--latency', '50-300']).faults).toEqual([{ kind: 'latency', latencyMs: [50, 300] }]);
	});

	it('parses --rate-limit N/WINDOW', () => {
		expect(parseRateLimit('60/60s')).toEqual({ requests: 60, windowMs: 60000 });
		expect(parseRateLimit('5/500ms')).toEqual({ requests: 5, windowMs: 500 });
		expect(parseRateLimit('100/1m')).toEqual({ requests: 100, windowMs: 60000 });
		expect(() => parseRateLimit('lots')).toThrow(/N\/WINDOW/);
	});

	it('parses --fault key=value lists', () => {
		expect(parseFault('kind=status,status=429,retry-after=2,retry-after-ms=1500,probability=0.2,method=get')).toEqual({
			kind: 'status',
			status: 429,
			method: 'GET',
			probability: 0.2,
			retryAfter: { seconds: 2, ms: 1500 },
		});
		expect(parseFault('status=503,path=/organization/projects,skip=1,times=2')).toEqual({
			kind: 'status',
			status: 503,
			path: '/organization/projects',
			skip: 1,
			times: 2,
		});
		const re = parseFault('kind=drop,path~=/users$,after-handler=true');
		expect(re.path).toBeInstanceOf(RegExp);
		expect((re.path as RegExp).test('/organization/projects/p/users')).toBe(true);
		expect(re.afterHandler).toBe(true);
		expect(parseFault('latency=10-20')).toEqual({ kind: 'latency', latencyMs: [10, 20] });
		expect(parseFault('status=301,location=http://127.0.0.1:9/v1?a=b')).toEqual({
			kind: 'redirect',
			status: 301,
			location: 'http://127.0.0.1:9/v1?a=b',
		});
		expect(parseFault('location=https://elsewhere.test/v1')).toEqual({ kind: 'redirect', location: 'https://elsewhere.test/v1' });
		expect(parseFault('page=repeat,path=/organization/projects,skip=1')).toEqual({
			kind: 'bad_page',
			page: 'repeat',
			path: '/organization/projects',
			skip: 1,
		});
		expect(() => parseFault('times=2')).toThrow(/kind/);
		expect(() => parseFault('colour=red,kind=drop')).toThrow(/unknown/);
	});

	it('reads the seed description from --set, a --seed-file and one flag per entry', () => {
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'seed-')), 'seed.json');
		fs.writeFileSync(file, JSON.stringify({ projects: 250, keysPerProject: 5, defaultProject: false }));
		expect(parseArgs(['--seed-file', file, '--set', 'users=20', '--projects', '7'])).toMatchObject({
			projects: 7,
			keysPerProject: 5,
			defaultProject: false,
			users: 20,
		});
		expect(parseArgs(['--rate-limits-per-project', '31', '--default-project', 'false'])).toMatchObject({ rateLimitsPerProject: 31, defaultProject: false });
		expect(() => parseArgs(['--set', 'widgets=3'])).toThrow(/unknown seed entry/);
		expect(() => parseArgs(['--set', 'users=many'])).toThrow(/non-negative integer/);
		fs.writeFileSync(file, JSON.stringify({ projects: -1 }));
		expect(() => parseArgs(['--seed-file', file])).toThrow(/projects/);
		fs.writeFileSync(file, JSON.stringify({ widgets: 1 }));
		expect(() => parseArgs(['--seed-file', file])).toThrow(/unknown seed entries widgets/);
	});

	it('rejects unknown flags and bad numbers', () => {
		expect(() => parseArgs(['--nope'])).toThrow(/unknown option/);
		expect(() => parseArgs(['--projects', 'many'])).toThrow(/integer/);
		expect(() => parseArgs(['--port'])).toThrow(/needs a value/);
	});
});

describe('npm run sandbox', () => {
	it('prints the base URL and admin key, serves, and stops on SIGINT', async () => {
		const root = path.resolve(__dirname, '../..');
		const child = spawn(
			process.execPath,
			[require.resolve('ts-node/dist/bin.js'), '--transpile-only', 'sandbox/cli.ts', '--port', '0', '--projects', '5', '--seed', '3', '--quiet'],
			{ cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		let out = '';
		// Ready when the key is printed; no deadline of its own (ts-node's start-up on a busy machine
		// varies): the test's timeout is the only one.
		const ready = new Promise<void>((resolve) =>
			child.stdout.on('data', (d) => {
				out += d;
				if (/admin key: (\S+)/.test(out)) resolve();
			}),
		);
		const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
		try {
			const exitedFirst = exited.then((code) => {
				throw new Error(`the sandbox exited (${code}) before it was ready:\n${out}`);
			});
			exitedFirst.catch(() => undefined); // it also settles, unread, when the sandbox stops at the end
			await Promise.race([ready, exitedFirst]);
			const baseUrl = /base URL:\s+(\S+)/.exec(out)![1];
			const key = /admin key: (\S+)/.exec(out)![1];
			expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
			expect(key).toMatch(/^sk-admin-/);
			const res = await fetch(`${baseUrl}/organization/projects`, { headers: { authorization: `Bearer ${key}` } });
			const body: any = await res.json();
			expect(body.data).toHaveLength(6);
		} finally {
			child.kill('SIGINT');
		}
		expect(await exited).toBe(0);
	});
});
