/**
 * Installing n8n: the lines under test and their pinned installs, by scripts/e2e/install-n8n.sh into a
 * cache folder outside the repo (see NOTES.md).
 */
import * as path from 'node:path';

import { baseEnv, describeExit, log, REPO_ROOT, runProcess } from './processes';

export type N8nLine = 1 | 2;

/** What scripts/e2e/install-n8n.sh printed as its last line. */
export interface N8nInstall {
	line: N8nLine;
	/** n8n version, e.g. "1.123.81". */
	version: string;
	/** Install folder (holds node_modules/n8n). */
	dir: string;
	/** n8n's CLI entry (a JS file, run with nodeBin). */
	n8nBin: string;
	/** The Node binary n8n runs on. */
	nodeBin: string;
	/** Folder to put first on PATH for n8n's own child processes ("" for the machine's node). */
	pathPrepend: string;
}

const INSTALL_SCRIPT = path.join(REPO_ROOT, 'scripts', 'e2e', 'install-n8n.sh');

/**
 * Install (or find in the cache) the pinned n8n of a line. Runs scripts/e2e/install-n8n.sh, whose
 * progress goes to this process's stderr. A warm cache answers in well under a second.
 */
export async function installN8n(line: N8nLine): Promise<N8nInstall> {
	const started = Date.now();
	const result = await runProcess('bash', [INSTALL_SCRIPT, String(line)], {
		env: baseEnv(),
		cwd: REPO_ROOT,
		stderrTo: process.stderr,
		timeoutMs: 30 * 60_000,
	});
	if (result.code !== 0) {
		throw new Error(`install-n8n.sh ${line} failed (${describeExit(result)}):\n${result.stderr.slice(-4000)}`);
	}
	const lastLine = result.stdout.trim().split('\n').pop() ?? '';
	const install = JSON.parse(lastLine) as N8nInstall;
	log(`n8n line ${line}: ${install.version} ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
	return install;
}

/** The lines to test: `N8N_E2E_LINES` = "1", "2" or "1,2" (the default). */
export const E2E_LINES: N8nLine[] = (process.env.N8N_E2E_LINES ?? '1,2')
	.split(',')
	.map((s) => Number(s.trim()))
	.filter((n): n is N8nLine => n === 1 || n === 2);

/** Starts installing every line to test at once; each resolves from the cache after its first install. */
export function installLines(lines: N8nLine[] = E2E_LINES): Map<N8nLine, Promise<N8nInstall>> {
	return new Map(lines.map((line) => [line, installN8n(line)]));
}
