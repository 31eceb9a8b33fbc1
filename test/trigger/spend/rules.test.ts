/** The two rules as pure functions of the daily costs: what is over the line, whatever fired before. */
import { DailyCosts } from '../../../nodes/OpenAiAdminTrigger/spend/costs';
import { periodAt } from '../../../nodes/OpenAiAdminTrigger/spend/periods';
import { crossings, jumps, median } from '../../../nodes/OpenAiAdminTrigger/spend/rules';
import { at, DAY } from './helpers';

const M = 1e6;
const TODAY = at('2026-03-20T00:00:00Z');

function costsOf(bySubject: Record<string, number[]>): DailyCosts {
	// Each list ends with today: [..., the day before, today].
	const costs = new DailyCosts();
	for (const [subject, days] of Object.entries(bySubject)) {
		days.forEach((amount, index) => costs.add(subject, TODAY - (days.length - 1 - index) * DAY, amount * M));
	}
	return costs;
}

describe('spend rules', () => {
	it('median: the middle value, or the mean of the two middle ones', () => {
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 10])).toBe(3.5);
		expect(median([0, 0, 0, 7])).toBe(0);
	});

	it('crossings: every threshold at or below the period total, per subject', () => {
		const costs = costsOf({ proj_a: [30, 70], proj_b: [49.999999] });
		const month = periodAt('month', TODAY);
		const day = periodAt('day', TODAY);
		const found = (period: typeof day) => crossings(costs, [period], [50 * M, 100 * M]).map((c) => [c.subject, c.threshold / M, c.total / M]);
		expect(found(day)).toEqual([['proj_a', 50, 70]]);
		expect(found(month)).toEqual([['proj_a', 50, 100], ['proj_a', 100, 100]]);
	});

	it('jumps: above the multiple of the median of the days before, and at least the minimum', () => {
		const rule = { multiplier: 3, baselineDays: 4, minimum: 10 * M };
		const today = periodAt('day', TODAY);
		const found = (bySubject: Record<string, number[]>) => jumps(costsOf(bySubject), [today], rule).map((j) => [j.subject, j.total / M, j.median / M]);
		// The four days before: median 10. 30 is not above 3 × 10; 30.01 is.
		expect(found({ proj_a: [10, 10, 10, 10, 30] })).toEqual([]);
		expect(found({ proj_a: [10, 10, 10, 10, 30.01] })).toEqual([['proj_a', 30.01, 10]]);
		// Days before the baseline do not count; missing days count as 0.
		expect(found({ proj_a: [1000, 2, 2, 2, 2, 9.99] })).toEqual([]);
		expect(found({ proj_a: [1000, 2, 2, 2, 2, 10] })).toEqual([['proj_a', 10, 2]]);
		expect(found({ proj_a: [20, 10] })).toEqual([['proj_a', 10, 0]]);
	});
});
