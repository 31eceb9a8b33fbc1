/**
 * n8n's official node CLI, `n8n-node lint` (@n8n/node-cli), unchanged and in strict mode, over the
 * sources this package ships (scripts/n8n-node-lint.sh, which .ci/run also runs): it passes, and a
 * planted n8n Cloud violation in a copy of the same files makes it fail, so the check is real.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join('scripts', 'n8n-node-lint.sh');

/** Runs the script of `root` (a checkout, or a copy of its shipped files); exit code and plain output. */
function lint(root: string) {
	const result = spawnSync('bash', [path.join(root, SCRIPT)], { encoding: 'utf8', timeout: 180_000 });
	// eslint's colours off, to read the output.
	const output = `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
	return { code: result.status, output };
}

describe('n8n-node lint (the official CLI) over the shipped sources', () => {
	it('passes: strict mode, the default eslint.config.mjs, no problem at all', () => {
		const { code, output } = lint(ROOT);
		expect(output).toContain('n8n-node lint  v0.48.3');
		expect(output).not.toMatch(/problems?|Strict mode violation/);
		expect(code).toBe(0);
	}, 200_000);

	it('fails on a planted n8n Cloud violation in a node', () => {
		const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-node-lint-planted-'));
		try {
			for (const entry of ['package.json', 'nodes', 'credentials', 'icons', SCRIPT]) {
				fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
			}
			fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
			fs.writeFileSync(
				path.join(copy, 'nodes', 'planted.ts'),
				"import { readFileSync } from 'node:fs';\n\nexport const planted = (): string => (setTimeout(() => undefined, 1), readFileSync('x', 'utf8'));\n",
			);
			const { code, output } = lint(copy);
			expect(code).not.toBe(0);
			expect(output).toContain('@n8n/community-nodes/no-restricted-globals');
			expect(output).toContain('@n8n/community-nodes/no-restricted-imports');
		} finally {
			fs.rmSync(copy, { recursive: true, force: true });
		}
	}, 200_000);
});
