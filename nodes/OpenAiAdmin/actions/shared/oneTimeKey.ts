import type { INodeProperties } from 'n8n-workflow';

import type { OperationHint } from '../types';

/** The form's notice and the output pane's warning of an operation whose answer holds a secret key once. */
export function oneTimeKey(where: string, what: string): { notice: INodeProperties; hint: OperationHint } {
	return {
		notice: {
			displayName: `The output holds the new API key in <code>${where}</code>. OpenAI shows it only this once: store it (for example in a credential or a vault) in a later node.`,
			name: 'oneTimeKeyNotice',
			type: 'notice',
			default: '',
		},
		hint: {
			message: `The new ${what} is in <code>${where}</code>. OpenAI shows it only this once, and it is also kept in this execution's saved data: store it in a later node, and consider not saving successful executions of this workflow.`,
			type: 'warning',
		},
	};
}
