import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { apiPath } from '../../transport/path';
import { collection, projectLocator, rateLimitLocator } from '../shared/fields';
import { checkNonNegativeInteger, invalidInput, readCollection, readId } from '../shared/parameters';
import type { Operation } from '../types';

/** The writable limits of ProjectRateLimitUpdateRequest, by display name. */
const LIMITS: Array<[displayName: string, name: string, description: string]> = [
	['Batch Max Input Tokens Per Day', 'batch_1_day_max_input_tokens', 'The maximum batch input tokens per day (only for some models)'],
	['Max Audio Megabytes Per Minute', 'max_audio_megabytes_per_1_minute', 'The maximum audio megabytes per minute (only for some models)'],
	['Max Images Per Minute', 'max_images_per_1_minute', 'The maximum images per minute (only for some models)'],
	['Max Requests Per Day', 'max_requests_per_1_day', 'The maximum requests per day (only for some models)'],
	['Max Requests Per Minute', 'max_requests_per_1_minute', 'The maximum requests per minute'],
	['Max Tokens Per Minute', 'max_tokens_per_1_minute', 'The maximum tokens per minute'],
];

const limitFields: INodeProperties[] = LIMITS.map(([displayName, name, description]) => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 0 },
	default: 0,
	description,
}));

export const updateRateLimit: Operation = {
	value: 'update',
	name: 'Update',
	action: 'Update a project rate limit',
	description: "Change a project's rate limits for one model",
	properties: [
		projectLocator,
		rateLimitLocator,
		collection('updateFields', limitFields, 'Add Limit'),
	],
	async execute(itemIndex, api) {
		const projectId = readId(this, 'projectId', itemIndex, 'Project');
		const rateLimitId = readId(this, 'rateLimitId', itemIndex, 'Rate Limit');
		const updates = readCollection(this, 'updateFields', itemIndex);
		const body: IDataObject = {};
		for (const [displayName, name] of LIMITS) {
			if (updates[name] !== undefined) {
				body[name] = checkNonNegativeInteger(this, updates[name], itemIndex, displayName);
			}
		}
		if (Object.keys(body).length === 0) {
			throw invalidInput(this, itemIndex, 'Update Fields', 'add at least one limit to change');
		}
		return await api.request({
			method: 'POST',
			path: apiPath`/organization/projects/${projectId}/rate_limits/${rateLimitId}`,
			body,
		});
	},
};
