import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
	method: string;
	/** The request target as sent, before any decoding. */
	rawUrl: string;
	path: string;
	query: URLSearchParams;
	/** The request body as text ('' for none). */
	body: string;
}

export interface LocalServer {
	baseUrl: string;
	requests: Received[];
	close(): Promise<void>;
}

/**
 * A bare HTTP server that answers every request with `answer`'s JSON and records it raw, for
 * behaviour the sandbox has no endpoint for (other cursor styles, array query parameters).
 */
export async function startServer(answer: (request: Received) => unknown): Promise<LocalServer> {
	const requests: Received[] = [];
	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const received = { method: req.method ?? '', rawUrl: req.url ?? '', path: url.pathname, query: url.searchParams, body: '' };
		requests.push(received);
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => (received.body += chunk));
		req.on('end', () => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(answer(received)));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		requests,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
