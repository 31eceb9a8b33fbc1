import { endpoint } from '../endpoint';
import { inProject, projectLocator, rateLimitLocator } from '../shared/fields';
import { resource } from '../resource';

/** A limit the spec gives no lower bound in its schema, and says is 0 or more. */
const limit = (displayName: string, description: string) => ({ displayName, description, typeOptions: { minValue: 0, numberPrecision: 0 } });

export const projectRateLimit = resource({ value: 'projectRateLimit', name: 'Project Rate Limit', description: 'Per-model rate limits of a project' }, [
	endpoint.list('list-project-rate-limits', { action: 'Get many project rate limits', description: 'List the per-model rate limits of a project', locators: inProject }),
	// Each limit given must be a whole number of 0 or more, and at least one must be given.
	endpoint.update('update-project-rate-limits', {
		action: 'Update a project rate limit',
		description: "Change a project's rate limits for one model",
		locators: { project_id: projectLocator, rate_limit_id: rateLimitLocator },
		collectionPlaceholder: 'Add Limit',
		fields: {
			batch_1_day_max_input_tokens: limit('Batch Max Input Tokens Per Day', 'The maximum batch input tokens per day (only for some models)'),
			max_audio_megabytes_per_1_minute: limit('Max Audio Megabytes Per Minute', 'The maximum audio megabytes per minute (only for some models)'),
			max_images_per_1_minute: limit('Max Images Per Minute', 'The maximum images per minute (only for some models)'),
			max_requests_per_1_day: limit('Max Requests Per Day', 'The maximum requests per day (only for some models)'),
			max_requests_per_1_minute: limit('Max Requests Per Minute', 'The maximum requests per minute'),
			max_tokens_per_1_minute: limit('Max Tokens Per Minute', 'The maximum tokens per minute'),
		},
	}),
	]);
