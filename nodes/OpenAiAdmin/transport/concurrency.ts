/**
 * At most `limit` tasks at once; the others wait their turn in the order they asked. One limit
 * lives inside one operation run, never in module state (queue-mode workers share nothing).
 */
export class ConcurrencyLimit {
	private running = 0;

	private readonly waiting: Array<() => void> = [];

	constructor(readonly limit: number) {
		if (!Number.isInteger(limit) || limit < 1) throw new Error(`A concurrency limit must be a whole number of 1 or more, not ${limit}`);
	}

	async run<T>(task: () => Promise<T>): Promise<T> {
		if (this.running < this.limit) this.running++;
		else await new Promise<void>((resolve) => this.waiting.push(resolve));
		try {
			return await task();
		} finally {
			// The slot passes straight to the next in line, so a newcomer cannot overtake it.
			const next = this.waiting.shift();
			if (next) next();
			else this.running--;
		}
	}
}

/**
 * `work` over every element, at most `limit` at a time, with the results in the elements' order
 * whatever order they finish in. After a failure no further element starts; the first failure is
 * thrown once the started ones have settled, so nothing keeps running behind the error.
 */
export async function mapInOrder<T, R>(
	elements: readonly T[],
	limit: number,
	work: (element: T, index: number) => Promise<R>,
): Promise<R[]> {
	const slots = new ConcurrencyLimit(limit);
	let failed = false;
	const settled = await Promise.allSettled(
		elements.map(
			async (element, index) =>
				await slots.run(async () => {
					if (failed) return undefined;
					const working = work(element, index);
					// Noted as it happens, so that no element waiting for a slot starts after it.
					working.catch(() => (failed = true));
					return await working;
				}),
		),
	);
	const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
	if (failure) throw failure.reason;
	return settled.map((result) => (result as PromiseFulfilledResult<R>).value);
}
