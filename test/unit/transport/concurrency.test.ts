/**
 * The concurrency helper with hand-released tasks: how many run at once, in which order they start,
 * the order of the results, and what a failure stops.
 */
import { ConcurrencyLimit, mapInOrder } from '../../../nodes/OpenAiAdmin/transport/concurrency';

/** A task that finishes when the test says so, recording when it started. */
function gate() {
	const started: number[] = [];
	const release = new Map<number, (value: string) => void>();
	const fail = new Map<number, (error: Error) => void>();
	const task = async (index: number) =>
		await new Promise<string>((resolve, reject) => {
			started.push(index);
			release.set(index, resolve);
			fail.set(index, reject);
		});
	return { started, task, release: (index: number) => release.get(index)!(`r${index}`), fail: (index: number) => fail.get(index)!(new Error(`e${index}`)) };
}
const settle = async () => await new Promise((resolve) => setImmediate(resolve));

describe('ConcurrencyLimit', () => {
	it('refuses a limit below 1 or not whole', () => {
		for (const limit of [0, -1, 1.5, Number.NaN]) expect(() => new ConcurrencyLimit(limit)).toThrow(/whole number of 1 or more/);
	});
});

describe('mapInOrder', () => {
	it('runs at most `limit` at once, starts the rest in order, and returns results in element order', async () => {
		const { started, task, release } = gate();
		const result = mapInOrder([0, 1, 2, 3, 4], 2, async (element) => await task(element));
		await settle();
		expect(started).toEqual([0, 1]);
		release(1);
		await settle();
		expect(started).toEqual([0, 1, 2]);
		release(2);
		release(0);
		await settle();
		expect(started).toEqual([0, 1, 2, 3, 4]);
		release(4);
		release(3);
		await expect(result).resolves.toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
	});

	it('with a limit of 1 runs one after the other', async () => {
		const { started, task, release } = gate();
		const result = mapInOrder([0, 1, 2], 1, async (element) => await task(element));
		for (const index of [0, 1, 2]) {
			await settle();
			expect(started).toEqual([0, 1, 2].slice(0, index + 1));
			release(index);
		}
		await expect(result).resolves.toEqual(['r0', 'r1', 'r2']);
	});

	it('after a failure starts nothing more, and throws it once the started ones have settled', async () => {
		const { started, task, release, fail } = gate();
		let done = false;
		const result = mapInOrder([0, 1, 2, 3], 2, async (element) => await task(element)).finally(() => (done = true));
		await settle();
		fail(0);
		await settle();
		expect(started).toEqual([0, 1]);
		expect(done).toBe(false);
		release(1);
		await expect(result).rejects.toThrow('e0');
		expect(started).toEqual([0, 1]);
	});
});
