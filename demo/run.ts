/**
 * The main job: a workflow that administers an organization end to end, run by the real n8n
 * execution engine against the local sandbox. No OpenAI account and no network are needed.
 *
 *   npm run demo            (builds first; loads the built package from dist/ the way n8n does)
 */
import { resolve } from 'node:path';

import type { IDataObject, INode, INodeExecutionData, IRun } from 'n8n-workflow';

import { loadPackage, N8nEngine, shutdownEngine } from '../engine';
import { startSandbox } from '../sandbox';

const PACKAGE_DIR = resolve(__dirname, '..');
const NODE_TYPE = 'n8n-nodes-openai-admin.openAiAdmin';
const CREDENTIALS = { openAiAdminApi: { id: 'demo', name: 'OpenAI Admin (sandbox)' } };

interface Step {
	name: string;
	parameters: INode['parameters'];
	/** Steps after a list run once, not once per listed item. */
	executeOnce?: boolean;
	summarize(items: INodeExecutionData[]): string;
}

const projectOfStep2 = "={{ $('Create a project').first().json.id }}";
const byExpression = (value: string) => ({ __rl: true, mode: 'id', value });

function steps(newMemberEmail: string): Step[] {
	return [
		{
			name: 'List projects',
			parameters: { resource: 'project', operation: 'getMany', returnAll: true },
			summarize: (items) =>
				`${items.length} active projects, e.g. ${items
					.slice(0, 3)
					.map((item) => `"${item.json.name}"`)
					.join(', ')}`,
		},
		{
			name: 'Create a project',
			executeOnce: true,
			parameters: { resource: 'project', operation: 'create', name: 'Demo: data science sandbox' },
			summarize: ([item]) => `created ${item.json.id} "${item.json.name}" (${item.json.status})`,
		},
		{
			name: 'Add a person',
			parameters: {
				resource: 'projectUser',
				operation: 'add',
				projectId: byExpression(projectOfStep2),
				identifyBy: 'email',
				email: newMemberEmail,
				role: 'owner',
			},
			summarize: ([item]) => `${item.json.email} joined as ${item.json.role}`,
		},
		{
			name: 'Create a service account',
			parameters: {
				resource: 'projectServiceAccount',
				operation: 'create',
				projectId: byExpression(projectOfStep2),
				name: 'Demo pipeline',
			},
			summarize: ([item]) => {
				const key = item.json.api_key as IDataObject | null;
				const shown = typeof key?.value === 'string' ? `${key.value.slice(0, 11)}…` : 'none';
				return `${item.json.id} "${item.json.name}", one-time key ${shown} (store it now)`;
			},
		},
		{
			name: 'List the API keys',
			parameters: {
				resource: 'projectApiKey',
				operation: 'getMany',
				projectId: byExpression(projectOfStep2),
				returnAll: true,
				filters: { owner_project_access: 'any' },
			},
			summarize: (items) =>
				`${items.length} key(s): ${items
					.map((item) => `${item.json.name} ${item.json.redacted_value} (${(item.json.owner as IDataObject)?.type})`)
					.join(', ')}`,
		},
		{
			name: 'Archive the project',
			executeOnce: true,
			parameters: { resource: 'project', operation: 'archive', projectId: byExpression(projectOfStep2) },
			summarize: ([item]) => `${item.json.id} is now ${item.json.status}`,
		},
	];
}

function workflowOf(chain: Step[]) {
	const nodes: INode[] = chain.map((step, index) => ({
		id: `step-${index + 1}`,
		name: step.name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [index * 220, 0],
		parameters: step.parameters,
		credentials: CREDENTIALS,
		executeOnce: step.executeOnce,
	}));
	const connections = Object.fromEntries(
		chain.slice(0, -1).map((step, index) => [
			step.name,
			{ main: [[{ node: chain[index + 1].name, type: 'main' as const, index: 0 }]] },
		]),
	);
	return { nodes, connections };
}

function report(run: IRun, chain: Step[]): boolean {
	const { runData, error } = run.data.resultData;
	chain.forEach((step, index) => {
		const task = runData[step.name]?.[0];
		const items = task?.data?.main?.[0] ?? [];
		const line = task?.error ? `FAILED: ${task.error.message}` : task ? step.summarize(items) : 'did not run';
		console.log(`${index + 1}. ${step.name.padEnd(26)} ${line}`);
	});
	if (error) console.log(`\nThe workflow stopped: ${error.message}`);
	return !error;
}

async function main() {
	const sandbox = await startSandbox({ seed: 1, projects: 12, quiet: true });
	try {
		const engine = new N8nEngine(await loadPackage(PACKAGE_DIR));
		const newMember = sandbox.state.organizationUsers[sandbox.state.organizationUsers.length - 1];
		const chain = steps(newMember.email);
		console.log(`OpenAI Admin demo: n8n's execution engine against the sandbox at ${sandbox.baseUrl}\n`);
		const run = await engine.run(workflowOf(chain), {
			credentials: { openAiAdminApi: { apiKey: sandbox.adminKey, baseUrl: sandbox.baseUrl } },
		});
		const ok = report(run, chain);
		console.log(`\n${sandbox.requests.length} API requests; ${ok ? 'all steps succeeded' : 'see the failure above'}.`);
		process.exitCode = ok ? 0 : 1;
	} finally {
		await sandbox.close();
		shutdownEngine();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
