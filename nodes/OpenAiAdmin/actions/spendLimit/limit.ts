import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { currencyField, intervalField, readThreshold, thresholdField } from '../spendAlert/alert';

/** A hard spend limit: requests are refused once spend in the interval reaches it. At least 1 cent. */
export const limitFields = [
	thresholdField(1, 'Refuse requests once spend in the interval reaches this amount, in cents (100000 = 1,000.00 USD)'),
	currencyField,
	intervalField,
];

export function limitBody(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return readThreshold(this, itemIndex, 1);
}
