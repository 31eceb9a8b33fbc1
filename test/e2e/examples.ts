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
