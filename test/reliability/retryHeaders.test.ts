/**
 * Retry headers as a server or proxy may really send them, through real n8n execution against a
 * bare HTTP server (the sandbox only sends well-formed ones): a blank `retry-after-ms` next to a
 * usable `Retry-After`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { byId, runNode } from '../helpers/runNode';

const PROJECT = { object: 'organization.project', id: 'proj_1', name: 'One', status: 'active' };

/** Answers the first request 429 with `headers`, every later one with the project; records arrivals. */
async function rateLimitedOnce(headers: Record<string, string>) {
	const arrivals: number[] = [];
	const server = http.createServer((req, res) => {
		arrivals.push(performance.now());
		req.resume();
		const limited = arrivals.length === 1;
		res.writeHead(limited ? 429 : 200, { 'content-type': 'application/json', ...(limited ? headers : {}) });
		res.end(JSON.stringify(limited ? { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } } : PROJECT));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		arrivals,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

describe('retry headers', () => {
	it('a blank retry-after-ms does not hide Retry-After: the retry waits the full second', async () => {
		const server = await rateLimitedOnce({ 'retry-after-ms': '', 'retry-after': '1' });
		try {
			const run = await runNode(
				{ resource: 'project', operation: 'get', projectId: byId('proj_1') },
				{ api: { baseUrl: server.baseUrl, adminKey: 'sk-admin-retry-headers' } },
			);
			expect(run.error).toBeUndefined();
			expect(run.json).toEqual([PROJECT]);
			expect(server.arrivals).toHaveLength(2);
			// A blank header read as 0 ms retried within a few milliseconds.
			expect(server.arrivals[1] - server.arrivals[0]).toBeGreaterThanOrEqual(950);
		} finally {
			await server.close();
		}
	});
});
