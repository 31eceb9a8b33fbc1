/**
 * /organization/roles: the organization's roles (predefined ones and custom ones), and the organization
 * roles assigned to users and groups (/organization/users/{user_id}/roles, /organization/groups/{group_id}/roles).
 * Lists page with `next`; an assignment lists back as the role it assigns.
 */
import type { SandboxState } from '../state';
import { organization, type Scope } from '../store';
import type { OrganizationUser } from '../types';
import type { Route } from './context';
import { customRoles } from './custom-roles';
import { groupOf, groups, serializeGroupSummary, type Group } from './groups';
import { organizationUserOr404, serializeUser } from './organization-user';
import { ORGANIZATION_RESOURCE_ID, assignments, organizationAssignmentRoutes, unassignEverywhere } from './role-assignments';
import { rolesOf } from './role-catalog';

/** The users and groups that organization roles are assigned to. */
const userScope: Scope<OrganizationUser> = {
	read: (ctx) => organizationUserOr404(ctx.state, ctx.params.user_id),
	write: (ctx) => organizationUserOr404(ctx.state, ctx.params.user_id),
	key: (u) => u.id,
	project: () => undefined,
};
const groupScope: Scope<Group> = { read: (ctx) => groupOf(ctx), write: (ctx) => groupOf(ctx), key: (g) => g.id, project: () => undefined };

export const userRoles = assignments('/organization/users/{user_id}/roles', userScope, 'user');
export const groupRoles = assignments('/organization/groups/{group_id}/roles', groupScope, 'group');

const organizationRoles = customRoles<SandboxState>(
	{
		path: '/organization/roles',
		scope: organization,
		items: (_, state) => rolesOf(state),
		resource: () => ({ resource_id: ORGANIZATION_RESOURCE_ID, resource_type: 'api.organization' }),
		named: () => 'this organization',
		// Its assignments go with it.
		afterRemove: (role, _scope, ctx) =>
			unassignEverywhere(ctx, [...ctx.state.organizationUsers.map((u) => userRoles.items(u, ctx.state)), ...groups.items(ctx.state, ctx.state).map((g) => groupRoles.items(g, ctx.state))], role),
	},
	{ list: 'list-roles', create: 'create-role', get: 'retrieve-role', update: 'update-role', delete: 'delete-role' },
);

export const roles = organizationRoles.store;

/** Forgets what was assigned to a user that has left. */
export function forgetUser(state: SandboxState, user: OrganizationUser): void {
	userRoles.items(user, state).splice(0);
}

export const routes: Route[] = [
	...organizationRoles.routes,
	...organizationAssignmentRoutes(userRoles, 'user', (_ctx, user) => serializeUser(user)),
	...organizationAssignmentRoutes(groupRoles, 'group', (_ctx, group) => serializeGroupSummary(group)),
];
