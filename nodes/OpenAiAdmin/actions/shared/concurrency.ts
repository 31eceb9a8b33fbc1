import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkWholeNumber } from './parameters';

/**
 * Concurrency, for an operation that makes many requests of its own (the key audit, Project Access):
 * how many of them are in flight at once. They share the execution's pacing and retries either way.
 */

// n8n's lint reads a default only when it is a literal or a plain identifier.
const defaultConcurrency = 5;
const MAX_CONCURRENCY = 20;

/** The field; `what` says what runs at once, e.g. "projects' keys are listed". */
export const concurrencyField = (what: string, after = ''): INodeProperties => ({
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY, numberPrecision: 0 },
	default: defaultConcurrency,
	description: `How many ${what} at once (1: one after the other). Requests share the execution's pacing and retries${after}.`,
});

export const readConcurrency = (context: IExecuteFunctions, itemIndex: number): number =>
	checkWholeNumber(context, context.getNodeParameter('concurrency', itemIndex, defaultConcurrency), itemIndex, 'Concurrency', 1, MAX_CONCURRENCY);
