/**
 * The benchmark's sandbox, in its own process, so that the bench process's memory and event loop hold
 * only the client under test. Driven over IPC by bench/run.ts: one request message, one answer.
 */
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';

export type SandboxCommand =
	| { cmd: 'start'; latencyMs: number; lists: Record<string, number> }
	| { cmd: 'stats'; path: string }
	| { cmd: 'reset' }
	| { cmd: 'rateLimit'; requests?: number; windowMs?: number }
	| { cmd: 'close' };

export interface Started {
	baseUrl: string;
	adminKey: string;
	/** Project id by list name, each project holding that many API keys. */
	projects: Record<string, string>;
}

export interface Stats {
	/** Requests for `path` since the last reset. */
	requests: number;
	/** Of those, answered 429. */
	rateLimited: number;
}

let sandbox: Sandbox | undefined;

async function handle(message: SandboxCommand): Promise<unknown> {
	switch (message.cmd) {
		case 'start': {
			sandbox = await startSandbox({ quiet: true, seed: 1, projects: 0 });
			const { state } = sandbox;
			const names = Object.keys(message.lists);
			const projects = state.addProjects(names.length);
			const ids: Record<string, string> = {};
			names.forEach((name, index) => {
				state.addApiKeys(projects[index].id, message.lists[name]);
				ids[name] = projects[index].id;
			});
			if (message.latencyMs > 0) sandbox.addFault({ kind: 'latency', latencyMs: message.latencyMs });
			const started: Started = { baseUrl: sandbox.baseUrl, adminKey: sandbox.adminKey, projects: ids };
			return started;
		}
		case 'stats': {
			const matching = sandbox!.requests.filter((request) => request.path === message.path);
			const stats: Stats = {
				requests: matching.length,
				rateLimited: matching.filter((request) => request.status === 429).length,
			};
			return stats;
		}
		case 'reset':
			sandbox!.resetLog();
			return null;
		case 'rateLimit':
			sandbox!.setRateLimit(
				message.requests && message.windowMs
					? { requests: message.requests, windowMs: message.windowMs }
					: undefined,
			);
			return null;
		case 'close':
			await sandbox?.close();
			setImmediate(() => process.exit(0));
			return null;
	}
}

process.on('message', (envelope: { id: number; message: SandboxCommand }) => {
	handle(envelope.message).then(
		(result) => process.send!({ id: envelope.id, result }),
		(error: Error) => process.send!({ id: envelope.id, error: error.stack ?? String(error) }),
	);
});
