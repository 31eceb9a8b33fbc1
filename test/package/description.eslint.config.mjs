// eslint-plugin-n8n-nodes-base's node rules (the set n8n's scanner and `n8n-node lint` apply to node
// sources, with the same three switched off), for description.test.ts: it writes the node's full
// runtime description out as a node source file and lints that, because this node builds its
// Resource/Operation dropdowns and fields in code, where the rules cannot see them in the real source.
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

export default [
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tsParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Inputs and outputs are NodeConnectionTypes values, not the string "main".
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			// The Admin API's page size really is at most 100.
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
];
