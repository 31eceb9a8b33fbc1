import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { OpenAiAdminApi } from '../../credentials/OpenAiAdminApi.credentials';
import type { LoadedTypes, PollResult } from '../../engine';
import { errorOf, N8nEngine, outputOf } from '../../engine';
import { OpenAiAdmin } from '../../nodes/OpenAiAdmin/OpenAiAdmin.node';
import { OpenAiAdminTrigger } from '../../nodes/OpenAiAdminTrigger/OpenAiAdminTrigger.node';

export const NODE_TYPE = 'n8n-nodes-openai-admin.openAiAdmin';
export const NODE_NAME = 'OpenAI Admin';
export const TRIGGER_TYPE = 'n8n-nodes-openai-admin.openAiAdminTrigger';

/** Our node and credential straight from source, for the fast suites. */
export function sourceTypes(): LoadedTypes {
	return {
		nodes: { [NODE_TYPE]: new OpenAiAdmin(), [TRIGGER_TYPE]: new OpenAiAdminTrigger() },
		credentials: { openAiAdminApi: new OpenAiAdminApi() },
	};
}

export interface RunNodeOptions {
	/** Where the credential points: a sandbox's base URL and admin key. */
	api: { baseUrl: string; adminKey: string };
	/** Overrides of the credential's data. */
	credential?: ICredentialDataDecryptedObject;
	input?: IDataObject[];
	continueOnFail?: boolean;
}

export interface NodeRun {
	items: INodeExecutionData[];
	json: IDataObject[];
	/** The error that stopped the node (when Continue On Fail is off). */
	error?: Error & { description?: string | null; context?: IDataObject; httpCode?: string | null };
}

const engine = new N8nEngine(sourceTypes());

/** Our node with `parameters` and the test credential, as a workflow holds it. */
export function nodeUnderTest(parameters: INodeParameters): INode {
	return {
		id: 'node-under-test',
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { openAiAdminApi: { id: '1', name: 'OpenAI Admin account' } },
	};
}

/** Runs our node once, through real n8n execution, with one input item per `input` entry. */
export async function runNode(parameters: INodeParameters, options: RunNodeOptions): Promise<NodeRun> {
	const run = await engine.run(
		{
			nodes: [
				{
					...nodeUnderTest(parameters),
					continueOnFail: options.continueOnFail,
					onError: options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
				},
			],
			connections: {},
		},
		{
			input: (options.input ?? [{}]).map((json) => ({ json })),
			credentials: {
				openAiAdminApi: {
					apiKey: options.api.adminKey,
					baseUrl: options.api.baseUrl,
					...options.credential,
				},
			},
		},
	);
	const items = outputOf(run, NODE_NAME);
	return { items, json: items.map((item) => item.json), error: errorOf(run) as NodeRun['error'] };
}

/** A resource locator value, as the editor stores it. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** Fills a "From List" picker of our node, as the editor does, with the node's current parameters. */
export async function searchList(
	method: string,
	parameters: INodeParameters,
	options: Pick<RunNodeOptions, 'api' | 'credential'> & { filter?: string; paginationToken?: string },
) {
	return await engine.searchList(
		nodeUnderTest(parameters),
		method,
		{
			filter: options.filter,
			paginationToken: options.paginationToken,
			credentials: {
				openAiAdminApi: { apiKey: options.api.adminKey, baseUrl: options.api.baseUrl, ...options.credential },
			},
		},
	);
}

export interface PollOptions extends Pick<RunNodeOptions, 'api' | 'credential'> {
	/** The workflow's static data as n8n stored it after the previous poll. */
	staticData?: IDataObject;
	mode?: 'trigger' | 'manual';
}

const triggerUnderTest = (parameters: INodeParameters): INode => ({
	id: 'trigger-under-test',
	name: 'OpenAI Admin Trigger',
	type: TRIGGER_TYPE,
	typeVersion: 1,
	position: [0, 0],
	parameters,
	credentials: { openAiAdminApi: { id: '1', name: 'OpenAI Admin account' } },
});

const triggerCredentials = (options: PollOptions) => ({
	openAiAdminApi: { apiKey: options.api.adminKey, baseUrl: options.api.baseUrl, ...options.credential },
});

/**
 * Runs the trigger's poll() once, in n8n-core's poll context, over the static data as n8n stored it:
 * each call is a fresh start from the database, as after an n8n restart.
 */
export async function pollTrigger(parameters: INodeParameters, options: PollOptions): Promise<PollResult> {
	return await engine.poll(triggerUnderTest(parameters), {
		staticData: options.staticData,
		mode: options.mode,
		credentials: triggerCredentials(options),
	});
}

/**
 * The trigger in an active workflow, as n8n holds it between polls: one poll context, its static
 * data in memory; each `poll()` is one tick of Poll Times, and ticks may overlap.
 */
export function activateTrigger(parameters: INodeParameters, options: Omit<PollOptions, 'mode'>) {
	return engine.activate(triggerUnderTest(parameters), { staticData: options.staticData, credentials: triggerCredentials(options) });
}
