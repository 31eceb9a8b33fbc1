/**
 * The pacer against a fake clock: `sleep` from n8n-workflow advances it instead of waiting.
 */
let clock = 0;
/** Off: sleeps are only recorded (for waiters that overlap in time). */
let sleepAdvancesClock = true;
const sleeps: number[] = [];

jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: jest.fn(async (ms: number) => {
		sleeps.push(ms);
		if (sleepAdvancesClock) clock += ms;
	}),
}));

import { RequestPacer } from '../../../nodes/OpenAiAdmin/transport/pacer';

beforeEach(() => {
	clock = 1_000_000;
	sleepAdvancesClock = true;
	sleeps.length = 0;
	jest.spyOn(Date, 'now').mockImplementation(() => clock);
});

afterEach(() => jest.restoreAllMocks());

/** The clock at each slot the pacer grants. */
async function slots(pacer: RequestPacer, count: number, workMs = 0): Promise<number[]> {
	const times: number[] = [];
	for (let i = 0; i < count; i++) {
		await pacer.waitForSlot();
		times.push(clock);
		clock += workMs;
	}
	return times;
}

describe('RequestPacer', () => {
	it('never waits when unpaced (0 per minute)', async () => {
		const times = await slots(RequestPacer.perMinute(0), 20);
		expect(sleeps).toEqual([]);
		expect(new Set(times).size).toBe(1);
	});

	it('lets the first request go at once, then spaces them evenly', async () => {
		const times = await slots(RequestPacer.perMinute(10), 5);
		expect(times.map((t) => t - times[0])).toEqual([0, 6000, 12_000, 18_000, 24_000]);
		expect(sleeps).toEqual([6000, 6000, 6000, 6000]);
	});

	it('counts the time a request took against the wait', async () => {
		const times = await slots(RequestPacer.perMinute(60), 4, 400);
		expect(times.map((t) => t - times[0])).toEqual([0, 1000, 2000, 3000]);
		expect(sleeps).toEqual([600, 600, 600]);
	});

	it('does not wait when requests are already slower than the pace', async () => {
		await slots(RequestPacer.perMinute(60), 4, 1500);
		expect(sleeps).toEqual([]);
	});

	it('does not let idle time build up into a burst', async () => {
		const pacer = RequestPacer.perMinute(60);
		await slots(pacer, 2);
		clock += 10_000;
		const times = await slots(pacer, 3);
		expect(times.map((t) => t - times[0])).toEqual([0, 1000, 2000]);
	});

	it('grants concurrent waiters distinct, evenly spaced slots', async () => {
		sleepAdvancesClock = false;
		const pacer = RequestPacer.perMinute(120);
		await Promise.all([pacer.waitForSlot(), pacer.waitForSlot(), pacer.waitForSlot()]);
		expect(sleeps).toEqual([500, 1000]);
	});

	it('keeps a whole minute of requests to the rate', async () => {
		const times = await slots(RequestPacer.perMinute(7), 8);
		expect(times[7] - times[0]).toBeCloseTo(60_000, 3);
	});
});
