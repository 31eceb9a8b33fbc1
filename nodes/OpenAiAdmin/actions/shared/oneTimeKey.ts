import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { OperationHint } from '../types';
import { readSwitch } from './parameters';

/**
 * A new key's secret, which OpenAI shows only once, in the answer of the operation that made it:
 * the form's notices, the output pane's warning, and what an AI agent gets when the node is its tool.
 *
 * Run as a tool, the node hands the agent (and so the model behind it) a statement in place of the
 * secret, unless the user turns on Return New Key to the AI Agent. The secret goes on the item as a
 * file instead: n8n gives a model only an item's JSON, and keeps the file in the execution's data
 * when it runs the tool as a step of the workflow (AI Agent 3 and later).
 */

/** The switch that gives an agent the secret itself. */
export const RETURN_KEY_TO_AGENT = 'returnKeyToAgent';

/** The binary property that holds a withheld secret. */
export const KEY_FILE_PROPERTY = 'newKey';

/** Shown only when the node is an AI agent's tool. */
const asTool = { '@tool': [true] };

export interface OneTimeKey {
	/** Where the answer holds the secret, e.g. `api_key.value`. */
	at: string;
	/** The notices and the switch, for the operation's fields. */
	fields: INodeProperties[];
	hint: OperationHint;
}

export function oneTimeKey(where: string, what: string): OneTimeKey {
	return {
		at: where,
		fields: [
			{
				displayName: `The output holds the new API key in <code>${where}</code>. OpenAI shows it only this once: store it (for example in a credential or a vault) in a later node.`,
				name: 'oneTimeKeyNotice',
				type: 'notice',
				default: '',
				displayOptions: { hide: asTool },
			},
			{
				displayName: `As an AI agent's tool, the agent gets a statement in <code>${where}</code> instead of the new key, and the key is kept in this execution's data as the file <code>${KEY_FILE_PROPERTY}</code> of this node's output (with AI Agent 3 and later). OpenAI shows it only this once.`,
				name: 'oneTimeKeyToolNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: asTool },
			},
			{
				displayName: 'Return New Key to the AI Agent',
				name: RETURN_KEY_TO_AGENT,
				type: 'boolean',
				default: false,
				description: `Whether to give the AI agent the new ${what} itself, so that the model and its provider see it; off, the agent learns only that the key was made and where the user finds it`,
				displayOptions: { show: asTool },
			},
		],
		hint: {
			message: `The new ${what} is in <code>${where}</code>. OpenAI shows it only this once, and it is also kept in this execution's saved data: store it in a later node, and consider not saving successful executions of this workflow.`,
			type: 'warning',
		},
	};
}

/** Whether the node runs as an AI agent's tool: n8n names a node used as a tool `<node type>Tool`. */
export function runsAsTool(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

/** Whether the user chose to give the agent the new key itself. */
export const readReturnKeyToAgent = (context: IExecuteFunctions, itemIndex: number): boolean =>
	readSwitch(context, itemIndex, RETURN_KEY_TO_AGENT, 'Return New Key to the AI Agent');

function read(object: IDataObject, path: string[]): unknown {
	let value: unknown = object;
	for (const key of path) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

/** A copy of `object` with the value at `path` replaced; the objects on the way are copied too. */
function replace(object: IDataObject, path: string[], value: string): IDataObject {
	const [key, ...rest] = path;
	if (!rest.length) return { ...object, [key]: value };
	return { ...object, [key]: replace(object[key] as IDataObject, rest, value) };
}

/**
 * The answer's items as the agent may see them: the secret at `at` replaced by a statement, and
 * kept as a file on the item. Whether n8n keeps the file depends on how the agent called the node:
 * AI Agent 3 and later run a tool as a step of the workflow (its own execute data), whose output
 * n8n stores; older agents call it inside their own step and keep only the JSON.
 */
export async function withholdKeys(
	context: IExecuteFunctions,
	results: IDataObject[],
	at: string,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const path = at.split('.');
	const node = context.getNode().name;
	const keptByN8n = context.getExecuteData()?.node?.name === node;
	return await Promise.all(
		results.map(async (json) => {
			const secret = read(json, path);
			if (typeof secret !== 'string' || secret === '') return { json, pairedItem: { item: itemIndex } };
			if (!keptByN8n) {
				return {
					json: replace(json, path, 'Withheld from the AI agent: the key was created, but OpenAI shows a new key only once and an agent older than AI Agent 3 keeps no file of it. Tell the user to delete this key, or to make one with this node outside the agent.'),
					pairedItem: { item: itemIndex },
				};
			}
			const file = await context.helpers.prepareBinaryData(Buffer.from(`${secret}\n`, 'utf8'), 'openai-key.txt', 'text/plain');
			return {
				json: replace(json, path, `Withheld from the AI agent: the key was created, and OpenAI shows it only once. The user finds it in n8n, in this execution's data: the output of the node "${node}", file "${KEY_FILE_PROPERTY}" (openai-key.txt).`),
				binary: { [KEY_FILE_PROPERTY]: file },
				pairedItem: { item: itemIndex },
			};
		}),
	);
}
