/**
 * Roles assigned to users and groups, of the organization (/organization/users|groups/{id}/roles) or
 * within a project (/projects/{project_id}/users|groups/{id}/roles). Each principal's assignments are
 * a store under it; a role is assigned once, lists back as the role it assigns (`next` pages, up to
 * 1000), and every assignment and removal records role.assignment.created|deleted naming the
 * principal and the resource (the organization, or the project).
 */
import type { OperationId } from '../../nodes/shared/spec';
import { badRequest, notFound } from '../http';
import { CollectionStore, type Scope } from '../store';
import type { Project } from '../types';
import { route, type Route, type RouteContext } from './context';
import { projectRolesOf, rolesOf, serializeRole, type Role } from './role-catalog';

/** A role given to a user or a group: the role's id, the role, and when. */
export interface Assignment {
	id: string;
	role: Role;
	created_at: number;
}

export type Principal = 'user' | 'group';

/** The organization id that role assignments name as their resource. */
export const ORGANIZATION_RESOURCE_ID = 'org-sandbox';

/** What an assignment is of, as its audit events name it. */
export interface AssignedResource {
	resource_id: string;
	resource_type: string;
}

/** A user or group within a project: the principal's id and the project (their assignments' parent). */
export interface ProjectPrincipal {
	id: string;
	project: Project;
}

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

/** The store of the roles assigned to each principal of a scope. */
export function assignments<S extends { id: string }>(path: string, scope: Scope<S>, principal: Principal): CollectionStore<Assignment, S> {
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

/**
 * The users or groups of a project, as a path names one (`{project_id}` and `member`'s id parameter):
 * a principal that is not there is a 404, as the membership's own get answers.
 */
export function principalsOf<M extends { id: string }>(memberships: CollectionStore<M, Project>): Scope<ProjectPrincipal> {
	const read = (ctx: RouteContext): ProjectPrincipal => {
		const project = memberships.options.scope.read(ctx);
		const member = memberships.require(project, ctx.state, ctx.params[memberships.options.idParam]);
		return { id: member.id, project };
	};
	return { read, write: read, key: (p) => `${p.project.id}/${p.id}`, project: (p) => p.project };
}

/** An organization role, for assigning to an organization user or group: a project role is a 400 naming `role_id`. */
function organizationRole(ctx: RouteContext): Role {
	const id = ctx.body.role_id as string;
	const role = rolesOf(ctx.state).find((r) => r.id === id);
	if (!role) throw notFound(`The role ${id} was not found`, 'role_id');
	if (role.resource_type !== 'api.organization') throw badRequest(`Role ${id} is a project role; only organization roles can be assigned here.`, 'role_id');
	return role;
}

/** A role of the project, for assigning within it: an organization role is a 400, any other a 404, both naming `role_id`. */
function projectRole(ctx: RouteContext, { project }: ProjectPrincipal): Role {
	const id = ctx.body.role_id as string;
	const role = projectRolesOf(ctx.state, project).find((r) => r.id === id);
	if (role) return role;
	if (rolesOf(ctx.state).some((r) => r.id === id)) {
		throw badRequest(`Role ${id} is an organization role; only roles of project ${project.id} can be assigned here.`, 'role_id');
	}
	throw notFound(`The role ${id} was not found in project ${project.id}`, 'role_id');
}

/** The principal as the assign answer shows it (`user` or `group`). */
type Shown<S> = (ctx: RouteContext, parent: S) => unknown;

/** Where roles are assigned: which roles may be, and what the assignments' events name as the resource. */
interface AssignmentPlace<S> {
	/** `''` in the organization, `'project-'` within a project: the spec names the operations alike. */
	prefix: '' | 'project-';
	/** The role the body names, if it can be assigned here. */
	role: (ctx: RouteContext, parent: S) => Role;
	resource: (parent: S, role: Role) => AssignedResource;
}

const IN_ORGANIZATION: AssignmentPlace<unknown> = {
	prefix: '',
	role: organizationRole,
	resource: (_parent, role) => ({ resource_id: ORGANIZATION_RESOURCE_ID, resource_type: role.resource_type }),
};

const IN_PROJECT: AssignmentPlace<ProjectPrincipal> = {
	prefix: 'project-',
	role: projectRole,
	resource: ({ project }) => ({ resource_id: project.id, resource_type: 'api.project' }),
};

/** The routes of the organization roles assigned to users or groups of the organization. */
export function organizationAssignmentRoutes<S extends { id: string }>(store: CollectionStore<Assignment, S>, principal: Principal, shown: Shown<S>): Route[] {
	return assignmentRoutes(store, principal, IN_ORGANIZATION, shown);
}

/** The routes of the project roles assigned to members or groups of a project. */
export function projectAssignmentRoutes(store: CollectionStore<Assignment, ProjectPrincipal>, principal: Principal, shown: Shown<ProjectPrincipal>): Route[] {
	return assignmentRoutes(store, principal, IN_PROJECT, shown);
}

/** list, assign (once), get, unassign: the routes of one kind of principal's assignments. */
function assignmentRoutes<S extends { id: string }>(
	store: CollectionStore<Assignment, S>,
	principal: Principal,
	{ prefix, role: roleFor, resource }: AssignmentPlace<S>,
	shown: Shown<S>,
): Route[] {
	const holder = `${prefix}${principal}` as const;
	const operations = {
		list: `list-${holder}-role-assignments`,
		assign: `assign-${holder}-role`,
		get: `retrieve-${holder}-role`,
		unassign: `unassign-${holder}-role`,
	} as const satisfies Record<string, OperationId>;
	const scope = store.options.scope;
	const event = (parent: S, role: Role) => ({ principal_id: parent.id, principal_type: principal, ...resource(parent, role) });
	return [
		store.listRoute(operations.list),
		route(operations.assign, {
			handler: (ctx) => {
				const parent = scope.write(ctx);
				const role = roleFor(ctx, parent);
				const items = store.items(parent, ctx.state);
				if (items.some((a) => a.id === role.id)) {
					throw badRequest(`Role ${role.id} is already assigned to ${principal} ${parent.id}.`, 'role_id');
				}
				const assignment = { id: role.id, role, created_at: ctx.now() };
				items.push(assignment);
				store.record(ctx.state, 'created', parent, assignment, event(parent, role));
				return { object: `${principal}.role`, [principal]: shown(ctx, parent), role: serializeRole(role) };
			},
		}),
		store.getRoute(operations.get),
		route(operations.unassign, {
			handler: (ctx) => {
				const parent = scope.write(ctx);
				const assignment = store.require(parent, ctx.state, ctx.params.role_id);
				const items = store.items(parent, ctx.state);
				ctx.state.removeAt(items, items.indexOf(assignment));
				store.record(ctx.state, 'deleted', parent, assignment, event(parent, assignment.role));
				return { object: `${principal}.role.deleted`, deleted: true };
			},
		}),
	];
}

/** Takes `role` away from whoever holds it among `holders` (a role being deleted). */
export function unassignEverywhere(ctx: RouteContext, holders: Assignment[][], role: Role): void {
	for (const items of holders) {
		const at = items.findIndex((a) => a.id === role.id);
		if (at >= 0) ctx.state.removeAt(items, at);
	}
}
