/** /organization/projects: list, create, retrieve, modify, archive. Projects are never deleted. */
import { badRequest, queryBoolean } from '../http';
import { SEEDED_COLLECTIONS } from '../collections';
import { CollectionStore, assignFields, organization } from '../store';
import type { Project } from '../types';
import { route, type Route } from './context';

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

export const projects = new CollectionStore<Project>({
	path: SEEDED_COLLECTIONS.projects,
	idParam: 'project_id',
	noun: 'project',
	object: 'organization.project',
	idPrefix: 'proj_',
	scope: organization,
	serialize: serializeProject,
	projectOf: (p) => p,
	// The platform calls a project's name its title.
	events: { created: 'project.created', updated: 'project.updated' },
	eventData: (p) => ({ name: p.name, title: p.name }),
	eventChanges: (body) => (typeof body.name === 'string' ? { title: body.name.trim() } : {}),
});

const notBlank = { name: { minLength: 1 } };

export const routes: Route[] = [
	projects.listRoute('list-projects', {
		filter: (ctx) => (queryBoolean(ctx.query, 'include_archived', false) ? undefined : (p) => p.archived_at === null),
	}),
	projects.createRoute('create-project', {
		rules: notBlank,
		build: (ctx) => {
			const project = ctx.state.newProject();
			project.name = (ctx.body.name as string).trim();
			project.created_at = ctx.now();
			project.residency = (ctx.body.residency as string | null | undefined) ?? 'GLOBAL';
			project.external_key_id = (ctx.body.external_key_id as string | null | undefined) ?? null;
			return project;
		},
		// Rate limits come with the project, not as changes of their own.
		after: (ctx, project) => ctx.state.addRateLimits(project.id, ctx.state.rateLimitsForNewProjects),
	}),
	projects.getRoute('retrieve-project'),
	projects.updateRoute('modify-project', {
		rules: notBlank,
		apply: (project, ctx) => {
			if (project.is_default) throw badRequest('The default project cannot be modified.');
			if (project.archived_at !== null) throw badRequest(`Project ${project.id} is archived. Archived projects cannot be modified.`);
			assignFields(project as unknown as Record<string, unknown>, { name: ctx.body.name ?? undefined, external_key_id: ctx.body.external_key_id });
		},
	}),
	// Archiving an archived project changes nothing and answers 200 (so a retried archive is safe).
	route('archive-project', {
		handler: (ctx) => {
			const project = projects.require(ctx.state, ctx.state, ctx.params.project_id);
			if (project.is_default) throw badRequest('The default project cannot be archived.');
			if (project.archived_at === null) {
				project.archived_at = ctx.now();
				ctx.state.recordEvent({ type: 'project.archived', project, payload: { id: project.id } });
			}
			return serializeProject(project);
		},
	}),
];
