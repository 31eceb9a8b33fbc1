import type { IDataObject } from 'n8n-workflow';

import type { Refuse } from '../../OpenAiAdmin/actions/auditLog/query';
import { SPEC_OPERATIONS } from '../../shared/spec';
import type { AdminApi } from '../../OpenAiAdmin/transport';
import { nextPagePager, pages } from '../../OpenAiAdmin/transport/pagination';
import { DAY, dayStart, isoTime } from './periods';
import type { SpendSettings } from './settings';

export const COSTS_PATH = SPEC_OPERATIONS['usage-costs'].path;

/** The most daily buckets one request may ask for (the spec: 1 to 180). */
const costPager = nextPagePager({ '1d': 180 });

/** Whose spend the organization as a whole is, among the subjects (project ids otherwise). */
export const ORGANIZATION = 'organization';

/** What each subject (a project id, or ORGANIZATION) cost each UTC day, in millionths. */
export class DailyCosts {
	private readonly bySubject = new Map<string, Map<number, number>>();

	add(subject: string, day: number, micros: number): void {
		let days = this.bySubject.get(subject);
		if (!days) this.bySubject.set(subject, (days = new Map<number, number>()));
		days.set(day, (days.get(day) ?? 0) + micros);
	}

	/** The subjects with a cost row in the window read, in id order. */
	subjects(): string[] {
		return [...this.bySubject.keys()].sort();
	}

	/** What the subject cost from `start` to `end` (whole days), in millionths. */
	total(subject: string, start: number, end: number): number {
		const days = this.bySubject.get(subject);
		let sum = 0;
		for (let day = start; day < end; day += DAY) sum += days?.get(day) ?? 0;
		return sum;
	}
}

const object = (value: unknown): IDataObject => (value && typeof value === 'object' ? (value as IDataObject) : {});

/**
 * Every day's costs from `from` to now, per project (or for the organization as a whole), in one
 * request while the days fit one page of 180 buckets. Read through `pages()`, so that a page that
 * contradicts itself is an error; and the buckets must follow one another from `from` through every
 * day that has ended, since a missing day would count as no spend (a lower total, a lower usual
 * level that makes a jump out of nothing). Only today's bucket may be missing: nothing is billed yet.
 * Amounts are summed in millionths, so that sums stay exact; a row in another currency than the
 * settings' is an error, not a sum.
 */
export async function readDailyCosts(api: AdminApi, settings: SpendSettings, from: number, now: number, refuse: Refuse): Promise<DailyCosts> {
	const query: IDataObject = { start_time: from, bucket_width: '1d' };
	if (settings.watch !== 'organization') query.group_by = ['project_id'];
	if (settings.watch === 'chosenProjects') query.project_ids = settings.projectIds;
	const request = `GET ${COSTS_PATH}`;
	const costs = new DailyCosts();
	let due = from;
	let pageNumber = 0;
	for await (const page of pages(api, COSTS_PATH, query, costPager)) {
		pageNumber++;
		for (const bucket of page.data) {
			if (bucket.start_time !== due || bucket.end_time !== due + DAY) {
				throw api.incompleteList(request, pageNumber, `a bucket from ${JSON.stringify(bucket.start_time)} to ${JSON.stringify(bucket.end_time)} where the day of ${isoTime(due)} was due`);
			}
			for (const result of (Array.isArray(bucket.results) ? bucket.results : []) as IDataObject[]) {
				const amount = object(result.amount);
				if (typeof amount.value !== 'number') continue;
				const currency = typeof amount.currency === 'string' ? amount.currency.toLowerCase() : settings.currency;
				if (currency !== settings.currency) {
					throw refuse('Currency', `the costs come in ${currency}, not ${settings.currency}; set the currency to ${currency} and the amounts in it`);
				}
				const subject = settings.watch === 'organization' ? ORGANIZATION : result.project_id;
				// Grouped by project, a row without one (a cost of no project) belongs to no project watched.
				if (typeof subject === 'string') costs.add(subject, due, Math.round(amount.value * 1e6));
			}
			due += DAY;
		}
	}
	if (due < dayStart(now)) {
		throw api.incompleteList(request, pageNumber, `no bucket for ${isoTime(due)} and after, days that have ended`);
	}
	return costs;
}
