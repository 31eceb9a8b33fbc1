import type { IDataObject } from 'n8n-workflow';

import { endpoint } from '../endpoint';
import { collection } from '../shared/fields';
import { oneTimeKey } from '../shared/oneTimeKey';
import { invalidInput, readCollection, readText } from '../shared/parameters';

/** The spec's longest lifetime of an admin key: a year, in seconds. */
const MAX_EXPIRY_SECONDS = 31536000;

const { notice, hint } = oneTimeKey('value', 'admin API key');

/** Its answer holds the key's secret value once: the form and the output pane say so. */
export const createAdminApiKey = endpoint.post({
	value: 'create',
	name: 'Create',
	action: 'Create an admin API key',
	description: 'Create an admin API key for the organization',
	path: '/organization/admin_api_keys',
	operationId: 'admin-api-keys-create',
	createsResource: true,
	fields: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Offboarding workflow',
			description: 'The name of the key',
		},
		notice,
		collection('additionalFields', [
			{
				displayName: 'Expires In (Seconds)',
				name: 'expires_in_seconds',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_EXPIRY_SECONDS, numberPrecision: 0 },
				default: 2592000,
				description: 'How long until the key expires, at most a year (31536000); without it the key does not expire',
			},
		]),
	],
	hints: [hint],
	body(itemIndex) {
		const body: IDataObject = { name: readText(this, 'name', itemIndex, 'Name') };
		const { expires_in_seconds: seconds } = readCollection(this, 'additionalFields', itemIndex);
		if (seconds !== undefined) {
			if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > MAX_EXPIRY_SECONDS) {
				throw invalidInput(this, itemIndex, 'Expires In (Seconds)', `${JSON.stringify(seconds)} is not a whole number from 1 to ${MAX_EXPIRY_SECONDS}`);
			}
			body.expires_in_seconds = seconds;
		}
		return body;
	},
});
