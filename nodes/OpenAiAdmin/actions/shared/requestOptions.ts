import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RetrySettings } from '../../transport/retryPolicy';
import { DEFAULT_RETRY_SETTINGS } from '../../transport/retryPolicy';
import { checkNonNegativeInteger, readCollection } from './parameters';

// n8n's lint reads a default only when it is a literal or a plain identifier.
const defaultMaxRetries = DEFAULT_RETRY_SETTINGS.maxRetries;
const defaultMaxRetryWaitSeconds = DEFAULT_RETRY_SETTINGS.maxTotalWaitMs / 1000;

/** How requests are paced and retried; shown on every operation. */
export const requestOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 20, numberPrecision: 0 },
			default: defaultMaxRetries,
			description:
				'How many times one request is sent again after a rate limit (429), a server error or a dropped connection',
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxRetryWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: defaultMaxRetryWaitSeconds,
			description: 'The longest time one request may spend waiting between its retries',
		},
		{
			displayName: 'Pacing (Requests Per Minute)',
			name: 'maxRequestsPerMinute',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 0,
			description:
				'At most this many requests per minute, spaced evenly, over the whole execution; 0 sends them as fast as the API answers. The Admin API allows only a few requests per minute per endpoint, so set this for long Return All runs.',
		},
	],
};

export interface RequestSettings {
	retry: RetrySettings;
	requestsPerMinute: number;
}

export function readRequestSettings(context: IExecuteFunctions, itemIndex: number): RequestSettings {
	const options = readCollection(context, 'options', itemIndex);
	const number = (name: string, field: string, fallback: number) =>
		options[name] === undefined
			? fallback
			: checkNonNegativeInteger(context, options[name], itemIndex, field);
	return {
		retry: {
			maxRetries: number('maxRetries', 'Max Retries', defaultMaxRetries),
			maxTotalWaitMs:
				number('maxRetryWaitSeconds', 'Max Retry Wait (Seconds)', defaultMaxRetryWaitSeconds) * 1000,
		},
		requestsPerMinute: number('maxRequestsPerMinute', 'Pacing (Requests Per Minute)', 0),
	};
}
