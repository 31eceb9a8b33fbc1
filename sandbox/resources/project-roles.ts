/**
 * /projects/{project_id}/roles: a project's roles, the predefined project roles (`owner`, `member`)
 * and the custom roles made for that project, which no other project sees. A custom project role can
 * be assigned within its project to a member (project-users.ts) or to a group with access to the
 * project (groups.ts); deleting it takes it from all of them.
 */
import type { SandboxState } from '../state';
import { project } from '../store';
import type { Project } from '../types';
import type { Route } from './context';
import { customRoles } from './custom-roles';
import { projectGroupRoles, projectGroups } from './groups';
import { projectUserRoles } from './project-users';
import { unassignEverywhere, type Assignment } from './role-assignments';
import { PROJECT_ROLES_PATH, projectRolesOf } from './role-catalog';

/** The role assignments of everyone within a project: its members' and its groups'. */
function holdersIn(state: SandboxState, p: Project): Assignment[][] {
	return [
		...p.users.map((member) => projectUserRoles.items({ id: member.id, project: p }, state)),
		...projectGroups.items(p, state).map((access) => projectGroupRoles.items({ id: access.id, project: p }, state)),
	];
}

const roles = customRoles<Project>(
	{
		path: PROJECT_ROLES_PATH,
		scope: project,
		items: (p, state) => projectRolesOf(state, p),
		resource: (p) => ({ resource_id: p.id, resource_type: 'api.project' }),
		named: (p) => `project ${p.id}`,
		afterRemove: (role, p, ctx) => unassignEverywhere(ctx, holdersIn(ctx.state, p), role),
	},
	{ list: 'list-project-roles', create: 'create-project-role', get: 'retrieve-project-role', update: 'update-project-role', delete: 'delete-project-role' },
);

export const projectRoles = roles.store;

export const routes: Route[] = roles.routes;
