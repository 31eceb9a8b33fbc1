/** UTC days and calendar months, and which of them a poll watches. */
import { periodAt, watchedPeriods } from '../../../nodes/OpenAiAdminTrigger/spend/periods';
import { at } from './helpers';

const keys = (periods: Array<{ key: string }>) => periods.map((period) => period.key);

describe('spend periods', () => {
	it.each([
		['2026-03-10T00:00:00Z', 'day', '2026-03-10', '2026-03-10T00:00:00Z', '2026-03-11T00:00:00Z'],
		['2026-03-10T23:59:59Z', 'day', '2026-03-10', '2026-03-10T00:00:00Z', '2026-03-11T00:00:00Z'],
		['2026-01-31T23:59:59Z', 'month', '2026-01', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'],
		['2026-02-01T00:00:00Z', 'month', '2026-02', '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z'],
		['2028-02-29T12:00:00Z', 'month', '2028-02', '2028-02-01T00:00:00Z', '2028-03-01T00:00:00Z'],
		['2026-12-31T23:00:00Z', 'month', '2026-12', '2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z'],
	] as const)('%s is in the %s %s (UTC)', (moment, unit, key, start, end) => {
		expect(periodAt(unit, at(moment))).toEqual({ unit, key, start: at(start), end: at(end) });
	});

	it('watches the current period and those that ended less than the late window ago', () => {
		expect(keys(watchedPeriods('day', at('2026-03-10T08:00:00Z'), 2))).toEqual(['2026-03-08', '2026-03-09', '2026-03-10']);
		expect(keys(watchedPeriods('day', at('2026-03-10T08:00:00Z'), 0))).toEqual(['2026-03-10']);
		expect(keys(watchedPeriods('month', at('2026-03-02T23:59:59Z'), 2))).toEqual(['2026-02', '2026-03']);
		expect(keys(watchedPeriods('month', at('2026-03-03T00:00:00Z'), 2))).toEqual(['2026-03']);
		expect(keys(watchedPeriods('month', at('2026-03-15T00:00:00Z'), 7))).toEqual(['2026-03']);
	});
});
