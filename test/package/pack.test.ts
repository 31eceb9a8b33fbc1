/**
 * What `npm pack` ships, met the way n8n meets it: the tarball is unpacked into a `node_modules`
 * folder as n8n installs a community package, loaded with n8n-core's PackageDirectoryLoader from its
 * package.json `n8n` section, run once through n8n's engine, and linted with the rules n8n's scanner
 * applies to a published tarball (see scan.eslint.config.mjs for why not the scanner itself).
 *
 * It packs the built dist/: CI builds before it tests; a checkout without dist/ is built first.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type { INodeTypeDescription } from 'n8n-workflow';

import { errorOf, loadPackage, N8nEngine, outputOf, shutdownEngine } from '../../engine';
import { startSandbox } from '../../sandbox';
import { eslintReport } from './eslint';

const ROOT = path.resolve(__dirname, '../..');

interface Manifest {
	name: string;
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	scripts?: Record<string, string>;
	n8n: { n8nNodesApiVersion: number; strict: boolean; nodes: string[]; credentials: string[] };
}

let work: string;
let unpacked: string;
let files: string[];
let manifest: Manifest;

beforeAll(() => {
	if (!fs.existsSync(path.join(ROOT, 'dist/nodes/OpenAiAdmin/OpenAiAdmin.node.js'))) {
		execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
	}
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'openai-admin-pack-'));
	const packed = execFileSync(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', work],
		{ cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const [info] = JSON.parse(packed) as Array<{ filename: string; files: Array<{ path: string }> }>;
	files = info.files.map((file) => file.path).sort();

	// As n8n installs it: <nodes folder>/node_modules/<package>, with n8n-workflow, the peer dependency
	// n8n provides, resolvable beside it.
	const modules = path.join(work, 'node_modules');
	manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
	unpacked = path.join(modules, manifest.name);
	fs.mkdirSync(unpacked, { recursive: true });
	execFileSync('tar', ['-xzf', path.join(work, info.filename), '-C', unpacked, '--strip-components=1']);
	fs.symlinkSync(path.join(ROOT, 'node_modules/n8n-workflow'), path.join(modules, 'n8n-workflow'), 'dir');
	manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8')) as Manifest;
}, 120_000);

afterAll(() => {
	if (work) fs.rmSync(work, { recursive: true, force: true });
	shutdownEngine();
});

describe('the tarball', () => {
	it('holds only dist/, README.md, LICENSE and package.json', () => {
		expect(files.filter((file) => !file.startsWith('dist/'))).toEqual([
			'LICENSE',
			'README.md',
			'package.json',
		]);
		const topFolders = new Set(files.filter((f) => f.startsWith('dist/')).map((f) => f.split('/')[1]));
		expect([...topFolders].sort()).toEqual(['credentials', 'icons', 'nodes']);
		expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
	});

	it('declares no runtime dependencies, n8n-workflow as its only peer, and no install scripts', () => {
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish', 'preprepare'];
		expect(Object.keys(manifest.scripts ?? {}).filter((name) => lifecycle.includes(name))).toEqual([]);
	});

	it('lists in its n8n section only files it holds, and every node and credential it holds', () => {
		expect(manifest.n8n.n8nNodesApiVersion).toBe(1);
		expect(manifest.n8n.strict).toBe(true);
		const listed = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
		for (const file of listed) expect(files).toContain(file);
		const shipped = files.filter((file) => /\.(node|credentials)\.js$/.test(file));
		expect(shipped.sort()).toEqual([...listed].sort());
	});
});

describe('loaded by n8n-core from the unpacked tarball', () => {
	let loader: PackageDirectoryLoader;

	beforeAll(async () => {
		loader = new PackageDirectoryLoader(unpacked);
		await loader.loadAll();
	});

	it('resolves every listed node and credential class', () => {
		expect(loader.packageName).toBe('n8n-nodes-openai-admin');
		const nodeNames = Object.keys(loader.nodeTypes);
		const credentialNames = Object.keys(loader.credentialTypes);
		expect(nodeNames).toHaveLength(manifest.n8n.nodes.length);
		expect(credentialNames).toHaveLength(manifest.n8n.credentials.length);
		expect(nodeNames.sort()).toEqual(['openAiAdmin', 'openAiAdminTrigger']);
		expect(credentialNames).toEqual(['openAiAdminApi']);
		const runs = (type: unknown) => ['execute', 'poll'].filter((method) => typeof (type as Record<string, unknown>)[method] === 'function');
		expect(runs(loader.nodeTypes.openAiAdmin.type)).toEqual(['execute']);
		expect(runs(loader.nodeTypes.openAiAdminTrigger.type)).toEqual(['poll']);
	});

	it('finds the light and dark icons of every node and credential inside the package', () => {
		const described = [...loader.types.nodes, ...loader.types.credentials] as Array<
			Pick<INodeTypeDescription, 'iconUrl' | 'name'>
		>;
		expect(described).toHaveLength(manifest.n8n.nodes.length + manifest.n8n.credentials.length);
		for (const { iconUrl, name } of described) {
			expect({ name, iconUrl: typeof iconUrl }).toEqual({ name, iconUrl: 'object' });
			const { light, dark } = iconUrl as { light: string; dark: string };
			expect(light).not.toBe(dark);
			for (const url of [light, dark]) {
				const prefix = `icons/${loader.packageName}/`;
				expect(url.startsWith(prefix)).toBe(true);
				const file = path.join(unpacked, url.slice(prefix.length));
				expect(fs.readFileSync(file, 'utf8')).toMatch(/^<svg[\s>]/);
			}
		}
	});

	it('reads the codex (categories and documentation) beside every node', () => {
		expect(loader.types.nodes).toHaveLength(manifest.n8n.nodes.length);
		for (const description of loader.types.nodes) {
			expect(description.codex?.categories).toEqual(['Development', 'Utility']);
			expect(description.codex?.resources?.primaryDocumentation?.[0]?.url).toMatch(/^https:\/\//);
		}
	});

	it('runs through n8n: Get Many projects against the sandbox', async () => {
		const sandbox = await startSandbox({ quiet: true, projects: 3 });
		try {
			const engine = new N8nEngine(await loadPackage(unpacked));
			const node = {
				id: 'packed',
				name: 'OpenAI Admin',
				type: 'n8n-nodes-openai-admin.openAiAdmin',
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: { resource: 'project', operation: 'getMany', returnAll: false, limit: 2 },
				credentials: { openAiAdminApi: { id: '1', name: 'OpenAI Admin account' } },
			};
			const run = await engine.run(
				{ nodes: [node], connections: {} },
				{ credentials: { openAiAdminApi: { apiKey: sandbox.adminKey, baseUrl: sandbox.baseUrl } } },
			);
			expect(errorOf(run)).toBeUndefined();
			expect(outputOf(run, 'OpenAI Admin').map((item) => item.json.object)).toEqual([
				'organization.project',
				'organization.project',
			]);
		} finally {
			await sandbox.close();
		}
	});
});

/** Lints `cwd` as n8n's scanner lints a tarball; returns "file rule" per problem. */
function scan(cwd: string): string[] {
	const results = eslintReport(cwd, 'scan.eslint.config.mjs', ['**/*.js', 'package.json']);
	return results.flatMap(({ filePath, messages }) =>
		messages.map(({ ruleId, message }) => `${path.relative(cwd, filePath)} ${ruleId ?? message}`),
	);
}

describe("n8n's scanner rules on the packed files", () => {
	it('find nothing in the tarball', () => {
		expect(scan(unpacked)).toEqual([]);
	}, 60_000);

	it('do run: a planted console call, process access, fs import and dependency are all caught', () => {
		const tampered = path.join(work, 'tampered');
		fs.cpSync(unpacked, tampered, { recursive: true });
		const planted = path.join(tampered, 'dist/nodes/OpenAiAdmin/actions/types.js');
		fs.appendFileSync(planted, '\nconsole.log(process.env.HOME);\nrequire("fs");\n');
		const packageJson = path.join(tampered, 'package.json');
		const withDependency = { ...manifest, dependencies: { axios: '1.0.0' } };
		fs.writeFileSync(packageJson, JSON.stringify(withDependency, null, 2));
		expect(scan(tampered).sort()).toEqual([
			'dist/nodes/OpenAiAdmin/actions/types.js @n8n/community-nodes/no-restricted-globals',
			'dist/nodes/OpenAiAdmin/actions/types.js @n8n/community-nodes/no-restricted-imports',
			'dist/nodes/OpenAiAdmin/actions/types.js no-console',
			'package.json @n8n/community-nodes/no-runtime-dependencies',
		]);
	}, 60_000);
});
