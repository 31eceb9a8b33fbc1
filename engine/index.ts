/**
 * Runs workflows with the real n8n execution engine (n8n-core's WorkflowExecute and n8n-workflow's
 * Workflow and expressions) for the demo, the tests and the benchmark. Not part of the published
 * package. Credentials are resolved the way n8n's server does it: defaults applied, and a generic
 * (declarative) `authenticate` block evaluated as expressions over `$credentials`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, Script } from 'node:vm';

import { Container } from '@n8n/di';
import {
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PackageDirectoryLoader,
	PollContext,
	WorkflowExecute,
} from 'n8n-core';
// The one import by file path: n8n-core's index does not export SSHClientsManager, and nothing public
// stops its clean-up timer (n8n itself calls onShutdown from its own shutdown service). See shutdownEngine.
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	ICredentialTypes,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeListSearchResult,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IConnections,
} from 'n8n-workflow';
import {
	createDeferredPromise,
	createRunExecutionData,
	ICredentialsHelper,
	NodeConnectionTypes,
	setSafeRegexEngine,
	Workflow,
} from 'n8n-workflow';
import type { RegexEngine } from 'n8n-workflow';

// n8n-core keeps instance settings in the user folder: unless told otherwise, use a fresh temporary
// one rather than the user's own ~/.n8n, and remove it again at shutdown (shutdownEngine).
let ownUserFolder: string | undefined;
if (process.env.N8N_USER_FOLDER === undefined) {
	ownUserFolder = mkdtempSync(join(tmpdir(), 'n8n-openai-admin-engine-'));
	process.env.N8N_USER_FOLDER = ownUserFolder;
}
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';
// Credentials here are handed over decrypted; the key only spares n8n-core from generating one.
process.env.N8N_ENCRYPTION_KEY ??= 'n8n-openai-admin-local-engine';

/**
 * n8n-workflow runs the regular expressions of its parameter checks (a resource locator's
 * `validation`, for one) in a vm with a 250 ms wall-clock timeout, as a guard against runaway
 * patterns. A test process on a loaded two-core machine can be descheduled for longer than that,
 * and a trivial pattern then fails the run with "Regular expression execution timed out" (seen in
 * `npm test` while other suites ran). Same guard here, with a timeout only a runaway pattern reaches.
 */
function patientRegexEngine(timeoutMs: number): RegexEngine {
	const sandbox = createContext({ pattern: '', flags: '', input: '', replacement: '', result: undefined as unknown });
	const scripts = new Map<string, Script>();
	const run = <T>(source: string, values: { pattern: string; flags?: string; input: string; replacement?: string }): T => {
		let script = scripts.get(source);
		if (!script) scripts.set(source, (script = new Script(source)));
		Object.assign(sandbox, { ...values, flags: values.flags ?? '', replacement: values.replacement ?? '', result: undefined });
		script.runInContext(sandbox, { timeout: timeoutMs });
		return sandbox.result as T;
	};
	return {
		exec: (pattern, input, flags) => run('result = new RegExp(pattern, flags).exec(input)', { pattern, input, flags }),
		test: (pattern, input, flags) => run('result = new RegExp(pattern, flags).test(input)', { pattern, input, flags }),
		replace: (pattern, input, flags, replacement) =>
			run('result = input.replace(new RegExp(pattern, flags), replacement)', { pattern, input, flags, replacement }),
		matchAll: (pattern, input, flags) =>
			run('result = Array.from(input.matchAll(new RegExp(pattern, flags.includes("g") ? flags : flags + "g")))', {
				pattern,
				input,
				flags,
			}),
		split: (pattern, input, flags) => run('result = input.split(new RegExp(pattern, flags))', { pattern, input, flags }),
	};
}
setSafeRegexEngine(patientRegexEngine(10_000));

export interface LoadedTypes {
	/** Keyed by the full node type name, e.g. `n8n-nodes-openai-admin.openAiAdmin`. */
	nodes: Record<string, INodeType>;
	credentials: Record<string, ICredentialType>;
}

/** Loads a community package exactly as n8n does: from its package.json `n8n` section. */
export async function loadPackage(directory: string): Promise<LoadedTypes> {
	const loader = new PackageDirectoryLoader(directory);
	await loader.loadAll();
	const nodes: LoadedTypes['nodes'] = {};
	for (const [name, { type }] of Object.entries(loader.nodeTypes)) {
		nodes[`${loader.packageName}.${name}`] = type as INodeType;
	}
	const credentials: LoadedTypes['credentials'] = {};
	for (const [name, { type }] of Object.entries(loader.credentialTypes)) credentials[name] = type;
	return { nodes, credentials };
}

class NodeTypes implements INodeTypes {
	constructor(private readonly types: LoadedTypes['nodes']) {}

	getByName(nodeType: string): INodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string): INodeType {
		return this.getByName(nodeType);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

class CredentialTypes implements ICredentialTypes {
	constructor(private readonly types: LoadedTypes['credentials']) {}

	recognizes(type: string) {
		return type in this.types;
	}

	getByName(type: string): ICredentialType {
		const credentialType = this.types[type];
		if (!credentialType) throw new Error(`Unknown credential type ${type}`);
		return credentialType;
	}

	getSupportedNodes() {
		return [];
	}

	getParentTypes() {
		return [];
	}
}

/** n8n's server-side credential resolution, reduced to what API-key credentials use. */
class CredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialTypes: CredentialTypes,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.credentialTypes.getByName(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [section, entries] of Object.entries(authenticate.properties)) {
				target[section] ??= {};
				for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
					const resolve = (raw: unknown) =>
						typeof raw === 'string' && raw.startsWith('=')
							? String(
									workflow.expression.getSimpleParameterValue(
										node,
										raw,
										'internal',
										{ $credentials: credentials },
										undefined,
										'',
									) ?? '',
								)
							: raw;
					target[section][String(resolve(key))] = resolve(value);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('Not used: credentials are resolved through getDecrypted');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data: ICredentialDataDecryptedObject = {};
		for (const property of this.credentialTypes.getByName(type).properties) {
			if (property.default !== undefined) data[property.name] = property.default as string;
		}
		return { ...data, ...(this.data[type] ?? {}) };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return this.credentialTypes.getByName(type).properties;
	}
}

export interface RunOptions {
	/** Credential data by credential type name. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Items handed to the first node. */
	input?: INodeExecutionData[];
}

export interface PollResult {
	/** What poll() returned: null when it had nothing new. */
	output?: INodeExecutionData[][] | null;
	/** What poll() threw. */
	error?: Error;
	/** The workflow's static data after the poll. */
	staticData: IDataObject;
	/** Whether the poll wrote to it (n8n saves static data only then). */
	changed: boolean;
}

export interface WorkflowDefinition {
	nodes: INode[];
	connections: IConnections;
}

export class N8nEngine {
	private readonly nodeTypes: NodeTypes;

	private readonly credentialTypes: CredentialTypes;

	constructor(types: LoadedTypes) {
		this.nodeTypes = new NodeTypes(types.nodes);
		this.credentialTypes = new CredentialTypes(types.credentials);
	}

	/** Runs a workflow from its first node, which receives `input` (one empty item by default). */
	async run(definition: WorkflowDefinition, options: RunOptions = {}): Promise<IRun> {
		const workflow = this.workflow(definition);
		const workflowData = { id: 'engine', name: 'engine', ...definition } as unknown as IWorkflowBase;
		const hooks = new ExecutionLifecycleHooks('manual', 'engine-execution', workflowData);
		const finished = createDeferredPromise<IRun>();
		hooks.addHandler('workflowExecuteAfter', (run) => finished.resolve(run));

		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{
						node: definition.nodes[0],
						data: { main: [options.input ?? [{ json: {} }]] },
						source: null,
					},
				],
			},
		});
		await new WorkflowExecute(
			this.additionalData(options, hooks),
			'manual',
			runExecutionData,
		).processRunExecutionData(workflow);
		return await finished.promise;
	}

	/**
	 * Runs a polling trigger's `poll()` once, as n8n's poller does: in an n8n-core PollContext over a
	 * workflow that holds `staticData` (the workflow's static data as n8n stored it). Mode `trigger` is
	 * an active workflow's poll, `manual` the editor's "Fetch Test Event". The static data comes back
	 * as n8n would save it, also when the poll threw.
	 */
	async poll(
		node: INode,
		options: RunOptions & { staticData?: IDataObject; mode?: 'trigger' | 'manual' } = {},
	): Promise<PollResult> {
		const mode = options.mode ?? 'trigger';
		const { workflow, poll } = this.polling(node, options.staticData, mode !== 'manual');
		const context = new PollContext(workflow, node, this.additionalData(options), mode, mode === 'manual' ? 'manual' : 'activate');
		return await pollOnce(poll, context, workflow);
	}

	/**
	 * Activates a polling trigger as n8n's ActiveWorkflows does: one workflow and one poll context for
	 * as long as it is active, so its static data stays in memory from poll to poll, and a poll that
	 * outlasts the Poll Times interval overlaps the next one (n8n starts a poll on every tick without
	 * waiting for the one before). Each `poll()` is one tick; the result's static data is what n8n
	 * would save after it.
	 */
	activate(node: INode, options: RunOptions & { staticData?: IDataObject } = {}): { poll(): Promise<PollResult> } {
		const { workflow, poll } = this.polling(node, options.staticData, true);
		const context = new PollContext(workflow, node, this.additionalData(options), 'trigger', 'activate');
		return { poll: async () => await pollOnce(poll, context, workflow) };
	}

	/** Calls a node's `listSearch` method the way the editor does for a "From List" picker. */
	async searchList(
		node: INode,
		method: string,
		options: RunOptions & { filter?: string; paginationToken?: string } = {},
	): Promise<INodeListSearchResult> {
		const workflow = this.workflow({ nodes: [node], connections: {} });
		const nodeType = this.nodeTypes.getByName(node.type);
		const search = nodeType.methods?.listSearch?.[method];
		if (!search) throw new Error(`${node.type} has no listSearch method ${method}`);
		// The editor sends the node's current parameters along with a search.
		const additionalData = { ...this.additionalData(options), currentNodeParameters: node.parameters };
		const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
		return await search.call(context, options.filter, options.paginationToken);
	}

	private workflow(definition: WorkflowDefinition, state: { active?: boolean; staticData?: IDataObject } = {}): Workflow {
		return new Workflow({
			id: 'engine',
			name: 'engine',
			nodes: definition.nodes,
			connections: definition.connections,
			nodeTypes: this.nodeTypes,
			active: state.active ?? false,
			staticData: state.staticData,
			settings: { executionOrder: 'v1' },
		});
	}

	/** A polling trigger alone in a workflow holding a copy of `staticData`, and its `poll()`. */
	private polling(node: INode, staticData: IDataObject | undefined, active: boolean) {
		const workflow = this.workflow({ nodes: [node], connections: {} }, { active, staticData: structuredClone(staticData ?? {}) });
		const { poll } = this.nodeTypes.getByName(node.type);
		if (!poll) throw new Error(`${node.type} has no poll()`);
		return { workflow, poll };
	}

	private additionalData(
		options: RunOptions,
		hooks?: ExecutionLifecycleHooks,
	): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: new CredentialsHelper(this.credentialTypes, options.credentials ?? {}),
			hooks,
			executionId: 'engine-execution',
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://127.0.0.1/rest',
			instanceBaseUrl: 'http://127.0.0.1/',
			formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
			webhookBaseUrl: 'http://127.0.0.1/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
			variables: {},
			executeWorkflow: async () => {
				throw new Error('Sub-workflows are not available here');
			},
			getRunExecutionData: async () => undefined,
			logAiEvent: () => {},
			startRunnerTask: async () => {
				throw new Error('Task runners are not available here');
			},
		} as unknown as IWorkflowExecuteAdditionalData;
	}
}

/**
 * A workflow's static data as n8n's static-data service saves it after a poll (JSON), and whether it
 * would save it: `__dataChanged` is the flag that service reads, and it clears it once saved.
 */
/** One poll: what it put out, or what it threw, with the static data n8n would save after it. */
async function pollOnce(poll: NonNullable<INodeType['poll']>, context: PollContext, workflow: Workflow): Promise<PollResult> {
	try {
		const output = await poll.call(context);
		return { output, ...savedStaticData(workflow) };
	} catch (error) {
		return { error: error as Error, ...savedStaticData(workflow) };
	}
}

function savedStaticData(workflow: Workflow): Pick<PollResult, 'staticData' | 'changed'> {
	const flags = workflow.staticData as { __dataChanged?: boolean };
	const changed = flags.__dataChanged === true;
	flags.__dataChanged = false;
	return { staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject, changed };
}

/**
 * The tool variant n8n makes of a node with `usableAsTool` (`<type>Tool`, what an AI Agent's tool
 * slot holds), as n8n's server does it (LoadNodesAndCredentials.convertNodeToAiTool, reached through
 * NodeTypes.getByNameAndVersion in n8n 1.123 and 2.41): the same node with a copy of its
 * description renamed `<name>Tool`, no inputs, one `ai_tool` output, and the Tool Description
 * fields (Set Automatically: the operation's `action`) before the first field.
 */
export function asTool(nodeType: INodeType): INodeType {
	const description = structuredClone(nodeType.description);
	if (!description.usableAsTool) throw new Error(`${description.name} is not usable as a tool`);
	description.name += 'Tool';
	description.displayName += ' Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	delete description.usableAsTool;
	const hasResourceOrOperation = description.properties.some((property) => property.name === 'resource' || property.name === 'operation');
	const toolDescription: INodeProperties = {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: description.description,
		required: true,
		typeOptions: { rows: 2 },
		description: 'Explain to the LLM what this tool does',
	};
	if (hasResourceOrOperation) {
		toolDescription.displayOptions = { show: { descriptionType: ['manual'] } };
		description.properties.unshift(
			{
				displayName: 'Tool Description',
				name: 'descriptionType',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Set Automatically', value: 'auto', description: 'Automatically set based on resource and operation' },
					{ name: 'Set Manually', value: 'manual', description: 'Manually set the description' },
				],
				default: 'auto',
			},
			toolDescription,
		);
	} else description.properties.unshift(toolDescription);
	return Object.create(nodeType, { description: { value: description } }) as INodeType;
}

/** The items a node put on its first output in its (first) run. */
export function outputOf(run: IRun, nodeName: string): INodeExecutionData[] {
	return run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [];
}

/** The error that stopped the execution, if any. */
export function errorOf(run: IRun) {
	return run.data.resultData.error;
}

/**
 * Stops what n8n-core leaves running between executions (its SSH tunnel clean-up timer), which n8n
 * itself stops at shutdown; without this a test runner or script would never exit.
 */
export function shutdownEngine(): void {
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
	// The folder this module made, not one the caller named. A test runner loads the module again for
	// the next file in the same process, which then makes a folder of its own.
	if (ownUserFolder !== undefined) {
		rmSync(ownUserFolder, { recursive: true, force: true });
		if (process.env.N8N_USER_FOLDER === ownUserFolder) delete process.env.N8N_USER_FOLDER;
		ownUserFolder = undefined;
	}
}
