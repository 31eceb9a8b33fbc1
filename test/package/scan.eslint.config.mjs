// The rules n8n's scanner, @n8n/scan-community-package (0.32.0, scanner/scanner.mjs
// buildScanConfig), applies to a published package's tarball: its CLI only takes a package name
// from the npm registry (it checks provenance and fetches the attested GitHub source), so
// pack.test.ts applies the same rules to our local tarball instead, with the copies of the two
// plugins this repository pins. Run with the unpacked package as the working directory, on `**/*.js`
// and package.json, with inline eslint-disable comments ignored, as the scanner does.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

export default [
	n8nCommunityNodesPlugin.configs.recommended,
	{ rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{
		files: ['package.json'],
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['**/*.json'],
		languageOptions: { parser: tsParser },
	},
];
