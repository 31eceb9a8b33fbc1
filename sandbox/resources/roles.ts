/**
 * /organization/roles: the organization's roles (predefined ones and custom ones), and the organization
 * roles assigned to users and groups (/organization/users/{user_id}/roles, /organization/groups/{group_id}/roles).
 * Lists page with `next`; an assignment lists back as the role it assigns.
 */
import { badRequest, notFound } from '../http';
import type { SandboxState } from '../state';
import { CollectionStore, organization, type Scope } from '../store';
import type { OrganizationUser } from '../types';
import type { OperationId } from '../../nodes/shared/spec';
import { route, type Route, type RouteContext } from './context';
import { groupOf, groups, serializeGroupSummary, type Group } from './groups';
import { rolesOf, serializeRole, type Role } from './role-catalog';
import { organizationUserOr404, serializeUser } from './organization-user';

/** A role given to a user or a group: the role's id, the role, and when. */
export interface Assignment {
	id: string;
	role: Role;
	created_at: number;
}

/** The organization id that role assignments name as their resource. */
export const ORGANIZATION_RESOURCE_ID = 'org-sandbox';

/** An assignment as the assignment lists and gets show it: the role's details. */
function assignedRole({ role }: Assignment) {
	return {
		id: role.id,
		name: role.name,
		permissions: role.permissions,
		resource_type: role.resource_type,
		predefined_role: role.predefined_role,
		description: role.description,
		created_at: role.created_at,
		updated_at: role.updated_at,
		created_by: null,
		created_by_user_obj: null,
		metadata: null,
		assignment_sources: null,
	};
}

const notBlank = { role_name: { minLength: 1 } };

function uniqueName(state: SandboxState, name: string, except?: Role): string {
	const trimmed = name.trim();
	if (rolesOf(state).some((r) => r !== except && r.name.toLowerCase() === trimmed.toLowerCase())) {
		throw badRequest(`A role named '${trimmed}' already exists in this organization.`, 'role_name');
	}
	return trimmed;
}

function editable(role: Role): Role {
	if (role.predefined_role) throw badRequest(`Role ${role.id} is predefined and cannot be changed or deleted.`);
	return role;
}

export const roles = new CollectionStore<Role>({
	path: '/organization/roles',
	idParam: 'role_id',
	noun: 'role',
	object: 'role',
	idPrefix: 'role_',
	scope: organization,
	items: (_, state) => rolesOf(state),
	serialize: serializeRole,
	pager: 'next',
	defaultLimit: 1000,
	maxLimit: 1000,
	order: 'asc',
	events: { created: 'role.created', updated: 'role.updated', deleted: 'role.deleted' },
	eventData: () => ({}),
	beforeRemove: (role) => void editable(role),
	// Its assignments go with it.
	afterRemove: (role, _scope, ctx) => {
		const holders = [
			...ctx.state.organizationUsers.map((u) => userRoles.items(u, ctx.state)),
			...groups.items(ctx.state, ctx.state).map((g) => groupRoles.items(g, ctx.state)),
		];
		for (const items of holders) {
			const at = items.findIndex((a) => a.id === role.id);
			if (at >= 0) ctx.state.removeAt(items, at);
		}
	},
});

/** An organization role, for assigning: a project role is a 400 naming `role_id`. */
function organizationRole(ctx: RouteContext): Role {
	const id = ctx.body.role_id as string;
	const role = rolesOf(ctx.state).find((r) => r.id === id);
	if (!role) throw notFound(`The role ${id} was not found`, 'role_id');
	if (role.resource_type !== 'api.organization') throw badRequest(`Role ${id} is a project role; only organization roles can be assigned here.`, 'role_id');
	return role;
}

/** The users and groups that organization roles are assigned to. */
const userScope: Scope<OrganizationUser> = {
	read: (ctx) => organizationUserOr404(ctx.state, ctx.params.user_id),
	write: (ctx) => organizationUserOr404(ctx.state, ctx.params.user_id),
	key: (u) => u.id,
	project: () => undefined,
};
const groupScope: Scope<Group> = { read: (ctx) => groupOf(ctx), write: (ctx) => groupOf(ctx), key: (g) => g.id, project: () => undefined };

function assignments<S extends { id: string }>(path: string, scope: Scope<S>, principal: 'user' | 'group') {
	return new CollectionStore<Assignment, S>({
		path,
		idParam: 'role_id',
		noun: 'role assignment',
		object: `${principal}.role`,
		idPrefix: 'role_',
		scope,
		serialize: assignedRole,
		pager: 'next',
		maxLimit: 1000,
		order: 'asc',
		events: { created: 'role.assignment.created', deleted: 'role.assignment.deleted' },
	});
}

export const userRoles = assignments('/organization/users/{user_id}/roles', userScope, 'user');
export const groupRoles = assignments('/organization/groups/{group_id}/roles', groupScope, 'group');

/** The operations of one principal's assignments. */
interface AssignmentOperations {
	list: OperationId;
	assign: OperationId;
	get: OperationId;
	unassign: OperationId;
}

/** list, assign (once), get, unassign: the routes of one principal's assignments. */
function assignmentRoutes<S extends { id: string }>(
	store: CollectionStore<Assignment, S>,
	operations: AssignmentOperations,
	principal: 'user' | 'group',
	answer: (ctx: RouteContext, parent: S, role: Role) => unknown,
): Route[] {
	const event = (parent: S, role: Role) => ({
		principal_id: parent.id,
		principal_type: principal,
		resource_id: ORGANIZATION_RESOURCE_ID,
		resource_type: role.resource_type,
	});
	const scope = store.options.scope;
	return [
		store.listRoute(operations.list),
		route(operations.assign, {
			handler: (ctx) => {
				const parent = scope.write(ctx);
				const role = organizationRole(ctx);
				const items = store.items(parent, ctx.state);
				if (items.some((a) => a.id === role.id)) {
					throw badRequest(`Role ${role.id} is already assigned to ${principal} ${parent.id}.`, 'role_id');
				}
				items.push({ id: role.id, role, created_at: ctx.now() });
				ctx.state.recordEvent({ type: 'role.assignment.created', payload: { id: role.id, ...event(parent, role) } });
				return answer(ctx, parent, role);
			},
		}),
		store.getRoute(operations.get),
		route(operations.unassign, {
			handler: (ctx) => {
				const parent = scope.write(ctx);
				const assignment = store.require(parent, ctx.state, ctx.params.role_id);
				const items = store.items(parent, ctx.state);
				ctx.state.removeAt(items, items.indexOf(assignment));
				ctx.state.recordEvent({ type: 'role.assignment.deleted', payload: { id: assignment.id, ...event(parent, assignment.role) } });
				return { object: `${principal}.role.deleted`, deleted: true };
			},
		}),
	];
}

/** Forgets what was assigned to a user that has left. */
export function forgetUser(state: SandboxState, user: OrganizationUser): void {
	userRoles.items(user, state).splice(0);
}

export const routes: Route[] = [
	roles.listRoute('list-roles'),
	roles.createRoute('create-role', {
		rules: notBlank,
		build: (ctx) => {
			const now = ctx.now();
			return {
				object: 'role',
				id: roles.newId(ctx.state),
				name: uniqueName(ctx.state, ctx.body.role_name as string),
				description: (ctx.body.description as string | null | undefined) ?? null,
				permissions: ctx.body.permissions as string[],
				resource_type: 'api.organization',
				predefined_role: false,
				created_at: now,
				updated_at: now,
			};
		},
	}),
	roles.getRoute('retrieve-role'),
	roles.updateRoute('update-role', {
		apply: (role, ctx) => {
			editable(role);
			const { role_name: name, permissions, description } = ctx.body;
			if (typeof name === 'string') role.name = uniqueName(ctx.state, name, role);
			if (Array.isArray(permissions)) role.permissions = permissions as string[];
			if (description !== undefined) role.description = description as string | null;
			role.updated_at = ctx.now();
		},
	}),
	roles.deleteRoute('delete-role'),
	...assignmentRoutes(userRoles, { list: 'list-user-role-assignments', assign: 'assign-user-role', get: 'retrieve-user-role', unassign: 'unassign-user-role' }, 'user', (_ctx, user, role) => ({ object: 'user.role', user: serializeUser(user), role: serializeRole(role) })),
	...assignmentRoutes(groupRoles, { list: 'list-group-role-assignments', assign: 'assign-group-role', get: 'retrieve-group-role', unassign: 'unassign-group-role' }, 'group', (_ctx, group, role) => ({ object: 'group.role', group: serializeGroupSummary(group), role: serializeRole(role) })),
];
