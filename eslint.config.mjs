// `npm run lint`: the rules n8n applies to community packages, over what this package ships.
//
// - @n8n/eslint-plugin-community-nodes, `recommended`: the config with the n8n Cloud rules (only
//   allowed imports, no restricted globals), on the node and credential sources and on package.json.
//   About a dozen of its rules look only at package.json, which they read as a TypeScript object
//   expression, so package.json goes through the TypeScript parser.
// - typescript-eslint's type-checked recommended rules on the sources.
// - What n8n's scanner (@n8n/scan-community-package) and `n8n-node lint` add: `no-console`, and
//   eslint-plugin-n8n-nodes-base's community (package.json), nodes and credentials rulesets, with the
//   same rules switched off as there.
//
// `npm run lint` passes --max-warnings 0: a warning fails it like an error.
// test/package/pack.test.ts lints the packed dist/ with the scanner's tarball rules.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const sources = ['nodes/**/*.ts', 'credentials/**/*.ts'];

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**'] },
	{
		files: sources,
		extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
		languageOptions: {
			parserOptions: { project: './tsconfig.build.json', tsconfigRootDir: import.meta.dirname },
		},
		rules: { 'no-console': 'error' },
	},
	{
		files: [...sources, 'package.json'],
		extends: [n8nCommunityNodesPlugin.configs.recommended],
	},
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Not valid for community nodes (the scanner turns it off too).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			// community-nodes' credential-password-field is the more accurate rule.
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Inputs and outputs are NodeConnectionTypes values, not the string "main".
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			// The Admin API's page size really is at most 100.
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		files: ['package.json'],
		rules: { ...n8nNodesBase.configs.community.rules },
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
);
