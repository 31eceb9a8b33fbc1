/**
 * /organization/projects/{project_id}/rate_limits: one limit per model, listed 100 at a time by default
 * (with `before` as well as `after`). A project's limit can be lowered but not raised above the
 * organization's limit for the model, and only the fields a model has can be set.
 */
import { badRequest, notFound, paginate, type BodySpec } from '../http';
import { limitsFor } from '../seed-data';
import type { RateLimit } from '../types';
import { activeProjectOr400, projectOr404, type RouteContext } from './context';

const LIMIT_FIELDS = [
	'max_requests_per_1_minute',
	'max_tokens_per_1_minute',
	'max_images_per_1_minute',
	'max_audio_megabytes_per_1_minute',
	'max_requests_per_1_day',
	'batch_1_day_max_input_tokens',
] as const;

type LimitField = (typeof LIMIT_FIELDS)[number];

export const updateRateLimitBody: BodySpec = Object.fromEntries(
	LIMIT_FIELDS.map((f) => [f, { type: 'integer', minimum: 0 }]),
) as BodySpec;

export function serializeRateLimit(r: RateLimit) {
	const out: Record<string, unknown> = { object: 'project.rate_limit', id: r.id, model: r.model };
	for (const field of LIMIT_FIELDS) if (r[field] !== undefined) out[field] = r[field];
	return out;
}

export function listRateLimits(ctx: RouteContext) {
	const project = projectOr404(ctx);
	return paginate(ctx.state, project.rateLimits, ctx.query, serializeRateLimit, { defaultLimit: 100, allowBefore: true });
}

export function updateRateLimit(ctx: RouteContext) {
	const project = activeProjectOr400(ctx);
	const id = ctx.params.rate_limit_id;
	const limit = project.rateLimits.find((r) => r.id === id);
	if (!limit) throw notFound(`The rate limit ${id} was not found in project ${project.id}`);
	const ceiling = limitsFor(limit.model);
	for (const field of LIMIT_FIELDS) {
		const value = ctx.body[field] as number | undefined;
		if (value === undefined) continue;
		if (limit[field] === undefined) {
			throw badRequest(`'${field}' does not apply to model ${limit.model}.`, field);
		}
		const max = ceiling?.[field as LimitField];
		if (max !== undefined && value > max) {
			throw badRequest(
				`'${field}' cannot exceed the organization's limit of ${max} for model ${limit.model}.`,
				field,
			);
		}
	}
	for (const field of LIMIT_FIELDS) {
		const value = ctx.body[field] as number | undefined;
		if (value !== undefined) limit[field] = value;
	}
	return serializeRateLimit(limit);
}
