import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { ID_PATTERN, dropdown } from '../../OpenAiAdmin/actions/shared/fields';
import type { Refuse } from '../../OpenAiAdmin/actions/auditLog/query';
import type { PeriodUnit } from './periods';

/**
 * The spend watch's fields, and what they say once read and checked: the two events of the trigger's
 * spend family, what is watched, the thresholds or the jump rule, and when spend already over the
 * line on the first poll fires.
 */

export const SPEND_THRESHOLD = 'spendThreshold';
export const SPEND_JUMP = 'spendJump';
export type SpendEvent = typeof SPEND_THRESHOLD | typeof SPEND_JUMP;

const WATCHES = ['chosenProjects', 'eachProject', 'organization'] as const;
export type Watch = (typeof WATCHES)[number];

// n8n's lint reads a default only when it is a literal or a plain identifier.
const defaultMultiplier = 3;
const defaultBaselineDays = 14;
const defaultMinimumAmount = 10;
const defaultLateDays = 2;
/** A poll reads every day it needs in one page of 180 daily buckets: the baseline, the late days and today. */
export const MAX_BASELINE_DAYS = 90;
const MAX_LATE_DAYS = 7;

export interface SpendSettings {
	event: SpendEvent;
	watch: Watch;
	/** With Chosen Projects: their ids. */
	projectIds: string[];
	/** Lowercase ISO 4217, as the costs endpoint names it (`usd`). */
	currency: string;
	/** Spend Jumped compares days. */
	period: PeriodUnit;
	/** Spend Crossed a Threshold: the amounts in millionths, lowest first, each once. */
	thresholds: number[];
	/** Spend Jumped: above this many times the median of the days before... */
	multiplier: number;
	/** ...this many of them... */
	baselineDays: number;
	/** ...and at least this much, in millionths. */
	minimum: number;
	/** Whether the first poll fires for spend that is already over the line. */
	fireForSpendAlreadyOver: boolean;
	/** How long after its end a period is still watched (its costs can still arrive). */
	lateDays: number;
}

const SPEND_EVENTS = [SPEND_THRESHOLD, SPEND_JUMP];
const forSpend = { show: { triggerOn: SPEND_EVENTS } };
const forEvent = (event: SpendEvent) => ({ show: { triggerOn: [event] } });

/** The fields of the spend family, shown when Trigger On is one of its events. */
export const spendProperties: INodeProperties[] = [
	{
		displayName:
			"Reads the organization's costs (one request per poll) and adds them up per UTC day or calendar month. OpenAI reports costs with a delay of minutes to hours, so a crossing fires when the costs show it, not the moment the money is spent.",
		name: 'spendNotice',
		type: 'notice',
		default: '',
		displayOptions: forSpend,
	},
	dropdown('Watch', 'watch', [
		['Chosen Projects', 'chosenProjects', 'Each of the projects picked below, on its own'],
		['Each Project', 'eachProject', 'Every project of the organization, each on its own'],
		['Organization as a Whole', 'organization', 'The total of every project'],
	], { noDataExpression: true, default: 'eachProject', description: 'Whose spend is added up', displayOptions: forSpend }),
	{
		displayName: 'Project Names or IDs',
		name: 'projectIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getProjects' },
		required: true,
		default: [],
		description:
			'The projects to watch, each on its own. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { triggerOn: SPEND_EVENTS, watch: ['chosenProjects'] } },
	},
	dropdown('Period', 'period', [
		['Calendar Month (UTC)', 'month', 'From the first of the month, 00:00 UTC'],
		['Day (UTC)', 'day', 'From 00:00 UTC'],
	], { default: 'month', description: 'What the spend is added up over; each new period starts from zero', displayOptions: forEvent(SPEND_THRESHOLD) }),
	{
		displayName: 'Thresholds',
		name: 'thresholds',
		type: 'string',
		required: true,
		default: '100',
		placeholder: 'e.g. 50, 100, 200',
		description:
			"Amounts that fire once each, per project and period, when the period's total first reaches them; several separated by commas",
		hint: 'A threshold fires once in a period, even if the total later goes down and up again',
		displayOptions: forEvent(SPEND_THRESHOLD),
	},
	{
		displayName: 'Multiple of Usual Spend',
		name: 'multiplier',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 2 },
		default: defaultMultiplier,
		description: "Fire when a day's spend is above this many times the usual: the median daily spend of the days before it",
		displayOptions: forEvent(SPEND_JUMP),
	},
	{
		displayName: 'Usual Spend Over (Days)',
		name: 'baselineDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_BASELINE_DAYS, numberPrecision: 0 },
		default: defaultBaselineDays,
		description: 'How many days before the day make up its usual spend; a day without costs counts as zero',
		displayOptions: forEvent(SPEND_JUMP),
	},
	{
		displayName: 'Minimum Amount',
		name: 'minimumAmount',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: defaultMinimumAmount,
		description: "Fire only when the day's spend is at least this much, so that a small project does not fire on cents",
		displayOptions: forEvent(SPEND_JUMP),
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		default: 'usd',
		placeholder: 'usd',
		description:
			'The currency of the amounts, as a three-letter code. It must be the one the costs come in (OpenAI reports usd); a poll that finds another fails rather than compare them.',
		displayOptions: forSpend,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: forSpend,
		options: [
			{
				displayName: 'Fire for Spend Already Over on Activation',
				name: 'fireForSpendAlreadyOver',
				type: 'boolean',
				default: false,
				description:
					'Whether the first poll after activation (or after a change of Watch, Period, Currency or Late Costs Window, or for a threshold just added) fires for spend that is already over the line. Off, it only notes it, and fires for what crosses afterwards.',
			},
			{
				displayName: 'Late Costs Window (Days)',
				name: 'lateDays',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: MAX_LATE_DAYS, numberPrecision: 0 },
				default: defaultLateDays,
				description:
					'How many days after a day or month has ended its costs are still watched. Costs arrive late: a crossing that shows up in this time still fires, once, marked as for a period that has ended.',
			},
		],
	},
];

const ID_REGEX = new RegExp(ID_PATTERN);

/** A list field's entries: an array from an expression, or a text of values separated by commas. */
function entries(value: unknown): unknown[] {
	if (Array.isArray(value)) return value as unknown[];
	if (typeof value === 'string') return value.split(/[,;\n]/).map((entry) => entry.trim()).filter(Boolean);
	return value === undefined || value === null ? [] : [value];
}

const millionths = (amount: number) => Math.round(amount * 1e6);

function amount(value: unknown, field: string, refuse: Refuse, { positive }: { positive: boolean }): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || number < 0 || (positive && number === 0)) {
		throw refuse(field, `${JSON.stringify(value)} is not an amount ${positive ? 'above 0' : 'of 0 or more'}`);
	}
	return number;
}

function wholeNumber(value: unknown, field: string, min: number, max: number, refuse: Refuse): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw refuse(field, `${JSON.stringify(value)} is not a whole number from ${min} to ${max}`);
	}
	return value;
}

/** The spend watch's settings, checked before any request; a bad one fails the poll naming its field. */
export function readSpendSettings(context: IPollFunctions, event: SpendEvent, refuse: Refuse): SpendSettings {
	const watch = context.getNodeParameter('watch', 'eachProject') as Watch;
	if (!WATCHES.includes(watch)) throw refuse('Watch', `${JSON.stringify(watch)} is not one of ${WATCHES.join(', ')}`);
	const projectIds =
		watch === 'chosenProjects'
			? entries(context.getNodeParameter('projectIds', [])).map((id) => {
					if (typeof id !== 'string' || !ID_REGEX.test(id) || id.includes('..')) throw refuse('Project Names or IDs', `${JSON.stringify(id)} is not a project ID`);
					return id;
				})
			: [];
	if (watch === 'chosenProjects' && projectIds.length === 0) throw refuse('Project Names or IDs', 'choose at least one project, or watch each project');

	const given = context.getNodeParameter('currency', 'usd');
	const currency = typeof given === 'string' ? given.trim().toLowerCase() : '';
	if (!/^[a-z]{3}$/.test(currency)) throw refuse('Currency', `${JSON.stringify(given)} is not a three-letter currency code such as usd`);

	const options = context.getNodeParameter('options', {}) as IDataObject;
	const settings: SpendSettings = {
		event,
		watch,
		projectIds: [...new Set(projectIds)].sort(),
		currency,
		period: 'day',
		thresholds: [],
		multiplier: defaultMultiplier,
		baselineDays: defaultBaselineDays,
		minimum: 0,
		fireForSpendAlreadyOver: options.fireForSpendAlreadyOver === true,
		lateDays: wholeNumber(options.lateDays ?? defaultLateDays, 'Late Costs Window (Days)', 0, MAX_LATE_DAYS, refuse),
	};
	if (event === SPEND_THRESHOLD) {
		const period = context.getNodeParameter('period', 'month');
		if (period !== 'day' && period !== 'month') throw refuse('Period', `${JSON.stringify(period)} is not Day or Calendar Month`);
		settings.period = period;
		const thresholds = entries(context.getNodeParameter('thresholds', '')).map((value) => millionths(amount(value, 'Thresholds', refuse, { positive: true })));
		if (thresholds.length === 0) throw refuse('Thresholds', 'give at least one amount, e.g. 100');
		settings.thresholds = [...new Set(thresholds)].sort((a, b) => a - b);
	} else {
		const multiplier = context.getNodeParameter('multiplier', defaultMultiplier);
		if (typeof multiplier !== 'number' || !Number.isFinite(multiplier) || multiplier < 1) {
			throw refuse('Multiple of Usual Spend', `${JSON.stringify(multiplier)} is not a number of 1 or more`);
		}
		settings.multiplier = multiplier;
		settings.baselineDays = wholeNumber(context.getNodeParameter('baselineDays', defaultBaselineDays), 'Usual Spend Over (Days)', 1, MAX_BASELINE_DAYS, refuse);
		settings.minimum = millionths(amount(context.getNodeParameter('minimumAmount', defaultMinimumAmount), 'Minimum Amount', refuse, { positive: false }));
	}
	return settings;
}

/**
 * What the stored crossings are about: the event, whose spend, over what, in which currency, and how
 * long ended periods are watched. Crossings noted under other settings say nothing about these, so
 * a change of any of them starts the watch again, as an activation does. Thresholds are not part of
 * it: one added is armed on its own, and the others keep what they fired.
 */
export function watchKey(settings: SpendSettings): string {
	const { event, watch, projectIds, period, currency, lateDays } = settings;
	return JSON.stringify({ event, watch, projectIds, period, currency, lateDays });
}
