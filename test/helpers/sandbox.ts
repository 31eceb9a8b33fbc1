import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox, SandboxOptions } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import type { NodeRun, RunNodeOptions } from './runNode';
import { runNode } from './runNode';

/** A fresh sandbox for every test of the calling `describe`. */
export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeEach(async () => {
		sandbox = await startSandbox({ quiet: true, ...options });
	});
	afterEach(async () => {
		await sandbox?.close();
		sandbox = undefined;
	});
	return () => {
		if (!sandbox) throw new Error('The sandbox runs only inside a test');
		return sandbox;
	};
}

/** Runs the node with a credential pointing at the sandbox. */
export async function runAgainst(
	sandbox: Sandbox,
	parameters: INodeParameters,
	options: Omit<RunNodeOptions, 'api'> = {},
): Promise<NodeRun> {
	return await runNode(parameters, { ...options, api: sandbox });
}

/** What the sandbox received, without the noise: method, raw path, query and body. */
export function calls(sandbox: Sandbox) {
	return sandbox.requests.map(({ method, path, query, body }) => ({ method, path, query, body }));
}
