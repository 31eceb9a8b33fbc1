/**
 * What the e2e files that run the workflows in examples/ share: reading them, and their credential;
 * and the workflow of the trigger alone that the trigger's own e2e files import, with that credential.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { loadCommunityPackage } from './community-package';
import { activateWorkflow, createN8nHome, importCredentials, importWorkflows, removeN8nHome, type N8nHome } from './n8n-home';
import type { N8nInstall } from './n8n-install';
import { startN8n, type N8nServer } from './n8n-server';
import { REPO_ROOT } from './processes';

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/** The credential every example refers to by id and name; a user picks their own after importing. */
export const EXAMPLE_CREDENTIAL = { id: 'openAiAdminCred1', name: 'OpenAI Admin account' };

export const NODE_TYPE = 'n8n-nodes-openai-admin.openAiAdmin';
export const TRIGGER_TYPE = 'n8n-nodes-openai-admin.openAiAdminTrigger';

/** The package's node types: every example's nodes of ours use them at version 1 with the credential reference. */
const OUR_TYPES = [NODE_TYPE, TRIGGER_TYPE];

/** An example workflow, as far as the tests read it (a type, so that it passes as a plain record). */
export type ExampleWorkflow = {
	name: string;
	nodes: Array<{
		name: string;
		type: string;
		typeVersion: number;
		parameters: Record<string, any>;
		credentials?: unknown;
		webhookId?: string;
	}>;
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
};

/** An example workflow as its file holds it. */
export function readExample<T = Record<string, unknown>>(file: string): T {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as T;
}

/** Imports the examples' credential into a home, pointed at a sandbox. */
export async function importExampleCredential(home: N8nHome, sandbox: { adminKey: string; baseUrl: string }): Promise<void> {
	await importCredentials(home, {
		...EXAMPLE_CREDENTIAL,
		type: 'openAiAdminApi',
		data: { apiKey: sandbox.adminKey, baseUrl: sandbox.baseUrl, organizationId: '' },
	});
}

/**
 * What every example must be (README, "Example workflows"): named "OpenAI Admin: …", its
 * connections between nodes it has, each OpenAI Admin node referring to the examples' credential by
 * id and name, no secret and no Code node (the Code node's sandbox differs between n8n lines).
 */
export function expectImportableExample(file: string): ExampleWorkflow {
	const text = fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
	const workflow = readExample<ExampleWorkflow>(file);
	expect(workflow.name).toMatch(/^OpenAI Admin: /);
	const names = workflow.nodes.map((node) => node.name);
	expect(new Set(names).size).toBe(names.length);
	for (const [from, { main }] of Object.entries(workflow.connections)) {
		expect(names).toContain(from);
		for (const target of main.flat()) expect(names).toContain(target.node);
	}
	const ours = workflow.nodes.filter((node) => OUR_TYPES.includes(node.type));
	expect(ours.length).toBeGreaterThan(0);
	for (const node of ours) {
		expect(node.typeVersion).toBe(1);
		expect(node.credentials).toEqual({ openAiAdminApi: EXAMPLE_CREDENTIAL });
	}
	expect(text).not.toMatch(/sk-[A-Za-z0-9-]{8,}/);
	expect(workflow.nodes.map((node) => node.type)).not.toContain('n8n-nodes-base.code');
	expect(workflow.nodes.map((node) => node.type)).not.toContain('n8n-nodes-base.function');
	return workflow;
}

/** An n8n serving one example workflow against a sandbox, as `serveExample` set it up. */
export interface ServedExample {
	home: N8nHome;
	/** The workflow's id in that n8n. */
	id: string;
	server: N8nServer;
}

/**
 * An example as a user runs it: a home with the packed package in its nodes folder, the examples'
 * credential pointing at the sandbox, the workflow imported as it is and activated, and `n8n start`.
 */
export async function serveExample(install: N8nInstall, sandbox: { adminKey: string; baseUrl: string }, workflow: Record<string, unknown>): Promise<ServedExample> {
	const home = createN8nHome(install);
	try {
		await loadCommunityPackage(home, REPO_ROOT);
		await importExampleCredential(home, sandbox);
		const [id] = await importWorkflows(home, [workflow]);
		await activateWorkflow(home, id);
		return { home, id, server: await startN8n(home) };
	} catch (error) {
		removeN8nHome(home);
		throw error;
	}
}

/** Stops what `serveExample` started and removes its home; nothing when it never finished. */
export async function stopExample(served: ServedExample | undefined): Promise<void> {
	await served?.server.stop();
	if (served) removeN8nHome(served.home);
}

/** The trigger's node in a `triggerAlone` workflow. */
export const TRIGGER_NODE = 'OpenAI Admin Trigger';

/**
 * A workflow of the OpenAI Admin Trigger alone (node `TRIGGER_NODE`, with the examples' credential),
 * polling every minute on `events` (every event when empty); `nodeId` is its node's id.
 */
export function triggerAlone(name: string, events: string[], nodeId: string) {
	return {
		name,
		nodes: [
			{
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, events, filters: {}, options: {} },
				id: nodeId,
				name: TRIGGER_NODE,
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				credentials: { openAiAdminApi: EXAMPLE_CREDENTIAL },
			},
		],
		connections: {},
	};
}
