import type { Failure } from '../../../nodes/OpenAiAdmin/transport/retryPolicy';
import {
	backoffDelayMs,
	DEFAULT_RETRY_SETTINGS,
	isRetryable,
	mayHaveActed,
	retryDelayMs,
	serverRequestedDelayMs,
} from '../../../nodes/OpenAiAdmin/transport/retryPolicy';

const status = (code: number, headers: Record<string, unknown> = {}): Failure => ({
	kind: 'status',
	status: code,
	headers,
});
const refused: Failure = { kind: 'connection', code: 'ECONNREFUSED', beforeSending: true };
const reset: Failure = { kind: 'connection', code: 'ECONNRESET', beforeSending: false };
const timedOut: Failure = { kind: 'connection', code: 'ETIMEDOUT', beforeSending: false };
const malformed: Failure = { kind: 'malformed' };

describe('isRetryable', () => {
	// [failure, retried for ordinary requests, retried for creates]
	const table: Array<[string, Failure, boolean, boolean]> = [
		['429', status(429), true, true],
		['408', status(408), true, false],
		['409', status(409), true, false],
		['500', status(500), true, false],
		['502', status(502), true, false],
		['503', status(503), true, false],
		['504', status(504), true, false],
		['400', status(400), false, false],
		['401', status(401), false, false],
		['403', status(403), false, false],
		['404', status(404), false, false],
		['422', status(422), false, false],
		['connection refused', refused, true, true],
		['connection reset', reset, true, false],
		['timeout', timedOut, true, false],
		['malformed JSON', malformed, true, false],
	];

	it.each(table)('%s: ordinary %s, create %s', (_name, failure, ordinary, create) => {
		expect(isRetryable(failure, false)).toBe(ordinary);
		expect(isRetryable(failure, true)).toBe(create);
	});
});

describe('mayHaveActed', () => {
	it.each<[string, Failure, boolean]>([
		['429', status(429), false],
		['400', status(400), false],
		['404', status(404), false],
		['408', status(408), false],
		['409', status(409), false],
		['500', status(500), true],
		['502', status(502), true],
		['503', status(503), true],
		['connection refused', refused, false],
		['connection reset', reset, true],
		['timeout', timedOut, true],
		['malformed JSON', malformed, true],
	])('%s: %s', (_name, failure, acted) => {
		expect(mayHaveActed(failure)).toBe(acted);
	});

	it('agrees with isRetryable for creates on every retryable status', () => {
		for (const code of [408, 409, 429, 500, 502, 503]) {
			if (isRetryable(status(code), true)) expect(mayHaveActed(status(code))).toBe(false);
		}
		for (const failure of [refused, reset, timedOut, malformed]) {
			expect(isRetryable(failure, true)).toBe(!mayHaveActed(failure));
		}
	});
});

describe('serverRequestedDelayMs', () => {
	const now = Date.parse('2026-01-01T00:00:00Z');

	it('reads retry-after-ms as milliseconds, before retry-after', () => {
		expect(serverRequestedDelayMs({ 'retry-after-ms': '250' }, now)).toBe(250);
		expect(serverRequestedDelayMs({ 'retry-after-ms': '250', 'retry-after': '9' }, now)).toBe(250);
		expect(serverRequestedDelayMs({ 'retry-after-ms': '12.5' }, now)).toBe(12.5);
		expect(serverRequestedDelayMs({ 'retry-after-ms': 0 }, now)).toBe(0);
	});

	it('reads retry-after as seconds', () => {
		expect(serverRequestedDelayMs({ 'retry-after': '3' }, now)).toBe(3000);
		expect(serverRequestedDelayMs({ 'retry-after': '0' }, now)).toBe(0);
		expect(serverRequestedDelayMs({ 'retry-after': '1.5' }, now)).toBe(1500);
	});

	it('reads retry-after as an HTTP date, relative to now, never negative', () => {
		expect(serverRequestedDelayMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' }, now)).toBe(7000);
		expect(serverRequestedDelayMs({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, now)).toBe(0);
	});

	it('falls back to retry-after when retry-after-ms is unusable', () => {
		expect(serverRequestedDelayMs({ 'retry-after-ms': 'soon', 'retry-after': '2' }, now)).toBe(2000);
		expect(serverRequestedDelayMs({ 'retry-after-ms': '-5', 'retry-after': '2' }, now)).toBe(2000);
	});

	it('takes an empty retry-after-ms for no header, not for 0 ms', () => {
		expect(serverRequestedDelayMs({ 'retry-after-ms': '', 'retry-after': '2' }, now)).toBe(2000);
		expect(serverRequestedDelayMs({ 'retry-after-ms': '  ', 'retry-after': '2' }, now)).toBe(2000);
		expect(serverRequestedDelayMs({ 'retry-after-ms': [''], 'retry-after': '2' }, now)).toBe(2000);
		expect(serverRequestedDelayMs({ 'retry-after-ms': '' }, now)).toBeUndefined();
	});

	it('takes the first value of a repeated header', () => {
		expect(serverRequestedDelayMs({ 'retry-after': ['4', '8'] }, now)).toBe(4000);
		expect(serverRequestedDelayMs({ 'retry-after': [] }, now)).toBeUndefined();
	});

	it('is undefined without a usable header', () => {
		expect(serverRequestedDelayMs({}, now)).toBeUndefined();
		expect(serverRequestedDelayMs({ 'retry-after': '' }, now)).toBeUndefined();
		expect(serverRequestedDelayMs({ 'retry-after': '  ' }, now)).toBeUndefined();
		expect(serverRequestedDelayMs({ 'retry-after': 'whenever' }, now)).toBeUndefined();
		expect(serverRequestedDelayMs({ 'retry-after': '-1' }, now)).toBeUndefined();
		expect(serverRequestedDelayMs({ 'retry-after': null }, now)).toBeUndefined();
	});
});

describe('backoffDelayMs', () => {
	const none = () => 0;
	const most = () => 1;

	it('starts a header-less 429 at 2 s and doubles up to 60 s', () => {
		const waits = [0, 1, 2, 3, 4, 5, 6, 10].map((attempt) => backoffDelayMs(status(429), attempt, none));
		expect(waits).toEqual([2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
	});

	it('waits long enough over the default retries to clear a one-minute window', () => {
		let total = 0;
		for (let attempt = 0; attempt < DEFAULT_RETRY_SETTINGS.maxRetries; attempt++) {
			total += backoffDelayMs(status(429), attempt, none);
		}
		expect(total).toBeGreaterThan(60_000);
		expect(total).toBeLessThanOrEqual(DEFAULT_RETRY_SETTINGS.maxTotalWaitMs);
	});

	it('starts other failures at 0.5 s and doubles up to 30 s', () => {
		for (const failure of [status(500), status(503), reset, malformed]) {
			const waits = [0, 1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffDelayMs(failure, attempt, none));
			expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
		}
	});

	it('adds at most 20% jitter and never shortens a wait', () => {
		expect(backoffDelayMs(status(429), 0, most)).toBe(2400);
		expect(backoffDelayMs(status(500), 0, most)).toBe(600);
		expect(backoffDelayMs(status(429), 9, most)).toBe(72_000);
		for (let i = 0; i < 200; i++) {
			const wait = backoffDelayMs(status(503), 2, Math.random);
			expect(wait).toBeGreaterThanOrEqual(2000);
			expect(wait).toBeLessThanOrEqual(2400);
		}
	});
});

describe('retryDelayMs', () => {
	const now = Date.parse('2026-01-01T00:00:00Z');

	it('honours the server exactly, with no jitter, at any attempt', () => {
		expect(retryDelayMs(status(429, { 'retry-after-ms': '10' }), 5, now, () => 1)).toBe(10);
		expect(retryDelayMs(status(429, { 'retry-after': '2' }), 0, now, () => 1)).toBe(2000);
		expect(retryDelayMs(status(503, { 'retry-after': '1' }), 3, now, () => 1)).toBe(1000);
	});

	it('backs off when the server names no wait', () => {
		expect(retryDelayMs(status(429), 1, now, () => 0)).toBe(4000);
		expect(retryDelayMs(reset, 1, now, () => 0)).toBe(1000);
		expect(retryDelayMs(malformed, 0, now, () => 0)).toBe(500);
	});
});
