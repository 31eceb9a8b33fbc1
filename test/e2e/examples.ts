/** What the e2e files that run the workflows in examples/ share: reading them, and their credential. */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { importCredentials, REPO_ROOT, type N8nHome } from './n8n';

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/** The credential every example refers to by id and name; a user picks their own after importing. */
export const EXAMPLE_CREDENTIAL = { id: 'openAiAdminCred1', name: 'OpenAI Admin account' };

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

/** An example workflow's nodes and connections, as far as the static checks read them. */
export type ExampleWorkflow = {
	name: string;
	nodes: Array<{ name: string; type: string; typeVersion: number; parameters: Record<string, any>; credentials?: unknown }>;
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
};

/** The package's node types, which every example's nodes of ours must use at version 1 with the credential reference. */
const OUR_TYPES = ['n8n-nodes-openai-admin.openAiAdmin', 'n8n-nodes-openai-admin.openAiAdminTrigger'];

/**
 * What every example file must be: an importable workflow named "OpenAI Admin: …" whose connections
 * join nodes it has, whose nodes of this package refer to the credential by id and name only, with no
 * secret in the file and no Code node (the Code node's sandbox differs between n8n lines). Returns the
 * workflow, for the checks of its own.
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
