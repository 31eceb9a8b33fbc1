/**
 * A throwaway n8n community node package, generated into a temp dir at test time, to prove that a
 * real n8n loads a community package (node + credential), resolves its `require('n8n-workflow')`,
 * applies the credential's `authenticate` to `httpRequestWithAuthentication`, and runs the node, both
 * from `n8n execute` and from `n8n start`. Never committed as a node of this repo.
 *
 * Node type: `n8n-nodes-e2e-probe.e2eProbe` (installed in the nodes folder) or `CUSTOM.e2eProbe`
 * (loaded through N8N_CUSTOM_EXTENSIONS). Credential type: `e2eProbeApi` { baseUrl, token }.
 * For each input item the node GETs `${baseUrl}/echo?greeting=…` (if Call Echo) with the credential and outputs
 * { ...item, probe: <greeting>, echo: <response body>, nodeVersion, hasNodeOperationError }.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const PROBE_PACKAGE_NAME = 'n8n-nodes-e2e-probe';
export const PROBE_NODE = 'e2eProbe';
export const PROBE_CREDENTIAL = 'e2eProbeApi';

const NODE_JS = `'use strict';
// Resolved at run time from inside n8n, like every community node's import of n8n-workflow.
const { NodeOperationError } = require('n8n-workflow');

class E2eProbe {
	constructor() {
		this.description = {
			displayName: 'E2E Probe',
			name: 'e2eProbe',
			icon: 'file:probe.svg',
			group: ['transform'],
			version: 1,
			description: 'Throwaway node used by the end-to-end tests',
			defaults: { name: 'E2E Probe' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'e2eProbeApi', required: false }],
			properties: [
				{ displayName: 'Greeting', name: 'greeting', type: 'string', default: 'hello' },
				{ displayName: 'Call Echo', name: 'callEcho', type: 'boolean', default: false },
			],
		};
	}

	async execute() {
		const items = this.getInputData();
		const out = [];
		for (let i = 0; i < items.length; i++) {
			const greeting = this.getNodeParameter('greeting', i);
			if (greeting === 'fail') throw new NodeOperationError(this.getNode(), 'asked to fail', { itemIndex: i });
			const json = {
				...items[i].json,
				probe: greeting,
				nodeVersion: process.version,
				hasNodeOperationError: typeof NodeOperationError === 'function',
			};
			if (this.getNodeParameter('callEcho', i)) {
				const credentials = await this.getCredentials('e2eProbeApi');
				json.echo = await this.helpers.httpRequestWithAuthentication.call(this, 'e2eProbeApi', {
					method: 'GET',
					url: credentials.baseUrl + '/echo?greeting=' + encodeURIComponent(greeting),
					json: true,
				});
			}
			out.push({ json, pairedItem: { item: i } });
		}
		return [out];
	}
}

module.exports = { E2eProbe };
`;

const CREDENTIAL_JS = `'use strict';
class E2eProbeApi {
	constructor() {
		this.name = 'e2eProbeApi';
		this.displayName = 'E2E Probe API';
		this.properties = [
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'http://127.0.0.1' },
			{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
		];
		this.authenticate = {
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.token}}' } },
		};
	}
}
module.exports = { E2eProbeApi };
`;

const ICON_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>\n';

/** Write the probe package (already "built": plain JS under dist/) into a new temp dir; returns it. */
export function createProbePackage(parentDir: string = os.tmpdir()): string {
	const dir = fs.mkdtempSync(path.join(parentDir, 'n8n-e2e-probe-'));
	const write = (rel: string, content: string) => {
		fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
		fs.writeFileSync(path.join(dir, rel), content);
	};
	write(
		'package.json',
		JSON.stringify(
			{
				name: PROBE_PACKAGE_NAME,
				version: '0.0.1',
				description: 'Throwaway community node package for end-to-end tests',
				license: 'MIT',
				keywords: ['n8n-community-node-package'],
				main: 'index.js',
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					credentials: ['dist/credentials/E2eProbeApi.credentials.js'],
					nodes: ['dist/nodes/E2eProbe/E2eProbe.node.js'],
				},
				peerDependencies: { 'n8n-workflow': '*' },
				devDependencies: { typescript: '5.9.3' },
			},
			null,
			2,
		),
	);
	write('index.js', 'module.exports = {};\n');
	write('dist/nodes/E2eProbe/E2eProbe.node.js', NODE_JS);
	write('dist/nodes/E2eProbe/probe.svg', ICON_SVG);
	write('dist/credentials/E2eProbeApi.credentials.js', CREDENTIAL_JS);
	return dir;
}
