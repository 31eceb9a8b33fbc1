import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SPEND_CURRENCIES, SPEND_INTERVALS } from '../shared/enums';
import { collection } from '../shared/fields';
import { checkEmail, checkNonNegativeInteger, checkOneOf, invalidInput, readCollection } from '../shared/parameters';

/**
 * What a spend alert or a hard spend limit is made of: an amount in cents, its currency and its
 * interval; an alert also says whom to email. Creating and updating an alert send the whole alert.
 */

export const thresholdField = (minimum: number, description: string): INodeProperties => ({
	displayName: 'Threshold Amount (Cents)',
	name: 'threshold_amount',
	type: 'number',
	required: true,
	typeOptions: { minValue: minimum, numberPrecision: 0 },
	default: 100000,
	description,
});

export const currencyField: INodeProperties = {
	displayName: 'Currency',
	name: 'currency',
	type: 'options',
	required: true,
	options: SPEND_CURRENCIES.map((value) => ({ name: value, value })),
	default: 'USD',
	description: 'The currency of the amount; the API supports USD only',
};

export const intervalField: INodeProperties = {
	displayName: 'Interval',
	name: 'interval',
	type: 'options',
	required: true,
	options: SPEND_INTERVALS.map((value) => ({ name: 'Month', value })),
	default: 'month',
	description: 'The period spend is added up over; the API supports a calendar month only',
};

/** Amount, currency and interval, checked: the amount a whole number of cents of at least `minimum`. */
export function readThreshold(context: IExecuteFunctions, itemIndex: number, minimum: number): IDataObject {
	const field = 'Threshold Amount (Cents)';
	const amount = checkNonNegativeInteger(context, context.getNodeParameter('threshold_amount', itemIndex, 0), itemIndex, field);
	if (amount < minimum) throw invalidInput(context, itemIndex, field, `${amount} is less than ${minimum}`);
	return {
		threshold_amount: amount,
		currency: checkOneOf(context, context.getNodeParameter('currency', itemIndex), SPEND_CURRENCIES, itemIndex, 'Currency'),
		interval: checkOneOf(context, context.getNodeParameter('interval', itemIndex), SPEND_INTERVALS, itemIndex, 'Interval'),
	};
}

export const alertFields: INodeProperties[] = [
	thresholdField(0, 'Alert when spend in the interval reaches this amount, in cents (100000 = 1,000.00 USD)'),
	currencyField,
	intervalField,
	{
		displayName: 'Recipients',
		name: 'recipients',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. finance@example.com, ops@example.com',
		description: 'Email addresses to notify, separated by commas',
	},
	collection('additionalFields', [
		{
			displayName: 'Subject Prefix',
			name: 'subject_prefix',
			type: 'string',
			default: '',
			description: 'Text put before the subject of the alert emails',
		},
	]),
];

/** The body of a create or an update: the alert as a whole, emailed to at least one address. */
export function alertBody(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const raw = this.getNodeParameter('recipients', itemIndex, '') as unknown;
	const list = Array.isArray(raw) ? (raw as unknown[]) : typeof raw === 'string' ? raw.split(',').filter((part) => part.trim() !== '') : [raw];
	if (list.length === 0) throw invalidInput(this, itemIndex, 'Recipients', 'add at least one email address');
	const recipients = list.map((entry) => checkEmail(this, entry, itemIndex, 'Recipients'));
	const channel: IDataObject = { type: 'email', recipients };
	const { subject_prefix: subjectPrefix } = readCollection(this, 'additionalFields', itemIndex);
	if (typeof subjectPrefix === 'string' && subjectPrefix !== '') channel.subject_prefix = subjectPrefix;
	return { ...readThreshold(this, itemIndex, 0), notification_channel: channel };
}
