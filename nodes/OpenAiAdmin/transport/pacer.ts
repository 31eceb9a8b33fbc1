import { sleep } from 'n8n-workflow';

/**
 * Spaces requests evenly so that a long run stays under a known per-minute limit instead of
 * bouncing off 429s. One pacer lives inside one execution (queue-mode workers share nothing).
 */
export class RequestPacer {
	private nextSlotMs = 0;

	constructor(private readonly intervalMs: number) {}

	static perMinute(requestsPerMinute: number): RequestPacer {
		return new RequestPacer(requestsPerMinute > 0 ? 60_000 / requestsPerMinute : 0);
	}

	async waitForSlot(): Promise<void> {
		if (this.intervalMs <= 0) return;
		const now = Date.now();
		const waitMs = this.nextSlotMs - now;
		this.nextSlotMs = Math.max(now, this.nextSlotMs) + this.intervalMs;
		if (waitMs > 0) await sleep(waitMs);
	}
}
