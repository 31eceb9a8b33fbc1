/** /organization/projects/{project_id}/users: only organization members can be added; roles owner|member. */
import { badRequest, notFound, paginate, type BodySpec } from '../http';
import type { Project, ProjectRole, ProjectUser } from '../types';
import { activeProjectOr400, deleted, type RouteContext } from './context';

const PROJECT_ROLES = ['owner', 'member'] as const;

export function serializeProjectUser(u: ProjectUser) {
	return { object: 'organization.project.user' as const, id: u.id, name: u.name, email: u.email, role: u.role, added_at: u.added_at };
}

export const createProjectUserBody: BodySpec = {
	user_id: { type: 'string', nullable: true },
	email: { type: 'string', nullable: true },
	role: { type: 'string', required: true, enum: PROJECT_ROLES },
};

export const updateProjectUserBody: BodySpec = {
	role: { type: 'string', nullable: true, enum: PROJECT_ROLES },
};

function memberOr404(project: Project, userId: string): { user: ProjectUser; index: number } {
	const index = project.users.findIndex((u) => u.id === userId);
	if (index < 0) throw notFound(`The user ${userId} was not found in project ${project.id}`);
	return { user: project.users[index], index };
}

export function listProjectUsers(ctx: RouteContext) {
	const project = activeProjectOr400(ctx);
	return paginate(ctx.state, project.users, ctx.query, serializeProjectUser);
}

/** Add by `user_id` or by `email` (exactly one); the user must belong to the organization. */
export function createProjectUser(ctx: RouteContext) {
	const project = activeProjectOr400(ctx);
	const userId = ctx.body.user_id as string | null | undefined;
	const email = ctx.body.email as string | null | undefined;
	const hasId = typeof userId === 'string' && userId.length > 0;
	const hasEmail = typeof email === 'string' && email.length > 0;
	if (hasId && hasEmail) throw badRequest("Provide exactly one of 'user_id' or 'email', not both.", 'user_id');
	if (!hasId && !hasEmail) throw badRequest("Missing required parameter: 'user_id' or 'email'.", 'user_id', 'missing_required_parameter');
	const orgUser = hasId ? ctx.state.findOrganizationUser(userId) : ctx.state.findOrganizationUserByEmail(email as string);
	if (!orgUser) {
		throw hasId
			? badRequest(
					`User ${userId} is not a member of this organization. Users must be members of the organization before they can be added to a project.`,
					'user_id',
				)
			: badRequest(
					`No member of this organization has the email '${email}'. Users must be members of the organization before they can be added to a project.`,
					'email',
				);
	}
	if (project.users.some((u) => u.id === orgUser.id)) {
		throw badRequest(`User ${orgUser.id} is already a member of project ${project.id}.`, hasId ? 'user_id' : 'email');
	}
	const member: ProjectUser = {
		object: 'organization.project.user',
		id: orgUser.id,
		name: orgUser.name,
		email: orgUser.email,
		role: ctx.body.role as ProjectRole,
		added_at: ctx.now(),
	};
	project.users.push(member);
	return serializeProjectUser(member);
}

export function retrieveProjectUser(ctx: RouteContext) {
	const project = activeProjectOr400(ctx);
	return serializeProjectUser(memberOr404(project, ctx.params.user_id).user);
}

export function modifyProjectUser(ctx: RouteContext) {
	const project = activeProjectOr400(ctx);
	const { user } = memberOr404(project, ctx.params.user_id);
	if (typeof ctx.body.role === 'string') user.role = ctx.body.role as ProjectRole;
	return serializeProjectUser(user);
}

/** Removing a member leaves their keys in place; those keys then report owner_project_access 'inactive'. */
export function deleteProjectUser(ctx: RouteContext) {
	const project = activeProjectOr400(ctx);
	const { user, index } = memberOr404(project, ctx.params.user_id);
	ctx.state.removeAt(project.users, index);
	return deleted('organization.project.user.deleted', user.id);
}
