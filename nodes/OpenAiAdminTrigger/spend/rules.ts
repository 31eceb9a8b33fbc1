import type { DailyCosts } from './costs';
import type { Period } from './periods';
import { DAY } from './periods';

/**
 * What is over the line now, whatever has fired before: the two rules of the spend watch as pure
 * functions of the costs read. Amounts are in millionths.
 */

/** A period's total at or above a threshold. */
export interface Crossing {
	period: Period;
	subject: string;
	total: number;
	threshold: number;
}

/** A day's spend above the multiple of its usual level, and at least the minimum. */
export interface Jump {
	period: Period;
	subject: string;
	total: number;
	/** The median daily spend of the days before it. */
	median: number;
}

/** Every period, subject and threshold with the period's total at or above it: oldest period first, then by subject, lowest threshold first. */
export function crossings(costs: DailyCosts, periods: Period[], thresholds: number[]): Crossing[] {
	const found: Crossing[] = [];
	for (const period of periods) {
		for (const subject of costs.subjects()) {
			const total = costs.total(subject, period.start, period.end);
			for (const threshold of thresholds) if (total >= threshold) found.push({ period, subject, total, threshold });
		}
	}
	return found;
}

/** The middle value, or the mean of the two middle ones. */
export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface JumpRule {
	multiplier: number;
	baselineDays: number;
	minimum: number;
}

/**
 * Every day and subject whose spend is above `multiplier` times the median of the `baselineDays`
 * days before that day (a day without costs counts as zero), and at least `minimum`. A subject that
 * spent nothing before jumps with its first day at the minimum. Oldest day first, then by subject.
 */
export function jumps(costs: DailyCosts, days: Period[], rule: JumpRule): Jump[] {
	const found: Jump[] = [];
	for (const period of days) {
		for (const subject of costs.subjects()) {
			const total = costs.total(subject, period.start, period.end);
			if (total < rule.minimum) continue;
			const before: number[] = [];
			for (let back = 1; back <= rule.baselineDays; back++) {
				before.push(costs.total(subject, period.start - back * DAY, period.start - (back - 1) * DAY));
			}
			const usual = median(before);
			if (total > rule.multiplier * usual) found.push({ period, subject, total, median: usual });
		}
	}
	return found;
}
