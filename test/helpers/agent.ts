/**
 * Our node as an AI agent's tool, through n8n's engine: the tool variant n8n makes of it
 * (`openAiAdminTool`, engine/asTool) wired to a stand-in agent by an `ai_tool` connection.
 *
 * The stand-in agent asks n8n-core for its tools (getInputConnectionData, which builds each tool's
 * name, description and `$fromAI` schema as the AI Agent gets them) and calls the tool one of the two
 * ways n8n's AI Agent does:
 * - `engine` (AI Agent 3 and later, the default on n8n 1.123 and 2.41): an engine request, so that
 *   n8n runs the tool as a step of the workflow, with the arguments in its input item, and stores
 *   its output; the model gets the JSON of the output items (n8n-nodes-langchain's buildSteps).
 * - `inline` (AI Agent 1 and 2): the tool's `invoke`, which runs the node inside the agent's own step
 *   (n8n-core's makeHandleToolInvocation) and answers the JSON the model gets.
 */
import type {
	EngineRequest,
	EngineResponse,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	IRun,
	ITaskData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { asTool, errorOf, N8nEngine } from '../../engine';
import { OpenAiAdmin } from '../../nodes/OpenAiAdmin/OpenAiAdmin.node';
import { NODE_NAME, NODE_TYPE, nodeUnderTest, sourceTypes } from './runNode';

export const TOOL_TYPE = `${NODE_TYPE}Tool`;
const AGENT_TYPE = 'test.stubAgent';
const START_TYPE = 'test.start';
const AGENT = 'AI Agent';

interface ToolSeen {
	name: string;
	description: string;
	/** The names of the arguments the model fills, from the `$fromAI()` calls. */
	arguments: string[];
}

interface DynamicTool {
	name: string;
	description: string;
	schema: { shape?: Record<string, unknown> };
	invoke(args: IDataObject): Promise<unknown>;
}

class Start implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Start',
		name: 'start',
		group: ['trigger'],
		version: 1,
		description: 'Hands on its input',
		defaults: { name: 'Start' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/** One tool call with fixed arguments, then what the model would have been given back. */
class StubAgent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stub Agent',
		name: 'stubAgent',
		group: ['transform'],
		version: 1,
		description: 'Calls its one tool once',
		defaults: { name: AGENT },
		inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, displayName: 'Tool', required: true }],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Arguments', name: 'toolArguments', type: 'json', default: '{}' },
			{
				displayName: 'Call',
				name: 'call',
				type: 'options',
				options: [
					{ name: 'Engine', value: 'engine' },
					{ name: 'Inline', value: 'inline' },
				],
				default: 'engine',
			},
		],
	};

	async execute(this: IExecuteFunctions, response?: EngineResponse): Promise<INodeExecutionData[][] | EngineRequest> {
		const tools = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as DynamicTool[];
		const seen: ToolSeen[] = tools.map((tool) => ({
			name: tool.name,
			description: tool.description,
			arguments: Object.keys(tool.schema.shape ?? {}).sort(),
		}));
		const args = JSON.parse(this.getNodeParameter('toolArguments', 0) as string) as IDataObject;
		if (this.getNodeParameter('call', 0) === 'inline') {
			try {
				const observation = await tools[0].invoke(args);
				return [[{ json: { tools: seen, observation: observation as string } }]];
			} catch (error) {
				return [[{ json: { tools: seen, error: (error as Error).message } }]];
			}
		}
		const answered = response?.actionResponses?.[0];
		if (!answered) {
			return {
				actions: [
					{
						actionType: 'ExecutionNodeAction',
						nodeName: NODE_NAME,
						input: args,
						type: NodeConnectionTypes.AiTool,
						id: 'call_1',
						metadata: { itemIndex: 0 },
					},
				],
				metadata: {},
			};
		}
		// As n8n-nodes-langchain's buildSteps: the JSON of the tool's items, else its error.
		const data = answered.data as ITaskData;
		const items = data.data?.[NodeConnectionTypes.AiTool]?.[0];
		const observation = items?.length
			? JSON.stringify(items.map((item) => item.json))
			: JSON.stringify({ error: data.error?.message ?? 'Unknown error' });
		return [[{ json: { tools: seen, observation } }]];
	}
}

const engine = new N8nEngine({
	nodes: {
		...sourceTypes().nodes,
		[TOOL_TYPE]: asTool(new OpenAiAdmin()),
		[AGENT_TYPE]: new StubAgent(),
		[START_TYPE]: new Start(),
	},
	credentials: sourceTypes().credentials,
});

export interface ToolRun {
	/** The tools the agent was given: name, description and the arguments the model fills. */
	tools: ToolSeen[];
	/** Exactly what the model would be given back from the call (a JSON string). */
	observation?: string;
	/** The agent's error, for an inline call that failed. */
	error?: string;
	/** The tool's output items as n8n stored them in the execution (engine calls only). */
	stored: INodeExecutionData[];
	run: IRun;
}

/**
 * Runs our node as an AI agent's tool once: `parameters` as the tool node holds them (with
 * `$fromAI()` where the model fills a field), `args` as the model's tool call fills them.
 */
export async function runAsTool(
	parameters: INodeParameters,
	args: IDataObject,
	options: { api: { baseUrl: string; adminKey: string }; call?: 'engine' | 'inline' },
): Promise<ToolRun> {
	const nodes: INode[] = [
		{ id: 'start', name: 'Start', type: START_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'agent',
			name: AGENT,
			type: AGENT_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: { toolArguments: JSON.stringify(args), call: options.call ?? 'engine' },
		},
		// Our node in the agent's tool slot: its tool variant.
		{ ...nodeUnderTest(parameters), id: 'tool', type: TOOL_TYPE, position: [200, 200] },
	];
	const run = await engine.run(
		{
			nodes,
			connections: {
				Start: { main: [[{ node: AGENT, type: NodeConnectionTypes.Main, index: 0 }]] },
				[NODE_NAME]: { ai_tool: [[{ node: AGENT, type: NodeConnectionTypes.AiTool, index: 0 }]] },
			},
		},
		{
			input: [{ json: { chatInput: 'a question', sessionId: 'session-1' } }],
			credentials: { openAiAdminApi: { apiKey: options.api.adminKey, baseUrl: options.api.baseUrl } },
		},
	);
	const error = errorOf(run);
	if (error) throw error;
	const agent = run.data.resultData.runData[AGENT]?.at(-1)?.data?.main?.[0]?.[0]?.json as
		| { tools: ToolSeen[]; observation?: string; error?: string }
		| undefined;
	if (!agent) throw new Error('The agent gave no output');
	const stored = run.data.resultData.runData[NODE_NAME]?.[0]?.data?.[NodeConnectionTypes.AiTool]?.[0] ?? [];
	return { ...agent, stored, run };
}
