/**
 * n8n's AI Agent with this package's node as its tools, in a real n8n on both lines (1.x on Node 20,
 * 2.x on Node 24), against the sandbox and a stand-in for OpenAI's model API (chatModel.ts):
 *  - examples/admin-assistant.json (Chat Trigger → AI Agent 3 with an OpenAI Chat Model 1.3, which
 *    speaks the Responses API, and three OpenAI Admin tools), its Chat Trigger made reachable from
 *    outside the editor (public, Embedded Chat, Basic Auth) and nothing else changed: asked "which
 *    keys in the Data Science project were never used?", the model lists the projects, asks for
 *    the Data Science keys by the project ID it read (`$fromAI`), and answers with the keys the
 *    sandbox has that were never used;
 *  - a second agent (OpenAI Chat Model on Chat Completions) with a Create service account tool:
 *    the service account is made, the model is told that its key was withheld and where the user
 *    finds it, and no request the model received holds the key; n8n's stored execution has the key
 *    as the tool output's file `newKey`, and it is the key the sandbox issued.
 * n8n starts with N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE=true, as the README says (n8n 1.123.81 and
 * 2.41.1 no longer read it; see NOTES.md). Select lines with N8N_E2E_LINES.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { startSandbox, type Project, type Sandbox } from '../../sandbox';
import { neverUsedAnswer, neverUsedKeysScript, startChatModel, type ChatModelStandIn, type Reply, type Turn } from './chatModel';
import { EXAMPLE_CREDENTIAL, EXAMPLES_DIR, importExampleCredential, readExample } from './examples';
import { loadCommunityPackage } from './community-package';
import { waitForExecutions } from './n8n-executions';
import { activateWorkflow, createN8nHome, importCredentials, importWorkflows, removeN8nHome, type N8nHome } from './n8n-home';
import { E2E_LINES } from './n8n-install';
import { waitForWebhook } from './n8n-requests';
import { startN8n, type N8nServer } from './n8n-server';
import { REPO_ROOT } from './processes';
import { useN8nLines } from './setup';

const EXAMPLE = 'admin-assistant.json';
const TOOL_TYPE = 'n8n-nodes-openai-admin.openAiAdminTool';
const OPENAI_CREDENTIAL = { id: 'openAiCred1', name: 'OpenAI account' };
const BASIC_AUTH = { id: 'chatBasicAuth1', name: 'Chat basic auth', user: 'admin-chat', password: 'e2e-chat-password' };
const QUESTION = 'Which keys in the Data Science project were never used?';

interface Node {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
}
interface Workflow {
	name: string;
	nodes: Node[];
	connections: Record<string, Record<string, Array<Array<{ node: string; type: string; index: number }>>>>;
	settings?: Record<string, unknown>;
}

const example = readExample<Workflow>(EXAMPLE);
const chatTrigger = (workflow: Workflow) => workflow.nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.chatTrigger')!;

describe('examples/admin-assistant.json', () => {
	it('is an importable workflow: Chat Trigger → AI Agent with an OpenAI Chat Model and read-only OpenAI Admin tools, with only credential references', () => {
		const text = fs.readFileSync(path.join(EXAMPLES_DIR, EXAMPLE), 'utf8');
		expect(example.name).toMatch(/^OpenAI Admin: /);
		const byType = (type: string) => example.nodes.filter((node) => node.type === type).map((node) => node.name);
		expect(byType('@n8n/n8n-nodes-langchain.chatTrigger')).toEqual(['When chat message received']);
		expect(byType('@n8n/n8n-nodes-langchain.agent')).toEqual(['AI Agent']);
		expect(byType('@n8n/n8n-nodes-langchain.lmChatOpenAi')).toEqual(['OpenAI Chat Model']);
		const tools = example.nodes.filter((node) => node.type === TOOL_TYPE);
		expect(tools.map((node) => [node.name, node.parameters.resource, node.parameters.operation])).toEqual([
			['List projects', 'project', 'getMany'],
			['List API keys of a project', 'projectApiKey', 'getMany'],
			['Audit API keys', 'projectApiKey', 'auditAllProjects'],
		]);
		for (const tool of tools) expect(tool.credentials).toEqual({ openAiAdminApi: EXAMPLE_CREDENTIAL });
		expect(example.nodes.find((node) => node.name === 'OpenAI Chat Model')!.credentials).toEqual({ openAiApi: OPENAI_CREDENTIAL });
		// Wired as n8n wires a cluster: the trigger into the agent, the model and the tools as its sub-nodes.
		expect(example.connections['When chat message received'].main[0].map((target) => target.node)).toEqual(['AI Agent']);
		expect(example.connections['OpenAI Chat Model'].ai_languageModel[0]).toEqual([{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]);
		for (const tool of tools) expect(example.connections[tool.name].ai_tool[0]).toEqual([{ node: 'AI Agent', type: 'ai_tool', index: 0 }]);
		// The chat is the editor's own until the user makes it public (with authentication).
		expect(chatTrigger(example).parameters.public).toBeUndefined();
		expect(text).not.toMatch(/sk-[A-Za-z0-9-]{8,}/);
		expect(example.nodes.map((node) => node.type)).not.toContain('n8n-nodes-base.code');
	});
});

/** The example with its Chat Trigger reachable over HTTP with Basic Auth: the only change made to it. */
function reachableExample(): Workflow {
	const workflow = structuredClone(example);
	const trigger = chatTrigger(workflow);
	trigger.parameters = { public: true, mode: 'webhook', authentication: 'basicAuth', options: { responseMode: 'lastNode' } };
	trigger.credentials = { httpBasicAuth: { id: BASIC_AUTH.id, name: BASIC_AUTH.name } };
	return workflow;
}

/** A second agent: a chat that may create service accounts, its model on Chat Completions. */
function serviceAccountAgent(): Workflow {
	const credentials = { openAiAdminApi: EXAMPLE_CREDENTIAL };
	return {
		name: 'OpenAI Admin: agent e2e, create service account',
		nodes: [
			{
				id: 'a1c4e0f2-0b7e-4c61-9d1a-7c5e2f3b8a01',
				name: 'Chat',
				type: '@n8n/n8n-nodes-langchain.chatTrigger',
				typeVersion: 1.4,
				position: [0, 0],
				webhookId: 'b2d5f1a3-1c8f-4d72-8e2b-8d6f3a4c9b12',
				parameters: { public: true, mode: 'webhook', authentication: 'basicAuth', options: { responseMode: 'lastNode' } },
				credentials: { httpBasicAuth: { id: BASIC_AUTH.id, name: BASIC_AUTH.name } },
			},
			{ id: 'c3e6a2b4-2d9a-4e83-9f3c-9e7a4b5d0c23', name: 'AI Agent', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 3, position: [240, 0], parameters: { options: {} } },
			{
				id: 'd4f7b3c5-3eab-4f94-a04d-af8b5c6e1d34',
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.3,
				position: [80, 240],
				parameters: { model: { __rl: true, mode: 'list', value: 'gpt-4.1-mini' }, responsesApiEnabled: false, options: {} },
				credentials: { openAiApi: OPENAI_CREDENTIAL },
			},
			{
				id: 'e5a8c4d6-4fbc-4a05-b15e-b09c6d7f2e45',
				name: 'Create service account',
				type: TOOL_TYPE,
				typeVersion: 1,
				position: [320, 240],
				parameters: {
					resource: 'projectServiceAccount',
					operation: 'create',
					projectId: { __rl: true, mode: 'id', value: "={{ $fromAI('projectId', 'The ID of the project (proj_...)', 'string') }}" },
					name: "={{ $fromAI('name', 'The name of the new service account', 'string') }}",
					additionalFields: {},
					options: {},
				},
				credentials,
			},
		],
		connections: {
			Chat: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			'Create service account': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** What the stand-in model does: the way a model would use the tools it is offered. */
function modelScript(dataScience: () => Project) {
	const neverUsed = neverUsedKeysScript('Data Science');
	return (turn: Turn): Reply => {
		const offered = turn.tools.map((tool) => tool.name);
		const answer = neverUsed(turn);
		if (answer) return answer;
		if (offered.includes('Create_service_account')) {
			if (turn.results.length === 0) {
				return { call: { name: 'Create_service_account', arguments: { projectId: dataScience().id, name: 'Support bot' } } };
			}
			return { text: `Done. The tool answered: ${turn.results[0].output}` };
		}
		return { text: `No tool I know among: ${offered.join(', ')}` };
	};
}

/** A withheld key's file as n8n stored it: inline (1.x's default binary mode) or on disk (2.x's filesystem mode). */
function readStoredFile(home: N8nHome, file: { data?: string; id?: string }): string {
	if (file.id) {
		const relative = file.id.slice(file.id.indexOf(':') + 1);
		const found = findFile(path.join(home.userFolder, '.n8n'), relative);
		if (!found) throw new Error(`binary ${file.id} not found under ${home.userFolder}`);
		return fs.readFileSync(found, 'utf8').trim();
	}
	return Buffer.from(file.data ?? '', 'base64').toString('utf8').trim();
}

function findFile(dir: string, relative: string): string | undefined {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			const found = findFile(full, relative);
			if (found) return found;
		} else if (full.endsWith(relative)) return full;
	}
	return undefined;
}

const { installOf } = useN8nLines();

describe.each(E2E_LINES)('n8n line %i: the AI Agent with OpenAI Admin tools', (line) => {
	let sandbox: Sandbox;
	let model: ChatModelStandIn;
	let home: N8nHome;
	let server: N8nServer;
	let dataScience: Project;
	let ids: { assistant: string; creator: string };
	let started = 0;

	beforeAll(async () => {
		started = Date.now();
		const install = await installOf(line);
		sandbox = await startSandbox({ quiet: true, seed: 700 + line, projects: 3, keysPerProject: 3 });
		const { state } = sandbox;
		dataScience = state.projects.filter((project) => !project.is_default)[1];
		dataScience.name = 'Data Science';
		const now = Math.floor(Date.now() / 1000);
		state.addApiKeys(dataScience.id, 1, { name: 'Notebook', last_used_at: null });
		state.addApiKeys(dataScience.id, 1, { name: 'Batch scoring', owner: 'service_account', last_used_at: null });
		state.addApiKeys(dataScience.id, 1, { name: 'Dashboard', last_used_at: now - 3600 });
		model = await startChatModel(modelScript(() => dataScience));

		home = createN8nHome(install, { env: { N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true' } });
		await loadCommunityPackage(home, REPO_ROOT);
		await importExampleCredential(home, sandbox);
		await importCredentials(home, [
			{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: model.apiKey, url: model.baseUrl, header: false } },
			{ id: BASIC_AUTH.id, name: BASIC_AUTH.name, type: 'httpBasicAuth', data: { user: BASIC_AUTH.user, password: BASIC_AUTH.password } },
		]);
		const [assistant, creator] = await importWorkflows(home, [reachableExample(), serviceAccountAgent()] as unknown as Array<Record<string, unknown>>);
		ids = { assistant, creator };
		await activateWorkflow(home, assistant);
		await activateWorkflow(home, creator);
		server = await startN8n(home);
	}, 15 * 60 * 1000);

	afterAll(async () => {
		await server?.stop();
		await model?.close();
		await sandbox?.close();
		if (home) removeN8nHome(home);
		console.log(`[e2e] line ${line}: agent suite took ${((Date.now() - started) / 1000).toFixed(0)} s`);
	});

	async function chat(trigger: Node, message: string) {
		const webhookPath = `${trigger.webhookId}/chat`;
		await waitForWebhook(server, webhookPath);
		const res = await fetch(`${server.baseUrl}/webhook/${webhookPath}`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				authorization: `Basic ${Buffer.from(`${BASIC_AUTH.user}:${BASIC_AUTH.password}`).toString('base64')}`,
			},
			body: JSON.stringify({ action: 'sendMessage', sessionId: `e2e-${line}-${Date.now()}`, chatInput: message }),
		});
		const text = await res.text();
		if (res.status !== 200) throw new Error(`chat answered ${res.status}: ${text}\n--- n8n ---\n${server.output().slice(-4000)}`);
		return JSON.parse(text) as { output: string };
	}

	test('the example answers which keys of Data Science were never used, from what the sandbox returned (Responses API)', async () => {
		sandbox.resetLog();
		model.requests.length = 0;
		const answer = await chat(chatTrigger(example), QUESTION);

		// The model was offered the three tools (in no set order), each described by its operation's
		// action, and filled the project ID the second one asks for from what the first returned.
		const [first, second, last] = model.requests;
		expect(model.requests.map((request) => [request.path, request.reply])).toEqual([
			['/v1/responses', { call: { name: 'List_projects', arguments: {} } }],
			['/v1/responses', { call: { name: 'List_API_keys_of_a_project', arguments: { projectId: dataScience.id } } }],
			['/v1/responses', { text: expect.stringMatching(/^Never used in Data Science: /) }],
		]);
		expect(first.authorization).toBe(`Bearer ${model.apiKey}`);
		expect(first.turn.question).toBe(QUESTION);
		const offered = first.turn.tools.map((tool) => [tool.name, tool.description, Object.keys(tool.parameters.properties ?? {})]);
		expect(offered.sort()).toEqual([
			['Audit_API_keys', 'Audit the API keys of all projects in OpenAI Admin', []],
			['List_API_keys_of_a_project', 'Get many project API keys in OpenAI Admin', ['projectId']],
			['List_projects', 'Get many projects in OpenAI Admin', []],
		]);
		expect(second.turn.results).toHaveLength(1);
		expect(last.turn.results).toHaveLength(2);

		// The sandbox got the tools' requests, the second for the project the model chose.
		expect(sandbox.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /organization/projects',
			`GET /organization/projects/${dataScience.id}/api_keys`,
		]);
		// The answer names exactly the Data Science keys the sandbox has that were never used.
		const never = dataScience.apiKeys.filter((key) => key.last_used_at === null);
		expect(never.map((key) => key.name)).toEqual(expect.arrayContaining(['Notebook', 'Batch scoring']));
		expect(answer.output).toBe(neverUsedAnswer('Data Science', dataScience.apiKeys));
		for (const key of never) expect(answer.output).toContain(`${key.name} (${key.id})`);
		for (const used of dataScience.apiKeys.filter((key) => key.last_used_at !== null)) expect(answer.output).not.toContain(used.id);

		const [execution] = await waitForExecutions(home, { workflowId: ids.assistant });
		expect(execution.status).toBe('success');
	});

	test('a service account made through the agent: the model learns where the key is, never the key (Chat Completions)', async () => {
		sandbox.resetLog();
		model.requests.length = 0;
		const before = new Set(dataScience.serviceAccounts.map((account) => account.id));
		const answer = await chat(chatTrigger(serviceAccountAgent()), 'Make a service account called Support bot in Data Science.');

		expect(model.requests.map((request) => request.path)).toEqual(['/v1/chat/completions', '/v1/chat/completions']);
		expect(model.requests[0].turn.tools.map((tool) => [tool.name, tool.description, Object.keys(tool.parameters.properties ?? {}).sort()])).toEqual([
			['Create_service_account', 'Create a service account in OpenAI Admin', ['name', 'projectId']],
		]);
		expect(sandbox.requests.map((request) => [request.method, request.path, request.body])).toEqual([
			['POST', `/organization/projects/${dataScience.id}/service_accounts`, { name: 'Support bot' }],
		]);
		const made = dataScience.serviceAccounts.filter((account) => !before.has(account.id));
		expect(made.map((account) => account.name)).toEqual(['Support bot']);
		const key = dataScience.apiKeys.find((candidate) => candidate.owner.type === 'service_account' && candidate.owner.service_account.id === made[0].id)!;

		// What the model got back: the account and the statement, in api_key.value.
		const [result] = model.requests[1].turn.results;
		const [seen] = JSON.parse(result.output) as Array<{ id: string; api_key: { id: string; value: string } }>;
		expect(seen.id).toBe(made[0].id);
		expect(seen.api_key.id).toBe(key.id);
		expect(seen.api_key.value).toBe(
			'Withheld from the AI agent: the key was created, and OpenAI shows it only once. The user finds it in n8n, in this execution\'s data: the output of the node "Create service account", file "newKey" (openai-key.txt).',
		);
		expect(answer.output).toBe(`Done. The tool answered: ${result.output}`);

		// n8n kept the key with the execution, as the tool output's file; it is the key the sandbox issued.
		const [execution] = await waitForExecutions(home, { workflowId: ids.creator });
		expect(execution.status).toBe('success');
		const toolRuns = execution.run!.data.resultData.runData['Create service account'] as unknown as Array<{
			data: { ai_tool: Array<Array<{ json: unknown; binary?: Record<string, { data?: string; id?: string; fileName?: string }> }>> };
		}>;
		const stored = toolRuns[0].data.ai_tool[0][0];
		expect(stored.json).toEqual(seen);
		expect(stored.binary?.newKey?.fileName).toBe('openai-key.txt');
		// 1.x keeps binary data in the execution's data by default; 2.x in files (filesystem mode).
		if (line === 1) expect(stored.binary?.newKey?.data).toEqual(expect.any(String));
		else expect(stored.binary?.newKey?.id).toMatch(/^filesystem/);
		const secret = readStoredFile(home, stored.binary!.newKey);
		expect(secret).toMatch(/^sk-svcacct-/);
		expect(sandbox.state.keyIdOfSecret(secret)).toBe(key.id);

		// Nothing the model received holds it, nor any other unredacted key.
		for (const request of model.requests) {
			expect(request.raw).not.toContain(secret);
			expect(request.raw).not.toMatch(/sk-svcacct-[A-Za-z0-9_-]{20,}/);
		}
		expect(answer.output).not.toContain(secret);
	});
});
