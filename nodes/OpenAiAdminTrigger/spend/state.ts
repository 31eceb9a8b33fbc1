import type { IDataObject } from 'n8n-workflow';

import type { Period } from './periods';

/**
 * What the spend watch has fired, in the workflow's static data, which n8n keeps in its database:
 * it survives restarts and is the same for every process. Only the periods a poll watches are kept
 * (the current day or month and those still in the late costs window), so it stays the size of a
 * few periods times the projects that crossed, however long the workflow runs.
 */
export interface SpendState {
	/** The settings the marks below are about (`watchKey`). */
	watch: string;
	/** Spend Crossed a Threshold: the thresholds watched so far, in millionths. */
	thresholds: number[];
	/** Spend Crossed a Threshold: period key → subject → the thresholds fired in that period, in millionths. */
	crossed: Record<string, Record<string, number[]>>;
	/** Spend Jumped: day key → the subjects that jumped that day. */
	jumped: Record<string, string[]>;
}

/** Something over the line: a crossing of `threshold`, or a jump (no threshold). */
export interface Finding {
	period: Period;
	subject: string;
	threshold?: number;
}

const STATE_KEY = 'spendWatch';

const numbers = (value: unknown) => (Array.isArray(value) ? value.filter((entry): entry is number => typeof entry === 'number') : []);
const strings = (value: unknown) => (Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : []);
const record = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** The stored state, when there is one for these settings; none means the watch starts now. */
export function readSpendState(staticData: IDataObject, watch: string): SpendState | undefined {
	const stored = record(staticData[STATE_KEY]);
	if (stored.watch !== watch) return undefined;
	const crossed: SpendState['crossed'] = {};
	for (const [period, subjects] of Object.entries(record(stored.crossed))) {
		crossed[period] = Object.fromEntries(Object.entries(record(subjects)).map(([subject, fired]) => [subject, numbers(fired)]));
	}
	const jumped = Object.fromEntries(Object.entries(record(stored.jumped)).map(([day, subjects]) => [day, strings(subjects)]));
	return { watch, thresholds: numbers(stored.thresholds), crossed, jumped };
}

export function hasFired(state: SpendState | undefined, finding: Finding): boolean {
	if (!state) return false;
	if (finding.threshold === undefined) return state.jumped[finding.period.key]?.includes(finding.subject) === true;
	return state.crossed[finding.period.key]?.[finding.subject]?.includes(finding.threshold) === true;
}

/**
 * Whether a finding is news to a watch that was already running: with no stored state the watch
 * starts now (a first activation, or settings changed), and a threshold it had not watched before is
 * armed now. What is over the line at that moment was not seen crossing it.
 */
export function wasWatched(state: SpendState | undefined, finding: Finding): boolean {
	if (!state) return false;
	return finding.threshold === undefined || state.thresholds.includes(finding.threshold);
}

/**
 * The state after a poll: the marks of the periods still watched and the thresholds still set, and
 * the findings noted now. A mark stays for as long as its period is watched, whatever the total does
 * afterwards: a revision downwards un-fires nothing, and the same threshold never fires twice in a
 * period.
 */
export function nextState(stored: SpendState | undefined, watch: string, thresholds: number[], periods: Period[], noted: Finding[]): SpendState {
	const watched = new Set(periods.map((period) => period.key));
	const state: SpendState = { watch, thresholds: [...thresholds], crossed: {}, jumped: {} };
	for (const [period, subjects] of Object.entries(stored?.crossed ?? {})) {
		if (!watched.has(period)) continue;
		for (const [subject, fired] of Object.entries(subjects)) {
			const kept = fired.filter((threshold) => thresholds.includes(threshold));
			if (kept.length) (state.crossed[period] ??= {})[subject] = kept;
		}
	}
	for (const [day, subjects] of Object.entries(stored?.jumped ?? {})) if (watched.has(day)) state.jumped[day] = [...subjects];
	for (const finding of noted) {
		if (finding.threshold === undefined) (state.jumped[finding.period.key] ??= []).push(finding.subject);
		else ((state.crossed[finding.period.key] ??= {})[finding.subject] ??= []).push(finding.threshold);
	}
	for (const subjects of Object.values(state.crossed)) for (const fired of Object.values(subjects)) fired.sort((a, b) => a - b);
	return state;
}

/** Writes the state only when it changed: n8n saves static data that was written to. */
export function writeSpendState(staticData: IDataObject, state: SpendState): void {
	if (JSON.stringify(staticData[STATE_KEY]) === JSON.stringify(state)) return;
	staticData[STATE_KEY] = state;
}
