/**
 * The set-up every end-to-end file shares: before its tests, the n8n lines under test install (or
 * are found in the cache) at once while the package builds; `installOf(line)` is a line's install. A
 * line whose install failed fails its own tests only.
 */
import { buildPackage } from './community-package';
import { activateWorkflow, type N8nHome } from './n8n-home';
import { E2E_LINES, installLines, type N8nInstall, type N8nLine } from './n8n-install';
import { startN8n, type N8nServer } from './n8n-server';

export function useN8nLines(options: { build?: boolean; meanwhile?: () => Promise<void> } = {}) {
	let installs = new Map<N8nLine, Promise<N8nInstall>>();
	beforeAll(async () => {
		installs = installLines(E2E_LINES);
		await Promise.all([options.build === false ? undefined : buildPackage(), options.meanwhile?.()]);
		await Promise.allSettled(installs.values());
	}, 30 * 60 * 1000);
	return { installOf: async (line: N8nLine): Promise<N8nInstall> => await installs.get(line)! };
}

/**
 * `n8n start` on a home for the tests of the calling describe, after activating its workflows; stopped
 * after them. Both are read when the describe starts (the file's own set-up makes them).
 */
export function useStartedN8n(home: () => N8nHome, workflowIds: () => string[]): () => N8nServer {
	let server: N8nServer | undefined;
	beforeAll(async () => {
		for (const id of workflowIds()) await activateWorkflow(home(), id);
		server = await startN8n(home());
	}, 5 * 60 * 1000);
	afterAll(async () => {
		await server?.stop();
	});
	return () => server!;
}
