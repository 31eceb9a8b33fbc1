/**
 * The set-up every end-to-end file shares: before its tests, the n8n lines under test install (or
 * are found in the cache) at once while the package builds; `installOf(line)` is a line's install. A
 * line whose install failed fails its own tests only.
 */
import { buildPackage, E2E_LINES, installLines, type N8nInstall, type N8nLine } from './n8n';

export function useN8nLines(options: { build?: boolean; meanwhile?: () => Promise<void> } = {}) {
	let installs = new Map<N8nLine, Promise<N8nInstall>>();
	beforeAll(async () => {
		installs = installLines(E2E_LINES);
		await Promise.all([options.build === false ? undefined : buildPackage(), options.meanwhile?.()]);
		await Promise.allSettled(installs.values());
	}, 30 * 60 * 1000);
	return { installOf: async (line: N8nLine): Promise<N8nInstall> => await installs.get(line)! };
}
