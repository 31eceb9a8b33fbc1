/**
 * Shared by the reliability suites: a sandbox per test that also works in `it.concurrent` (the
 * hooks of `useSandbox` do not), and small readers of the sandbox's request log.
 */
import type { Sandbox, SandboxOptions } from '../../sandbox';
import { startSandbox } from '../../sandbox';

/** Starts a sandbox for one test body and always closes it. */
export async function withSandbox<T>(options: SandboxOptions, body: (sandbox: Sandbox) => Promise<T>): Promise<T> {
	const sandbox = await startSandbox({ quiet: true, ...options });
	try {
		return await body(sandbox);
	} finally {
		await sandbox.close();
	}
}

/** A small organization: one empty project besides the default one, a few organization users. */
export const EMPTY_ORG: SandboxOptions = {
	projects: 1,
	users: 4,
	usersPerProject: 0,
	serviceAccountsPerProject: 0,
	keysPerProject: 0,
	rateLimitsPerProject: 0,
};

/** The first project that is not the organization's default one. */
export function firstProject(sandbox: Sandbox) {
	const project = sandbox.state.projects.find((candidate) => !candidate.is_default);
	if (!project) throw new Error('the sandbox has no project besides the default one');
	return project;
}

/** The `after` cursor of every request to a path, in order (undefined for a first page). */
export function cursors(sandbox: Sandbox, path: string | RegExp): Array<string | undefined> {
	return sandbox.requests
		.filter((request) => (typeof path === 'string' ? request.path === path : path.test(request.path)))
		.map((request) => request.query.after);
}

/** How many requests the sandbox answered with its token bucket's 429. */
export function rateLimited(sandbox: Sandbox): number {
	return sandbox.requests.filter((request) => request.fault === 'rate_limit').length;
}

/** Options that keep retries short in tests: header-less backoff is bounded by the wait limit. */
export const FAST_RETRIES = { maxRetries: 3, maxRetryWaitSeconds: 5 };

/** Where nothing listens (port 1 is privileged and unused): every connection is refused at once. */
export const REFUSING_BASE_URL = 'http://127.0.0.1:1/v1';
