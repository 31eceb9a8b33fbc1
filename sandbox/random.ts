/**
 * Deterministic randomness. Every random choice the sandbox makes (seeded data, ids of created
 * objects, random faults) comes from a seeded stream, so the same seed and the same request
 * sequence give the same ids, names and timestamps.
 */

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const KEY_CHARS = ALNUM + '_-';

/** mulberry32: small, fast, good enough for test data. */
export class Rng {
	private s: number;

	constructor(seed: number) {
		this.s = seed >>> 0;
	}

	/** A derived, independent stream (so adding a fault does not shift the ids of created objects). */
	static derive(seed: number, salt: number): Rng {
		return new Rng(Math.imul((seed >>> 0) ^ salt, 0x9e3779b1) ^ (salt >>> 3));
	}

	/** Uniform in [0, 1). */
	next(): number {
		this.s = (this.s + 0x6d2b79f5) >>> 0;
		let t = this.s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Integer in [min, max] (inclusive). */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	chars(n: number, alphabet = ALNUM): string {
		let out = '';
		for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
		return out;
	}

	hex(n: number): string {
		return this.chars(n, '0123456789abcdef');
	}

	keyChars(n: number): string {
		return this.chars(n, KEY_CHARS);
	}
}
