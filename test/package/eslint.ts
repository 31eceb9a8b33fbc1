/**
 * ESLint as n8n runs it over a package: the repository's ESLint, a config of test/package/, no
 * inline config, its JSON report. Shared by the description and tarball checks.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ESLINT = path.resolve(__dirname, '../../node_modules/eslint/bin/eslint.js');

export interface LintResult {
	filePath: string;
	messages: Array<{ ruleId: string | null; message: string; line: number }>;
}

/** Lints `files` (paths or globs) in `cwd` with the config `config` of this folder. */
export function eslintReport(cwd: string, config: string, files: string[]): LintResult[] {
	let output: string;
	try {
		output = execFileSync(process.execPath, [ESLINT, '-c', path.join(__dirname, config), '--no-inline-config', '-f', 'json', ...files], {
			cwd,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
			// Not jest's NODE_ENV=test, under which eslint-plugin-n8n-nodes-base fakes file names.
			env: { ...process.env, NODE_ENV: 'production' },
		});
	} catch (error) {
		// ESLint exits 1 when it found problems; its report is still on stdout.
		output = (error as { stdout?: string }).stdout ?? '';
		if (!output) throw error;
	}
	return JSON.parse(output) as LintResult[];
}
