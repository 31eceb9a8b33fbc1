/**
 * The sandbox's HTTP server and its lifecycle: it listens, hands every request to the pipeline, and
 * on close stops at once, with no answer left pending: open connections are destroyed and pending
 * latency waits abandoned, so a test's `await sandbox.close()` never waits on a slow fault.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { sandboxError } from './replies';

export class SandboxServer {
	private readonly server: http.Server;
	private readonly sockets = new Set<Socket>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private closed = false;

	constructor(handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) {
		this.server = http.createServer((req, res) => {
			handle(req, res).catch((err) => {
				if (res.headersSent || res.destroyed) return;
				const reply = sandboxError(String(err));
				res.writeHead(reply.status, reply.headers);
				res.end(reply.body);
			});
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	get isClosed(): boolean {
		return this.closed;
	}

	/** Starts listening; resolves with the port (a free one when `port` is 0). */
	listen(host: string, port: number): Promise<number> {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, () => {
				this.server.off('error', reject);
				resolve((this.server.address() as AddressInfo).port);
			});
		});
	}

	/** Waits ms; closing the server abandons the wait (it never resolves). */
	sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}

	close(): Promise<void> {
		return new Promise((resolve) => {
			if (this.closed) return resolve();
			this.closed = true;
			for (const timer of this.timers) clearTimeout(timer);
			this.timers.clear();
			this.server.close(() => resolve());
			for (const socket of this.sockets) socket.destroy();
		});
	}
}
