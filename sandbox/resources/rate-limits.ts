/**
 * /organization/projects/{project_id}/rate_limits: one limit per model, listed 100 at a time by default
 * (with `before` as well as `after`). A project's limit can be lowered but not raised above the
 * organization's limit for the model, and only the fields a model has can be set.
 */
import { badRequest } from '../http';
import { limitsFor } from '../seed-data';
import { SEEDED_COLLECTIONS } from '../collections';
import { CollectionStore, project } from '../store';
import type { Project, RateLimit } from '../types';
import type { Route } from './context';

const LIMIT_FIELDS = [
	'max_requests_per_1_minute',
	'max_tokens_per_1_minute',
	'max_images_per_1_minute',
	'max_audio_megabytes_per_1_minute',
	'max_requests_per_1_day',
	'batch_1_day_max_input_tokens',
] as const;

export function serializeRateLimit(r: RateLimit) {
	const out: Record<string, unknown> = { object: 'project.rate_limit', id: r.id, model: r.model };
	for (const field of LIMIT_FIELDS) if (r[field] !== undefined) out[field] = r[field];
	return out;
}

export const rateLimits = new CollectionStore<RateLimit, Project>({
	path: SEEDED_COLLECTIONS.rateLimits,
	idParam: 'rate_limit_id',
	noun: 'rate limit',
	object: 'project.rate_limit',
	idPrefix: 'rl-',
	scope: project,
	serialize: serializeRateLimit,
	defaultLimit: 100,
	allowBefore: true,
	events: { updated: 'rate_limit.updated' },
});

export const routes: Route[] = [
	rateLimits.listRoute('list-project-rate-limits'),
	rateLimits.updateRoute('update-project-rate-limits', {
		rules: Object.fromEntries(LIMIT_FIELDS.map((f) => [f, { minimum: 0 }])),
		apply: (limit, ctx) => {
			const ceiling = limitsFor(limit.model);
			const given = LIMIT_FIELDS.filter((field) => ctx.body[field] !== undefined);
			for (const field of given) {
				const value = ctx.body[field] as number;
				if (limit[field] === undefined) throw badRequest(`'${field}' does not apply to model ${limit.model}.`, field);
				const max = ceiling?.[field];
				if (max !== undefined && value > max) {
					throw badRequest(`'${field}' cannot exceed the organization's limit of ${max} for model ${limit.model}.`, field);
				}
			}
			for (const field of given) limit[field] = ctx.body[field] as number;
		},
	}),
];
