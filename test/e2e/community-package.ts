/** The package under test: built from the sources, packed and installed into a home as n8n installs one. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { N8nHome } from './n8n-home';
import { baseEnv, describeExit, REPO_ROOT, runProcess, tail } from './processes';

/**
 * Install a built community node package into the home the way n8n itself installs one from the
 * registry (Settings > Community nodes): `npm pack`, unpack into
 * `<userFolder>/.n8n/nodes/node_modules/<name>`, drop dev/peer/optional dependencies from its
 * package.json, `npm install` its runtime dependencies with n8n's own flags, record it in
 * `<userFolder>/.n8n/nodes/package.json`. n8n loads it on the next command, with node types named
 * `<package name>.<node name>`, and resolves its `require('n8n-workflow')` to n8n's own copy.
 *
 * `method: 'custom-extensions'` instead points N8N_CUSTOM_EXTENSIONS at the unpacked package; n8n
 * then names its node types `CUSTOM.<node name>`.
 */
export async function loadCommunityPackage(
	home: N8nHome,
	packageDir: string,
	options: { method?: 'nodes-folder' | 'custom-extensions' } = {},
): Promise<{ name: string; version: string; dir: string; nodeTypePrefix: string }> {
	const method = options.method ?? 'nodes-folder';
	const npmEnv = { ...baseEnv(), PATH: home.env.PATH };
	const packDir = fs.mkdtempSync(path.join(home.root, 'pack-'));
	const pack = await runProcess('npm', ['pack', path.resolve(packageDir), '--pack-destination', packDir, '--json', '--ignore-scripts'], {
		env: npmEnv,
		cwd: packDir,
		timeoutMs: 2 * 60_000,
	});
	if (pack.code !== 0) throw new Error(`npm pack ${packageDir} failed:\n${tail(pack.stderr)}`);
	const packed = JSON.parse(pack.stdout) as Array<{ name: string; version: string; filename: string }>;
	const { name, version, filename } = packed[0];

	const nodesDir = path.join(home.userFolder, '.n8n', 'nodes');
	const dir =
		method === 'nodes-folder'
			? path.join(nodesDir, 'node_modules', ...name.split('/'))
			: path.join(home.root, 'custom-extensions', name.replace('/', '__'));
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const tar = spawnSync('tar', ['-xzf', path.join(packDir, filename), '-C', dir, '--strip-components=1']);
	if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr.toString()}`);
	fs.rmSync(packDir, { recursive: true, force: true });

	const pkgPath = path.join(dir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(
		fs.readFileSync(pkgPath, 'utf8'),
	) as Record<string, unknown>;
	void devDependencies;
	void peerDependencies;
	void optionalDependencies;
	fs.writeFileSync(pkgPath, JSON.stringify(pkg, null, 2));
	if (pkg.dependencies && Object.keys(pkg.dependencies as object).length > 0) {
		const install = await runProcess(
			'npm',
			['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
			{ env: npmEnv, cwd: dir, timeoutMs: 5 * 60_000 },
		);
		if (install.code !== 0) throw new Error(`npm install in ${dir} failed:\n${tail(install.stderr)}`);
	}

	if (method === 'nodes-folder') {
		const nodesPkgPath = path.join(nodesDir, 'package.json');
		const nodesPkg = fs.existsSync(nodesPkgPath)
			? (JSON.parse(fs.readFileSync(nodesPkgPath, 'utf8')) as { dependencies?: Record<string, string> })
			: { name: 'installed-nodes', private: true, dependencies: {} as Record<string, string> };
		nodesPkg.dependencies = { ...(nodesPkg.dependencies ?? {}), [name]: version };
		fs.writeFileSync(nodesPkgPath, JSON.stringify(nodesPkg, null, 2));
		return { name, version, dir, nodeTypePrefix: name };
	}
	const existing = home.env.N8N_CUSTOM_EXTENSIONS ? home.env.N8N_CUSTOM_EXTENSIONS.split(';') : [];
	home.env.N8N_CUSTOM_EXTENSIONS = [...existing, dir].join(';');
	return { name, version, dir, nodeTypePrefix: 'CUSTOM' };
}

/**
 * `npm run build` in the repo, so that loadCommunityPackage packs what the sources say now (a few
 * seconds). N8N_E2E_SKIP_BUILD=1 packs the existing dist/ instead.
 */
export async function buildPackage(): Promise<void> {
	if (process.env.N8N_E2E_SKIP_BUILD !== '1') {
		const result = await runProcess('npm', ['run', 'build'], { env: process.env, cwd: REPO_ROOT, timeoutMs: 5 * 60_000 });
		if (result.code !== 0) throw new Error(`npm run build failed (${describeExit(result)}):\n${result.stdout}\n${result.stderr}`);
	}
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes', 'OpenAiAdmin', 'OpenAiAdmin.node.js'))) {
		throw new Error('dist/ has no built node: run npm run build');
	}
}
