/**
 * How often the node reads its credential, through n8n's execution engine (n8n-core's
 * `getCredentials` and `httpRequestWithAuthentication`) against the sandbox. In n8n each read is a
 * database query, a decryption and the credential's defaults and expressions applied; the node reads
 * it once per item and hands it to n8n's request helper, which would otherwise read it again for every
 * request. The engine's credential store counts the reads.
 */
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { errorOf, N8nEngine, outputOf } from '../../engine';
import type { Sandbox } from '../../sandbox';
import { byId, NODE_NAME, nodeUnderTest, sourceTypes } from '../helpers/runNode';
import { useSandbox } from '../helpers/sandbox';

const engine = new N8nEngine(sourceTypes());

/** Runs the node once with `items` input items; returns its output and how often the credential was read. */
async function run(sandbox: Sandbox, parameters: INodeParameters, items = 1) {
	let reads = 0;
	const credential = { apiKey: sandbox.adminKey, baseUrl: sandbox.baseUrl };
	const credentials: Record<string, ICredentialDataDecryptedObject> = {
		get openAiAdminApi() {
			reads++;
			return credential;
		},
	};
	const result = await engine.run(
		{
			nodes: [nodeUnderTest(parameters)],
			connections: {},
		},
		{ credentials, input: Array.from({ length: items }, () => ({ json: {} })) },
	);
	return { error: errorOf(result), items: outputOf(result, NODE_NAME), reads };
}

describe('the credential', () => {
	const sandbox = useSandbox({ projects: 1, keysPerProject: 0 });
	const project = () => sandbox().state.projects.find((p) => !p.is_default)!;
	const listKeys = (): INodeParameters => ({
		resource: 'projectApiKey',
		operation: 'getMany',
		projectId: byId(project().id),
		returnAll: true,
	});

	it('is read once for a Return All of four pages, a retried request among them', async () => {
		sandbox().state.addApiKeys(project().id, 350);
		sandbox().addFault({ kind: 'status', status: 503, path: `/organization/projects/${project().id}/api_keys`, skip: 1, times: 1 });

		const { error, items, reads } = await run(sandbox(), listKeys());

		expect(error).toBeUndefined();
		expect(items).toHaveLength(350);
		expect(sandbox().requests.map((request) => request.status)).toEqual([200, 503, 200, 200, 200]);
		expect(reads).toBe(1);
	});

	it('is read once per item', async () => {
		sandbox().state.addApiKeys(project().id, 120);

		const { error, items, reads } = await run(sandbox(), listKeys(), 3);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(360);
		expect(sandbox().requests).toHaveLength(6);
		expect(reads).toBe(3);
	});

	it('is read once for the key audit, which lists several projects and the users', async () => {
		sandbox().state.addProjects(2, { apiKeys: 3 });

		const { error, items, reads } = await run(sandbox(), { resource: 'projectApiKey', operation: 'auditAllProjects', concurrency: 2 });

		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(0);
		expect(sandbox().requests.length).toBeGreaterThanOrEqual(4);
		expect(reads).toBe(1);
	});
});
