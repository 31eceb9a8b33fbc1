/**
 * /organization/groups: groups of the organization's users, their members
 * (/organization/groups/{group_id}/users) and the projects they have access to, with a project role
 * (/organization/projects/{project_id}/groups). Lists page with `next`. A member, or a group in a
 * project, is there once: adding it again is a 400. A group's further project roles
 * (/projects/{project_id}/groups/{group_id}/roles) hang on its access to the project: removing the
 * group from the project drops them. Deleting a group removes it everywhere.
 */
import { badRequest, notFound, queryEnum } from '../http';
import type { SandboxState } from '../state';
import { CollectionStore, activeProject, organization, type Scope } from '../store';
import type { OrganizationUser, Project } from '../types';
import { route, type Route, type RouteContext } from './context';
import { organizationUserOr404 } from './organization-user';
import { assignments, principalsOf, projectAssignmentRoutes } from './role-assignments';
import { rolesOf } from './role-catalog';

export interface Group {
	id: string;
	name: string;
	created_at: number;
	is_scim_managed: boolean;
	group_type: 'group' | 'tenant_group';
}

/** A member of a group: the user's id, and when they were added. */
export interface GroupMember {
	id: string;
	added_at: number;
}

/** A group's access to a project: the group's id, its project role's id, and since when. */
export interface ProjectGroupAccess {
	id: string;
	role: string;
	created_at: number;
}

const GROUP_ROLES_PATH = '/organization/groups/{group_id}/roles';

export const serializeGroup = (g: Group) => ({ ...g });

/** The group as role assignments show it. */
export const serializeGroupSummary = (g: Group) => ({ object: 'group' as const, id: g.id, name: g.name, created_at: g.created_at, scim_managed: g.is_scim_managed });

export const groups = new CollectionStore<Group>({
	path: '/organization/groups',
	idParam: 'group_id',
	noun: 'group',
	object: 'group',
	idPrefix: 'group_',
	scope: organization,
	serialize: serializeGroup,
	pager: 'next',
	defaultLimit: 100,
	maxLimit: 1000,
	order: 'asc',
	events: { created: 'group.created', updated: 'group.updated', deleted: 'group.deleted' },
	eventData: (g) => ({ group_name: g.name }),
	eventChanges: (body) => ({ group_name: body.name }),
	// Its memberships, role assignments and project access go with it.
	afterRemove: (group, _scope, ctx) => {
		groupUsers.items(group, ctx.state).splice(0);
		ctx.state.collection(GROUP_ROLES_PATH, group.id).splice(0);
		for (const project of ctx.state.projects) {
			const items = projectGroups.items(project, ctx.state);
			const at = items.findIndex((access) => access.id === group.id);
			if (at >= 0) withoutAccess(ctx.state, project, items, at);
		}
	},
});

export function groupOf(ctx: RouteContext): Group {
	return groups.require(ctx.state, ctx.state, ctx.params.group_id);
}

const groupScope: Scope<Group> = { read: (ctx) => groupOf(ctx), write: (ctx) => groupOf(ctx), key: (g) => g.id, project: () => undefined };

export const groupUsers = new CollectionStore<GroupMember, Group>({
	path: '/organization/groups/{group_id}/users',
	idParam: 'user_id',
	noun: 'group member',
	object: 'group.user',
	idPrefix: 'user-',
	scope: groupScope,
	pager: 'next',
	defaultLimit: 100,
	maxLimit: 1000,
	order: 'desc',
});

function serializeProjectGroup(access: ProjectGroupAccess, project: Project, state: SandboxState) {
	const group = groups.require(state, state, access.id);
	return { object: 'project.group' as const, project_id: project.id, group_id: group.id, group_name: group.name, group_type: group.group_type, created_at: access.created_at };
}

export const projectGroups = new CollectionStore<ProjectGroupAccess, Project>({
	path: '/organization/projects/{project_id}/groups',
	idParam: 'group_id',
	noun: 'group',
	object: 'project.group',
	idPrefix: 'group_',
	scope: activeProject,
	pager: 'next',
	order: 'asc',
});

/** The project roles assigned to each group with access to a project. */
export const projectGroupRoles = assignments('/projects/{project_id}/groups/{group_id}/roles', principalsOf(projectGroups), 'group');

/** Takes a group's access to a project away, and the project roles it had there with it. */
function withoutAccess(state: SandboxState, project: Project, items: ProjectGroupAccess[], at: number): ProjectGroupAccess {
	const access = state.removeAt(items, at);
	projectGroupRoles.items({ id: access.id, project }, state).splice(0);
	return access;
}

/** Forgets the group memberships of a user who has left the organization. */
export function forgetUser(state: SandboxState, user: OrganizationUser): void {
	for (const group of groups.items(state, state)) {
		const items = groupUsers.items(group, state);
		const at = items.findIndex((m) => m.id === user.id);
		if (at >= 0) state.removeAt(items, at);
	}
}

/** The event of a change in who can reach a project through a group. */
function projectAccessEvent(state: SandboxState, type: string, project: Project, access: ProjectGroupAccess): void {
	state.recordEvent({
		type,
		project,
		payload: { id: access.role, principal_id: access.id, principal_type: 'group', resource_id: project.id, resource_type: 'api.project' },
	});
}

const notBlank = { name: { minLength: 1 } };

function uniqueName(state: SandboxState, name: string, except?: Group): string {
	const trimmed = name.trim();
	if (groups.items(state, state).some((g) => g !== except && g.name.toLowerCase() === trimmed.toLowerCase())) {
		throw badRequest(`A group named '${trimmed}' already exists in this organization.`, 'name');
	}
	return trimmed;
}

/** A route whose answer is reshaped (the store serves the stored object as it is). */
function reshaped(served: Route, reshape: (answer: unknown, ctx: RouteContext) => unknown): Route {
	return { ...served, handler: (ctx) => reshape(served.handler(ctx), ctx) };
}

type Page<T> = { data: T[] };

export const routes: Route[] = [
	groups.listRoute('list-groups'),
	groups.createRoute('create-group', {
		rules: notBlank,
		build: (c) => ({ id: groups.newId(c.state), name: uniqueName(c.state, c.body.name as string), created_at: c.now(), is_scim_managed: false, group_type: 'group' }),
	}),
	groups.getRoute('retrieve-group'),
	// The update answers without `group_type` (GroupResourceWithSuccess).
	reshaped(groups.updateRoute('update-group', { rules: notBlank, apply: (group, c) => void (group.name = uniqueName(c.state, c.body.name as string, group)) }), (answer) => {
		const { group_type: _type, ...rest } = answer as Group;
		return rest;
	}),
	groups.deleteRoute('delete-group'),
	// Members: the organization's users, each once; listed newest first by default.
	reshaped(groupUsers.listRoute('list-group-users'), (page, c) => ({ ...(page as Page<GroupMember>), data: (page as Page<GroupMember>).data.map((m) => groupUser(c.state, m.id)) })),
	route('add-group-user', {
		handler: (c) => {
			const group = groupOf(c);
			const user = organizationUserOr404(c.state, c.body.user_id as string);
			const items = groupUsers.items(group, c.state);
			if (items.some((m) => m.id === user.id)) throw badRequest(`User ${user.id} is already a member of group ${group.id}.`, 'user_id');
			items.push({ id: user.id, added_at: c.now() });
			c.state.recordEvent({ type: 'group.updated', payload: { id: group.id } });
			return { object: 'group.user', user_id: user.id, group_id: group.id };
		},
	}),
	route('retrieve-group-user', {
		handler: (c) => {
			const found = groupUsers.require(groupOf(c), c.state, c.params.user_id);
			return { ...groupUser(c.state, found.id), picture: null, is_service_account: false, user_type: 'user' };
		},
	}),
	route('remove-group-user', {
		handler: (c) => {
			const group = groupOf(c);
			const found = groupUsers.require(group, c.state, c.params.user_id);
			const items = groupUsers.items(group, c.state);
			c.state.removeAt(items, items.indexOf(found));
			c.state.recordEvent({ type: 'group.updated', payload: { id: group.id } });
			return { object: 'group.user.deleted', deleted: true };
		},
	}),
	// Project access: a group, once, with a project role (resource type api.project).
	reshaped(projectGroups.listRoute('list-project-groups'), (page, c) => ({
		...(page as Page<ProjectGroupAccess>),
		data: (page as Page<ProjectGroupAccess>).data.map((access) => serializeProjectGroup(access, activeProject.read(c), c.state)),
	})),
	route('add-project-group', {
		handler: (c) => {
			const project = activeProject.write(c);
			// A project role, by id or by name (the predefined ones are `owner` and `member`).
			const role = rolesOf(c.state).find((r) => r.resource_type === 'api.project' && (r.id === c.body.role || r.name === c.body.role));
			if (!role) throw badRequest(`'${String(c.body.role)}' is not a project role of this organization.`, 'role', 'invalid_value');
			const group = groups.find(c.state, c.state, c.body.group_id as string);
			if (!group) throw notFound(`The group ${String(c.body.group_id)} was not found`, 'group_id');
			const items = projectGroups.items(project, c.state);
			if (items.some((access) => access.id === group.id)) throw badRequest(`Group ${group.id} already has access to project ${project.id}.`, 'group_id');
			const access = { id: group.id, role: role.id, created_at: c.now() };
			items.push(access);
			projectAccessEvent(c.state, 'role.assignment.created', project, access);
			return serializeProjectGroup(access, project, c.state);
		},
	}),
	route('retrieve-project-group', {
		handler: (c) => {
			queryEnum(c.query, 'group_type', ['group', 'tenant_group'] as const);
			const project = activeProject.read(c);
			return serializeProjectGroup(projectGroups.require(project, c.state, c.params.group_id), project, c.state);
		},
	}),
	route('remove-project-group', {
		handler: (c) => {
			const project = activeProject.write(c);
			const access = projectGroups.require(project, c.state, c.params.group_id);
			const items = projectGroups.items(project, c.state);
			withoutAccess(c.state, project, items, items.indexOf(access));
			projectAccessEvent(c.state, 'role.assignment.deleted', project, access);
			return { object: 'project.group.deleted', deleted: true };
		},
	}),
	...projectAssignmentRoutes(projectGroupRoles, 'group', (c, access) => serializeGroupSummary(groups.require(c.state, c.state, access.id))),
];

function groupUser(state: SandboxState, id: string) {
	const user = state.findOrganizationUser(id);
	return { id, name: user?.name ?? '', email: user?.email ?? null };
}
