/**
 * A stand-in for OpenAI's model API, for an OpenAI Chat Model node whose credential's Base URL points
 * here: it serves both wire formats the node uses, Chat Completions (`POST /v1/chat/completions`,
 * tool calls in `choices[0].message.tool_calls`, results as `role: "tool"` messages) and the
 * Responses API (`POST /v1/responses`, the node's default from version 1.3: `function_call` output
 * items, results as `function_call_output` input items). Non-streaming only, which is what the AI
 * Agent asks for when its trigger does not stream.
 *
 * Each request is turned into one `Turn` (the tools offered, the user's message, the tool results
 * so far, in both formats alike); a script decides the answer: a tool call or a final message.
 * Every request is recorded as received, for the test to check what the model was shown.
 */
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ModelApi = 'chat' | 'responses';

export interface OfferedTool {
	name: string;
	description: string;
	/** The JSON schema of its arguments. */
	parameters: { properties?: Record<string, { type?: string; description?: string }>; required?: string[] };
}

export interface ToolResult {
	callId: string;
	/** What the tool answered, exactly as the model gets it (n8n sends a JSON string). */
	output: string;
}

export interface Turn {
	api: ModelApi;
	model: string;
	tools: OfferedTool[];
	/** The last message of the user. */
	question: string;
	/** The results of the tool calls made so far, oldest first. */
	results: ToolResult[];
}

export type Reply = { call: { name: string; arguments: Record<string, unknown> } } | { text: string };

export interface ModelRequest {
	path: string;
	authorization: string | undefined;
	/** The raw body, as received. */
	raw: string;
	turn: Turn;
	reply: Reply;
}

export interface ChatModelStandIn {
	/** For the credential's Base URL: `http://127.0.0.1:<port>/v1`. */
	baseUrl: string;
	/** The key the credential must send (`Authorization: Bearer …`). */
	apiKey: string;
	requests: ModelRequest[];
	close(): Promise<void>;
}

function text(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) {
		return content
			.map((part: { text?: unknown }) => (typeof part?.text === 'string' ? part.text : ''))
			.join('');
	}
	return '';
}

type Json = Record<string, unknown>;

function chatTurn(body: Json): Turn {
	const messages = (body.messages ?? []) as Json[];
	const tools = ((body.tools ?? []) as Array<{ function: OfferedTool }>).map(({ function: tool }) => ({
		name: tool.name,
		description: tool.description,
		parameters: tool.parameters,
	}));
	return {
		api: 'chat',
		model: String(body.model),
		tools,
		question: text(messages.filter((message) => message.role === 'user').at(-1)?.content),
		results: messages
			.filter((message) => message.role === 'tool')
			.map((message) => ({ callId: String(message.tool_call_id), output: text(message.content) })),
	};
}

function responsesTurn(body: Json): Turn {
	const input = (typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : (body.input ?? [])) as Json[];
	const tools = ((body.tools ?? []) as Array<Json>)
		.filter((tool) => tool.type === 'function')
		.map((tool) => ({ name: String(tool.name), description: String(tool.description), parameters: tool.parameters as OfferedTool['parameters'] }));
	return {
		api: 'responses',
		model: String(body.model),
		tools,
		question: text(input.filter((item) => item.role === 'user').at(-1)?.content),
		results: input
			.filter((item) => item.type === 'function_call_output')
			.map((item) => ({ callId: String(item.call_id), output: text(item.output) })),
	};
}

const id = (prefix: string) => `${prefix}${randomBytes(8).toString('hex')}`;

function chatAnswer(turn: Turn, reply: Reply): Json {
	const message =
		'call' in reply
			? {
					role: 'assistant',
					content: null,
					tool_calls: [{ id: id('call_'), type: 'function', function: { name: reply.call.name, arguments: JSON.stringify(reply.call.arguments) } }],
				}
			: { role: 'assistant', content: reply.text };
	return {
		id: id('chatcmpl-'),
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: turn.model,
		choices: [{ index: 0, message, logprobs: null, finish_reason: 'call' in reply ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
	};
}

function responsesAnswer(turn: Turn, reply: Reply): Json {
	const output =
		'call' in reply
			? [{ type: 'function_call', id: id('fc_'), call_id: id('call_'), name: reply.call.name, arguments: JSON.stringify(reply.call.arguments), status: 'completed' }]
			: [{ type: 'message', id: id('msg_'), role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: reply.text, annotations: [] }] }];
	return {
		id: id('resp_'),
		object: 'response',
		created_at: Math.floor(Date.now() / 1000),
		status: 'completed',
		model: turn.model,
		output,
		parallel_tool_calls: true,
		tool_choice: 'auto',
		tools: [],
		usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
	};
}

/**
 * How a model answers "which keys in the <project> project were never used?" with the tools of
 * examples/admin-assistant.json: List projects, then List API keys of a project with the ID it read
 * there, then a message naming the keys whose `last_used_at` is null. Undefined for a turn without
 * those tools.
 */
export function neverUsedKeysScript(projectName: string): (turn: Turn) => Reply | undefined {
	return (turn) => {
		if (!turn.tools.some((tool) => tool.name === 'List_projects')) return undefined;
		if (turn.results.length === 0) return { call: { name: 'List_projects', arguments: {} } };
		if (turn.results.length === 1) {
			const projects = JSON.parse(turn.results[0].output) as Array<{ id: string; name: string }>;
			const project = projects.find((candidate) => candidate.name === projectName);
			if (!project) return { text: `There is no project called ${projectName}.` };
			return { call: { name: 'List_API_keys_of_a_project', arguments: { projectId: project.id } } };
		}
		const keys = JSON.parse(turn.results[1].output) as Array<{ id: string; name: string; last_used_at: number | null }>;
		return { text: neverUsedAnswer(projectName, keys) };
	};
}

/** The answer `neverUsedKeysScript` gives for these keys of the project. */
export function neverUsedAnswer(projectName: string, keys: Array<{ id: string; name: string; last_used_at: number | null }>): string {
	const never = keys.filter((key) => key.last_used_at === null);
	return `Never used in ${projectName}: ${never.map((key) => `${key.name} (${key.id})`).join(', ')}.`;
}

export async function startChatModel(script: (turn: Turn) => Reply): Promise<ChatModelStandIn> {
	const apiKey = `sk-stand-in-${randomBytes(6).toString('hex')}`;
	const requests: ModelRequest[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			const send = (status: number, body: Json) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			const path = (req.url ?? '').split('?')[0];
			const api: ModelApi | undefined = path === '/v1/chat/completions' ? 'chat' : path === '/v1/responses' ? 'responses' : undefined;
			if (req.method !== 'POST' || !api) {
				send(404, { error: { message: `The stand-in serves POST /v1/chat/completions and /v1/responses, not ${req.method} ${path}`, type: 'invalid_request_error' } });
				return;
			}
			try {
				const body = JSON.parse(raw) as Json;
				if (body.stream) throw new Error('streaming is not served by the stand-in');
				const turn = api === 'chat' ? chatTurn(body) : responsesTurn(body);
				const reply = script(turn);
				requests.push({ path, authorization: req.headers.authorization, raw, turn, reply });
				send(200, api === 'chat' ? chatAnswer(turn, reply) : responsesAnswer(turn, reply));
			} catch (error) {
				requests.push({ path, authorization: req.headers.authorization, raw, turn: { api, model: '', tools: [], question: '', results: [] }, reply: { text: `stand-in error: ${(error as Error).message}` } });
				send(400, { error: { message: (error as Error).message, type: 'invalid_request_error' } });
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		apiKey,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
