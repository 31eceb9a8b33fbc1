/** What a route handler receives, and the lookups most handlers start with. */
import { badRequest, notFound, type BodySpec } from '../http';
import type { SandboxState } from '../state';
import type { Project } from '../types';

export interface RouteContext {
	state: SandboxState;
	/** Path parameters, URL-decoded once. */
	params: Record<string, string>;
	query: URLSearchParams;
	/** The request body, already checked against the route's `body` spec ({} when absent). */
	body: Record<string, unknown>;
	/** Unix seconds, from the sandbox's clock. */
	now: () => number;
}

export interface Route {
	method: 'GET' | 'POST' | 'DELETE';
	/** Path after '/v1', with `{name}` placeholders as in the spec. */
	path: string;
	/** Checked before the handler runs; unknown fields are rejected. Routes without one ignore the body. */
	body?: BodySpec;
	/** Returns the 200 response body, or throws an ApiError. */
	handler: (ctx: RouteContext) => unknown;
}

export function projectOr404(ctx: RouteContext): Project {
	const id = ctx.params.project_id;
	const project = ctx.state.findProject(id);
	if (!project) throw notFound(`The project ${id} was not found`);
	return project;
}

/** Archived projects have no users or service accounts and cannot be changed. */
export function activeProjectOr400(ctx: RouteContext): Project {
	const project = projectOr404(ctx);
	if (project.archived_at !== null) {
		throw badRequest(`Project ${project.id} is archived. Archived projects cannot be used or modified.`);
	}
	return project;
}

export function deleted(object: string, id: string) {
	return { object, id, deleted: true };
}
