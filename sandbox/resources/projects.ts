/** /organization/projects: list, create, retrieve, modify, archive. Projects are never deleted. */
import { badRequest, paginate, queryBoolean, type BodySpec } from '../http';
import { RESIDENCIES } from '../seed-data';
import type { Project } from '../types';
import { projectOr404, type RouteContext } from './context';

export function serializeProject(p: Project) {
	return {
		id: p.id,
		object: 'organization.project' as const,
		name: p.name,
		created_at: p.created_at,
		archived_at: p.archived_at,
		status: p.archived_at === null ? 'active' : 'archived',
		external_key_id: p.external_key_id,
		residency: p.residency,
	};
}

export const createProjectBody: BodySpec = {
	name: { type: 'string', required: true, minLength: 1 },
	residency: { type: 'string', nullable: true, enum: RESIDENCIES },
	external_key_id: { type: 'string', nullable: true },
};

export const updateProjectBody: BodySpec = {
	name: { type: 'string', nullable: true, minLength: 1 },
	external_key_id: { type: 'string', nullable: true },
};

export function listProjects(ctx: RouteContext) {
	const includeArchived = queryBoolean(ctx.query, 'include_archived', false);
	return paginate(ctx.state, ctx.state.projects, ctx.query, serializeProject, {
		visible: (p) => includeArchived || p.archived_at === null,
	});
}

export function createProject(ctx: RouteContext) {
	const { state, body } = ctx;
	const [project] = state.addProjects(1, { rateLimits: state.rateLimitsForNewProjects });
	project.name = (body.name as string).trim();
	project.created_at = ctx.now();
	project.residency = (body.residency as string | null | undefined) ?? 'GLOBAL';
	project.external_key_id = (body.external_key_id as string | null | undefined) ?? null;
	return serializeProject(project);
}

export function retrieveProject(ctx: RouteContext) {
	return serializeProject(projectOr404(ctx));
}

export function modifyProject(ctx: RouteContext) {
	const project = projectOr404(ctx);
	if (project.is_default) throw badRequest('The default project cannot be modified.');
	if (project.archived_at !== null) {
		throw badRequest(`Project ${project.id} is archived. Archived projects cannot be modified.`);
	}
	if (typeof ctx.body.name === 'string') project.name = ctx.body.name.trim();
	if (ctx.body.external_key_id !== undefined) project.external_key_id = ctx.body.external_key_id as string | null;
	return serializeProject(project);
}

/** Archiving an archived project changes nothing and answers 200 (so a retried archive is safe). */
export function archiveProject(ctx: RouteContext) {
	const project = projectOr404(ctx);
	if (project.is_default) throw badRequest('The default project cannot be archived.');
	if (project.archived_at === null) project.archived_at = ctx.now();
	return serializeProject(project);
}
