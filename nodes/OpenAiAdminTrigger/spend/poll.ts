import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { AdminApi } from '../../OpenAiAdmin/transport';
import { mapInOrder } from '../../OpenAiAdmin/transport/concurrency';
import { apiPath } from '../../OpenAiAdmin/transport/path';
import { endPoll, startPoll } from '../onePollAtATime';
import { refuseField } from '../refuse';
import { ORGANIZATION, readDailyCosts } from './costs';
import type { Period } from './periods';
import { DAY, isoTime, watchedPeriods } from './periods';
import type { Crossing, Jump } from './rules';
import { crossings, jumps } from './rules';
import type { SpendEvent, SpendSettings } from './settings';
import { readSpendSettings, SPEND_THRESHOLD, watchKey } from './settings';
import { hasFired, nextState, readSpendState, wasWatched, writeSpendState } from './state';

const NOTHING_RECORDED = 'Nothing was recorded as fired: the next poll reads the costs again.';

/** How many project names are asked for at once when several projects fire in one poll. */
const NAME_CONCURRENCY = 4;

const money = (micros: number) => micros / 1e6;

function periodOf(period: Period, now: number): IDataObject {
	return { unit: period.unit, key: period.key, start: isoTime(period.start), end: isoTime(period.end), ended: period.end <= now };
}

/**
 * The names of the projects that fire, each asked for once (`GET /organization/projects/{id}`):
 * one request per firing project, none for the others. A project the API no longer knows keeps its
 * id, without a name; any other failure fails the poll, before anything is recorded.
 */
async function projectNames(api: AdminApi, subjects: string[]): Promise<Map<string, string | null>> {
	const ids = [...new Set(subjects)].filter((subject) => subject !== ORGANIZATION);
	const names = await mapInOrder(ids, NAME_CONCURRENCY, async (id) => {
		try {
			const project = await api.request<IDataObject>({ method: 'GET', path: apiPath`/organization/projects/${id}` });
			return typeof project.name === 'string' ? project.name : null;
		} catch (error) {
			if (error instanceof NodeApiError && error.httpCode === '404') return null;
			throw error as NodeApiError;
		}
	});
	return new Map(ids.map((id, index) => [id, names[index]]));
}

function projectOf(subject: string, names: Map<string, string | null>): IDataObject | null {
	return subject === ORGANIZATION ? null : { id: subject, name: names.get(subject) ?? null };
}

/** What every spend item says first: its type, whose spend, over which period, and how much. */
function spendItem(type: string, spend: Crossing | Jump, names: Map<string, string | null>, now: number): IDataObject {
	return { type, project: projectOf(spend.subject, names), period: periodOf(spend.period, now), total: money(spend.total) };
}

function crossingItem(crossing: Crossing, names: Map<string, string | null>, settings: SpendSettings, now: number): IDataObject {
	return { ...spendItem('spend.threshold_crossed', crossing, names, now), threshold: money(crossing.threshold), currency: settings.currency };
}

function jumpItem(jump: Jump, names: Map<string, string | null>, settings: SpendSettings, now: number): IDataObject {
	return {
		...spendItem('spend.jumped', jump, names, now),
		median: money(jump.median),
		ratio: jump.median > 0 ? Math.round((jump.total / jump.median) * 100) / 100 : null,
		multiplier: settings.multiplier,
		baselineDays: settings.baselineDays,
		minimumAmount: money(settings.minimum),
		currency: settings.currency,
	};
}

/** Fetch Test Event found nothing to show: what the spend is, and how to see an event. */
function nothingOverTheLine(context: IPollFunctions, settings: SpendSettings): NodeOperationError {
	const [lowest] = settings.thresholds;
	return settings.event === SPEND_THRESHOLD
		? new NodeOperationError(context.getNode(), 'No spend is over a threshold that has not fired yet', {
				description: `No watched total of the current ${settings.period === 'day' ? 'day' : 'month'} has reached ${money(lowest)} ${settings.currency} (or those that have already fired). Fetch again once spend crosses a threshold, or try a lower threshold to see what an event looks like.`,
			})
		: new NodeOperationError(context.getNode(), 'No spend has jumped today', {
				description: `No watched spend today is above ${settings.multiplier} times its usual level and at least ${money(settings.minimum)} ${settings.currency} (or it has already fired). Fetch again later, or try a lower Minimum Amount or Multiple of Usual Spend to see what an event looks like.`,
			});
}

/** A failed poll, with what happens next: nothing was recorded, so nothing is lost. */
function explain(error: unknown): unknown {
	if (error instanceof NodeApiError) error.description = [error.description, NOTHING_RECORDED].filter(Boolean).join(' ');
	return error;
}

/**
 * One poll of the spend watch: the costs of every watched period (one request while they fit a page
 * of 180 days), what is over the line in them, and of that what has not fired yet. A finding fires
 * once and is noted in the workflow's static data; what is over the line when the watch starts (the
 * first poll after activation, a change of settings, a threshold just added) is only noted, unless
 * the user asked for it to fire. The state is written after every read has succeeded, the project
 * names included, so a poll that fails records nothing; a poll that starts while the previous one
 * still runs returns nothing and touches nothing. Manual mode shows what would fire now, as if the
 * watch had been running (spend already over the line included), and records nothing.
 */
export async function pollSpend(this: IPollFunctions, event: SpendEvent): Promise<INodeExecutionData[][] | null> {
	const refuse = refuseField(this);
	const settings = readSpendSettings(this, event, refuse);
	const api = AdminApi.forPoll(this);
	const manual = this.getMode() === 'manual';
	const staticData = this.getWorkflowStaticData('node');
	if (!manual && !startPoll(staticData)) return null;
	try {
		const now = Math.floor(Date.now() / 1000);
		const periods = watchedPeriods(settings.period, now, settings.lateDays);
		const baseline = event === SPEND_THRESHOLD ? 0 : settings.baselineDays * DAY;
		const costs = await readDailyCosts(api, settings, periods[0].start - baseline, now, refuse);
		const overTheLine: Array<Crossing | Jump> = event === SPEND_THRESHOLD ? crossings(costs, periods, settings.thresholds) : jumps(costs, periods, settings);

		const watch = watchKey(settings);
		const stored = readSpendState(staticData, watch);
		const notYetFired = overTheLine.filter((finding) => !hasFired(stored, finding));
		const firing = notYetFired.filter((finding) => manual || settings.fireForSpendAlreadyOver || wasWatched(stored, finding));
		if (manual && firing.length === 0) throw nothingOverTheLine(this, settings);

		const names = await projectNames(api, firing.map((finding) => finding.subject));
		const items = firing.map((finding) =>
			'threshold' in finding ? crossingItem(finding, names, settings, now) : jumpItem(finding, names, settings, now),
		);
		if (!manual) writeSpendState(staticData, nextState(stored, watch, settings.thresholds, periods, notYetFired));
		return items.length ? [this.helpers.returnJsonArray(items)] : null;
	} catch (error) {
		throw explain(error);
	} finally {
		if (!manual) endPoll(staticData);
	}
}
