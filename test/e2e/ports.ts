/** Free loopback ports for the n8n processes the runner starts, and how n8n says one was taken. */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';

/** What n8n logs when a port it was told to listen on is taken (its server, its task broker). */
export const PORT_IN_USE = /port \d+ is already in use/;
export const PORT_ATTEMPTS = 3;

/** The kernel's range of ports for outgoing connections and listen(0) (Linux's default otherwise). */
function ephemeralPortRange(): [number, number] {
	try {
		const [low, high] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
		if (low > 0 && high >= low) return [low, high];
	} catch {
		/* not Linux: use the default */
	}
	return [32768, 60999];
}

function canListen(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/**
 * A loopback port for a process that will listen on it a few seconds later. Not listen(0): that
 * hands out a port from the ephemeral range, which the kernel may give to any outgoing connection
 * (npm, fetch, n8n's own) before the server binds. A random free port below that range can only be
 * taken by another explicit listener; for that rarer case the callers retry with new ports.
 */
export async function freePort(): Promise<number> {
	const [ephemeralLow] = ephemeralPortRange();
	const low = 10_000;
	const high = Math.max(low + 1000, ephemeralLow);
	for (let tries = 0; tries < 50; tries++) {
		const port = low + (randomBytes(4).readUInt32BE(0) % (high - low));
		if (await canListen(port)) return port;
	}
	throw new Error(`no free loopback port found between ${low} and ${high}`);
}
