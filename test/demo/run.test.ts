/**
 * `npm run demo` is the README's main job: keep it true. This runs the demo script (npm test builds
 * dist/ first) as a user would and checks that every step of the workflow succeeded.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../..');

it('runs the six-step admin workflow against the sandbox', async () => {
	const { stdout } = await promisify(execFile)(
		process.execPath,
		[require.resolve('ts-node/dist/bin'), '--transpile-only', 'demo/run.ts'],
		{ cwd: ROOT, timeout: 60_000 },
	);

	const steps = stdout.split('\n').filter((line) => /^\d\. /.test(line));
	expect(steps).toHaveLength(6);
	expect(steps.filter((line) => /FAILED|did not run/.test(line))).toEqual([]);
	expect(steps[1]).toMatch(/created proj_\w+ "Demo: data science sandbox" \(active\)/);
	expect(steps[2]).toMatch(/joined as owner/);
	expect(steps[3]).toMatch(/one-time key sk-/);
	expect(steps[5]).toMatch(/is now archived/);
	expect(stdout).toMatch(/6 API requests; all steps succeeded\./);
}, 60_000);
