/**
 * The benchmark's sandbox, in its own process, so that the bench process's memory and event loop hold
 * only the client under test. Driven over IPC by bench/run.ts: one request message, one answer.
 */
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { DAY, seedUsage } from '../sandbox/usage';

export type SandboxCommand =
	| { cmd: 'start'; latencyMs: number; lists: Record<string, number> }
	| { cmd: 'startAudit'; latencyMs: number; projects: number; keysPerProject: number; costDays: number }
	| { cmd: 'stats'; path?: string }
	| { cmd: 'reset' }
	| { cmd: 'rateLimit'; requests?: number; windowMs?: number }
	| { cmd: 'close' };

export interface Started {
	baseUrl: string;
	adminKey: string;
	/** Project id by list name, each project holding that many API keys. */
	projects: Record<string, string>;
}

export interface AuditStarted {
	baseUrl: string;
	adminKey: string;
	keys: number;
	/** The fewest requests an audit of every key can make: ceil(projects/100) + Σ ceil(keys/100) + ceil(users/100). */
	minimumRequests: number;
}

export interface Stats {
	/** Requests for `path` since the last reset. */
	requests: number;
	/** Of those, answered 429. */
	rateLimited: number;
	/** The most requests the sandbox had open at once. */
	maxInFlight: number;
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
		case 'startAudit': {
			// An organization of its own: `projects` projects of `keysPerProject` keys, owners of every kind,
			// and `costDays` days of costs up to today (the audit's spend window ends today).
			await sandbox?.close();
			const today = Math.floor(Date.now() / 1000 / DAY) * DAY;
			sandbox = await startSandbox({ quiet: true, seed: 2, projects: 0, defaultProject: false, users: 20, epoch: today });
			const { state } = sandbox;
			const projects = state.addProjects(message.projects, { users: 2, serviceAccounts: 1, apiKeys: message.keysPerProject, mixedKeys: true });
			state.usage = seedUsage(state.projects, 2, today, message.costDays);
			if (message.latencyMs > 0) sandbox.addFault({ kind: 'latency', latencyMs: message.latencyMs });
			const pages = (count: number) => Math.max(1, Math.ceil(count / 100));
			const started: AuditStarted = {
				baseUrl: sandbox.baseUrl,
				adminKey: sandbox.adminKey,
				keys: projects.reduce((sum, project) => sum + project.apiKeys.length, 0),
				minimumRequests:
					pages(projects.length) +
					projects.reduce((sum, project) => sum + pages(project.apiKeys.length), 0) +
					pages(state.organizationUsers.length),
			};
			return started;
		}
		case 'stats': {
			const matching = sandbox!.requests.filter((request) => message.path === undefined || request.path === message.path);
			const stats: Stats = {
				requests: matching.length,
				rateLimited: matching.filter((request) => request.status === 429).length,
				maxInFlight: Math.max(0, ...matching.map((request) => request.inFlight)),
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
