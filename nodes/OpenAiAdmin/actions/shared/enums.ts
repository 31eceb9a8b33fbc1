/**
 * Values the spec enumerates, defined once for the node; test/registry/enums.test.ts checks each
 * against the spec schema named beside it.
 */

/** `PublicProjectResidency`. */
export const RESIDENCIES = [
	'AE_STORAGE',
	'AE_STORAGE_PROCESSING',
	'AU_STORAGE',
	'CA_STORAGE',
	'EU_STORAGE_PROCESSING',
	'GB_STORAGE',
	'GLOBAL',
	'IN_STORAGE',
	'JP_STORAGE',
	'KR_STORAGE',
	'SG_STORAGE',
	'US_STORAGE_PROCESSING',
] as const;

/** A project member's role: `UpdateProjectServiceAccountBody.role` (the user requests say it in prose). */
export const PROJECT_ROLES = ['member', 'owner'] as const;

/** `owner_project_access` of list-project-api-keys. */
export const OWNER_PROJECT_ACCESS = ['active', 'any', 'inactive'] as const;

/** The writable limits of `ProjectRateLimitUpdateRequest`, by display name. */
export const RATE_LIMIT_FIELDS: Array<[displayName: string, name: string, description: string]> = [
	['Batch Max Input Tokens Per Day', 'batch_1_day_max_input_tokens', 'The maximum batch input tokens per day (only for some models)'],
	['Max Audio Megabytes Per Minute', 'max_audio_megabytes_per_1_minute', 'The maximum audio megabytes per minute (only for some models)'],
	['Max Images Per Minute', 'max_images_per_1_minute', 'The maximum images per minute (only for some models)'],
	['Max Requests Per Day', 'max_requests_per_1_day', 'The maximum requests per day (only for some models)'],
	['Max Requests Per Minute', 'max_requests_per_1_minute', 'The maximum requests per minute'],
	['Max Tokens Per Minute', 'max_tokens_per_1_minute', 'The maximum tokens per minute'],
];

/** An organization member's role: `InviteRequest.role` (the user update says it in prose). */
export const ORGANIZATION_ROLES = ['owner', 'reader'] as const;

/** `order` of the lists that take one. */
export const LIST_ORDERS = ['asc', 'desc'] as const;
