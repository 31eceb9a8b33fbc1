/**
 * The periods spend is added up over: UTC days and UTC calendar months, as the costs endpoint's
 * daily buckets (which start at 00:00 UTC) can be summed into them.
 */

export const DAY = 86_400;

export type PeriodUnit = 'day' | 'month';

/** One day or calendar month, UTC: from `start` (included) to `end` (excluded), in Unix seconds. */
export interface Period {
	unit: PeriodUnit;
	/** `2026-01-05` for a day, `2026-01` for a month: how the period is named in items and state. */
	key: string;
	start: number;
	end: number;
}

export const dayStart = (seconds: number) => Math.floor(seconds / DAY) * DAY;

export const isoTime = (seconds: number) => new Date(seconds * 1000).toISOString();

/** The day or month that holds the moment `seconds`. */
export function periodAt(unit: PeriodUnit, seconds: number): Period {
	const iso = isoTime(seconds);
	if (unit === 'day') {
		const start = dayStart(seconds);
		return { unit, key: iso.slice(0, 10), start, end: start + DAY };
	}
	const date = new Date(seconds * 1000);
	const [year, month] = [date.getUTCFullYear(), date.getUTCMonth()];
	return { unit, key: iso.slice(0, 7), start: Date.UTC(year, month, 1) / 1000, end: Date.UTC(year, month + 1, 1) / 1000 };
}

/**
 * The periods a poll at `now` watches, oldest first: the current one, and those that ended less than
 * `lateDays` days ago. Costs arrive late, so a day (or a month's last day) can still grow after it
 * ended; a crossing seen in that time still counts for its period.
 */
export function watchedPeriods(unit: PeriodUnit, now: number, lateDays: number): Period[] {
	const periods = [periodAt(unit, now)];
	for (;;) {
		const previous = periodAt(unit, periods[0].start - 1);
		if (previous.end + lateDays * DAY <= now) return periods;
		periods.unshift(previous);
	}
}
