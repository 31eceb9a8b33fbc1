import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { endpoint } from '../endpoint';
import { RATE_LIMIT_FIELDS } from '../shared/enums';
import { collection, projectLocator, rateLimitLocator } from '../shared/fields';
import { checkNonNegativeInteger, readCollection, requireChanges } from '../shared/parameters';

const limitFields: INodeProperties[] = RATE_LIMIT_FIELDS.map(([displayName, name, description]) => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 0 },
	default: 0,
	description,
}));

/** Each limit given must be a whole number of 0 or more, and at least one must be given. */
export const updateRateLimit = endpoint.post({
	action: 'Update a project rate limit',
	description: "Change a project's rate limits for one model",
	path: '/organization/projects/{project_id}/rate_limits/{rate_limit_id}',
	operationId: 'update-project-rate-limits',
	createsResource: false,
	locators: { project_id: projectLocator, rate_limit_id: rateLimitLocator },
	fields: [collection('updateFields', limitFields, 'Add Limit')],
	body(itemIndex) {
		const updates = readCollection(this, 'updateFields', itemIndex);
		const body: IDataObject = {};
		for (const [displayName, name] of RATE_LIMIT_FIELDS) {
			if (updates[name] !== undefined) {
				body[name] = checkNonNegativeInteger(this, updates[name], itemIndex, displayName);
			}
		}
		return requireChanges(this, itemIndex, body, 'limit');
	},
});
