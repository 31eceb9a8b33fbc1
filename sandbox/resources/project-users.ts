/**
 * /organization/projects/{project_id}/users: only organization members can be added; roles owner|member.
 * A project keeps an owner: removing or demoting its last owning member is refused (400), as the
 * platform's settings refuse it (the spec does not say; sandbox/README.md). Removing the person from
 * the organization still takes them out of every project.
 * A member's project roles (/projects/{project_id}/users/{user_id}/roles) hang on the membership:
 * removing the member, from the project or from the organization, drops them.
 */
import { SEEDED_COLLECTIONS } from '../collections';
import { badRequest } from '../http';
import { CollectionStore, activeProject } from '../store';
import type { Project, ProjectRole, ProjectUser } from '../types';
import type { Route } from './context';
import { organizationUserOr404, serializeUser } from './organization-user';
import { assignments, principalsOf, projectAssignmentRoutes } from './role-assignments';

const roles = { role: { enum: ['owner', 'member'] } };

/** Refuses a change that would leave the project without an owner among its members. */
function keepAnOwner(project: Project, member: ProjectUser, change: 'removed' | 'made a member'): void {
	if (member.role !== 'owner' || project.users.some((other) => other !== member && other.role === 'owner')) return;
	throw badRequest(
		`User ${member.id} is the last owner of project ${project.id} and cannot be ${change}. Make another member an owner first.`,
		change === 'removed' ? undefined : 'role',
	);
}

export function serializeProjectUser(u: ProjectUser) {
	return { object: 'organization.project.user' as const, id: u.id, name: u.name, email: u.email, role: u.role, added_at: u.added_at };
}

export const projectUsers = new CollectionStore<ProjectUser, Project>({
	path: SEEDED_COLLECTIONS.projectUsers,
	idParam: 'user_id',
	noun: 'user',
	object: 'organization.project.user',
	idPrefix: 'user-',
	scope: activeProject,
	serialize: serializeProjectUser,
	events: { created: 'user.added', updated: 'user.updated', deleted: 'user.deleted' },
	eventData: (u) => ({ role: u.role }),
	afterRemove: (member, project, ctx) => projectUserRoles.items({ id: member.id, project }, ctx.state).splice(0),
});

/** The project roles assigned to each member of a project. */
export const projectUserRoles = assignments('/projects/{project_id}/users/{user_id}/roles', principalsOf(projectUsers), 'user');

export const routes: Route[] = [
	projectUsers.listRoute('list-project-users'),
	projectUsers.createRoute('create-project-user', {
		rules: roles,
		// Add by `user_id` or by `email` (exactly one); the user must belong to the organization.
		build: (ctx, project) => {
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
			const role = ctx.body.role as ProjectRole;
			return { object: 'organization.project.user', id: orgUser.id, name: orgUser.name, email: orgUser.email, role, added_at: ctx.now() };
		},
	}),
	projectUsers.getRoute('retrieve-project-user'),
	projectUsers.updateRoute('modify-project-user', {
		rules: roles,
		apply: (user, ctx, project) => {
			if (ctx.body.role === 'member') keepAnOwner(project, user, 'made a member');
			if (typeof ctx.body.role === 'string') user.role = ctx.body.role as ProjectRole;
		},
	}),
	// Removing a member leaves their keys in place; those keys then report owner_project_access 'inactive'.
	projectUsers.deleteRoute('delete-project-user', { refuse: (member, project) => keepAnOwner(project, member, 'removed') }),
	...projectAssignmentRoutes(projectUserRoles, 'user', (ctx, member) => serializeUser(organizationUserOr404(ctx.state, member.id))),
];
