/**
 * The node's Return All against what an n8n user builds without this package: n8n's own HTTP Request
 * node with pagination ("Update a Parameter in Each Request": `after` = `{{ $response.body.last_id }}`,
 * complete when `{{ !$response.body.has_more }}`), then a Split Out of `data`. Both run in one real
 * n8n process, n8n 1.x from the end-to-end tests' cache (installed there when missing), over the same
 * list of the benchmark's sandbox.
 *
 * Why a started n8n with two webhook workflows rather than one workflow run by `n8n execute`: each
 * `execute` is a new process, so every run would pay module loading and a cold JIT, and within one
 * workflow the branch that runs first pays them for the other. One `n8n start` serves both
 * workflows; each is called once to warm up, then they take turns, first one then the other.
 *
 * Times come from n8n's own run data of each stored execution: from the start of the node that lists
 * to the end of the last node (the OpenAI Admin node alone; HTTP Request then Split Out), so neither
 * the webhook's HTTP round trip nor saving the execution counts. Requests are the sandbox's count.
 */
import path from 'node:path';

import {
	activateWorkflow,
	callWebhook,
	createN8nHome,
	getExecutions,
	importCredentials,
	importWorkflows,
	installN8n,
	loadCommunityPackage,
	removeN8nHome,
	startN8n,
	type N8nHome,
	type N8nRun,
	type N8nServer,
} from '../test/e2e/n8n';

const ROOT = path.resolve(__dirname, '..');

export interface HttpRequestComparison {
	n8nVersion: string;
	/** Per list size: requests and milliseconds of every run, the node's and the HTTP Request node's. */
	sizes: Record<number, { node: { requests: number[]; ms: number[] }; httpRequest: { requests: number[]; ms: number[] } }>;
}

export interface ComparisonTarget {
	baseUrl: string;
	adminKey: string;
	/** The project whose keys are listed, per list size. */
	projects: Record<number, string>;
	repeats: number;
	/** Empties the sandbox's request log. */
	reset: () => Promise<void>;
	/** Requests the sandbox answered for a path since the last reset. */
	requestsFor: (path: string) => Promise<number>;
}

const WEBHOOK = { node: 'bench-openai-admin-node', httpRequest: 'bench-http-request-node' } as const;

const webhookNode = (webhookPath: string, webhookId: string) => ({
	id: `${webhookId}-trigger`,
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	webhookId,
	// Answers once the run has finished; the figures come from the stored run, not from the answer.
	parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', responseData: 'noData', options: {} },
});

/** A workflow of `nodes` in a row, 240 apart, each feeding the next. */
function inARow<Node extends { name: string }>(name: string, nodes: Node[]) {
	return {
		name,
		nodes: nodes.map((node, index) => ({ ...node, position: [240 * index, 0] })),
		connections: Object.fromEntries(
			nodes.slice(1).map((node, index) => [nodes[index].name, { main: [[{ node: node.name, type: 'main', index: 0 }]] }]),
		),
		settings: { executionOrder: 'v1' },
	};
}

function nodeWorkflow() {
	return inARow('bench: OpenAI Admin node, Return All', [
		webhookNode(WEBHOOK.node, '6f0b6d1e-2b7c-4a55-9d0e-1c3f5a7b9d01'),
		{
			id: 'bench-openai-admin',
			name: 'OpenAI Admin',
			type: 'n8n-nodes-openai-admin.openAiAdmin',
			typeVersion: 1,
			parameters: {
				resource: 'projectApiKey',
				operation: 'getMany',
				projectId: { __rl: true, mode: 'id', value: '={{ $json.body.projectId }}' },
				returnAll: true,
			},
			credentials: { openAiAdminApi: { id: 'benchOpenAiAdmin', name: 'bench OpenAI Admin' } },
		},
	]);
}

/** What a user writes for the same list with n8n's own nodes and a Header Auth credential. */
function httpRequestWorkflow(baseUrl: string) {
	return inARow('bench: HTTP Request node with pagination, Split Out', [
		webhookNode(WEBHOOK.httpRequest, '6f0b6d1e-2b7c-4a55-9d0e-1c3f5a7b9d02'),
		{
			id: 'bench-http-request',
			name: 'HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'GET',
				url: `=${baseUrl}/organization/projects/{{ $json.body.projectId }}/api_keys`,
				authentication: 'genericCredentialType',
				genericAuthType: 'httpHeaderAuth',
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'limit', value: '100' }] },
				options: {
					pagination: {
						pagination: {
							paginationMode: 'updateAParameterInEachRequest',
							parameters: { parameters: [{ type: 'qs', name: 'after', value: '={{ $response.body.last_id }}' }] },
							paginationCompleteWhen: 'other',
							completeExpression: '={{ !$response.body.has_more }}',
						},
					},
				},
			},
			credentials: { httpHeaderAuth: { id: 'benchHeaderAuth', name: 'bench Authorization header' } },
		},
		{
			id: 'bench-split-out',
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'data', include: 'noOtherFields', options: {} },
		},
	]);
}

interface TaskTiming {
	startTime: number;
	executionTime: number;
	data?: { main?: Array<Array<unknown> | null> };
}

/** From the start of `first` to the end of `last` in a run, and the items `last` put out. */
function span(run: N8nRun, first: string, last: string): { ms: number; items: number } {
	const task = (name: string) => {
		const found = run.data.resultData.runData[name]?.[0] as TaskTiming | undefined;
		if (!found) throw new Error(`node ${name} did not run (${run.status ?? 'no status'}): ${JSON.stringify(run.data.resultData.error ?? null)}`);
		return found;
	};
	const end = task(last);
	return { ms: end.startTime + end.executionTime - task(first).startTime, items: end.data?.main?.[0]?.length ?? 0 };
}

type Kind = keyof typeof WEBHOOK;

/**
 * Runs the comparison; n8n's home and process are removed and stopped whatever happens. The caller
 * owns the sandbox, its lists and its latency.
 */
export async function compareWithHttpRequestNode(target: ComparisonTarget): Promise<HttpRequestComparison> {
	const install = await installN8n(1);
	let home: N8nHome | undefined;
	let server: N8nServer | undefined;
	try {
		home = createN8nHome(install, { label: 'bench' });
		await loadCommunityPackage(home, ROOT);
		await importCredentials(home, [
			{ id: 'benchOpenAiAdmin', name: 'bench OpenAI Admin', type: 'openAiAdminApi', data: { apiKey: target.adminKey, baseUrl: target.baseUrl } },
			{ id: 'benchHeaderAuth', name: 'bench Authorization header', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${target.adminKey}` } },
		]);
		const [nodeId, httpRequestId] = await importWorkflows(home, [nodeWorkflow(), httpRequestWorkflow(target.baseUrl)]);
		await activateWorkflow(home, nodeId);
		await activateWorkflow(home, httpRequestId);
		server = await startN8n(home);
		const workflowOf: Record<Kind, string> = { node: nodeId, httpRequest: httpRequestId };

		/** One call; its requests, then (read back at the end) its run. */
		const calls: Array<{ kind: Kind; size: number; requests: number }> = [];
		const call = async (kind: Kind, size: number) => {
			await target.reset();
			const answer = await callWebhook(server!, WEBHOOK[kind], { projectId: target.projects[size] });
			if (answer.status !== 200) throw new Error(`${kind} run over ${size} items answered ${answer.status}: ${answer.text}`);
			calls.push({ kind, size, requests: await target.requestsFor(`/organization/projects/${target.projects[size]}/api_keys`) });
		};

		const sizes = Object.keys(target.projects).map(Number);
		// Warm-up: n8n loads each node's code and compiles its expressions on the first run.
		await call('node', sizes[0]);
		await call('httpRequest', sizes[0]);
		for (const size of sizes) {
			for (let repeat = 0; repeat < target.repeats; repeat++) {
				const order: Kind[] = repeat % 2 === 0 ? ['node', 'httpRequest'] : ['httpRequest', 'node'];
				for (const kind of order) await call(kind, size);
			}
		}

		const runs: Record<Kind, N8nRun[]> = { node: [], httpRequest: [] };
		for (const kind of ['node', 'httpRequest'] as const) {
			const executions = await getExecutions(home, { workflowId: workflowOf[kind] });
			runs[kind] = executions.map((execution) => {
				if (execution.status !== 'success' || !execution.run) throw new Error(`a ${kind} run ended ${execution.status}`);
				return execution.run;
			});
		}
		const result: HttpRequestComparison = { n8nVersion: install.version, sizes: {} };
		const seen: Record<Kind, number> = { node: 0, httpRequest: 0 };
		for (const [index, { kind, size, requests }] of calls.entries()) {
			const run = runs[kind][seen[kind]++];
			const { ms, items } = kind === 'node' ? span(run, 'OpenAI Admin', 'OpenAI Admin') : span(run, 'HTTP Request', 'Split Out');
			if (items !== size) throw new Error(`the ${kind} run over ${size} items put out ${items}`);
			if (index < 2) continue; // the warm-up
			result.sizes[size] ??= { node: { requests: [], ms: [] }, httpRequest: { requests: [], ms: [] } };
			result.sizes[size][kind].requests.push(requests);
			result.sizes[size][kind].ms.push(ms);
		}
		return result;
	} finally {
		await server?.stop();
		if (home) removeN8nHome(home);
	}
}
