/**
 * The roles there are: the organization's (its predefined roles, there from the start, and its custom
 * ones) and each project's (the predefined project roles and the project's own custom roles).
 */
import { ORGANIZATION } from '../collections';
import type { SandboxState } from '../state';
import type { Project } from '../types';

export interface Role {
	object: 'role';
	id: string;
	name: string;
	description: string | null;
	permissions: string[];
	/** `api.organization` roles are assigned to users and groups; `api.project` roles grant project access. */
	resource_type: 'api.organization' | 'api.project';
	predefined_role: boolean;
	created_at: number;
	updated_at: number;
}

const PREDEFINED: Array<[id: string, name: string, resource: Role['resource_type'], permissions: string[]]> = [
	['role_org_owner', 'owner', 'api.organization', ['api.organization.read', 'api.organization.write']],
	['role_org_reader', 'reader', 'api.organization', ['api.organization.read']],
	['role_proj_owner', 'owner', 'api.project', ['api.project.read', 'api.project.write']],
	['role_proj_member', 'member', 'api.project', ['api.project.read']],
];

/** Where the custom roles of each project are kept (the path of their store). */
export const PROJECT_ROLES_PATH = '/projects/{project_id}/roles';

/** The organization's roles, the predefined ones first (they exist from the start). */
export function rolesOf(state: SandboxState): Role[] {
	const items = state.collection<Role>('/organization/roles', ORGANIZATION);
	state.setting('predefined roles', () => {
		for (const [id, name, resource_type, permissions] of PREDEFINED) {
			items.push({ object: 'role', id, name, description: null, permissions, resource_type, predefined_role: true, created_at: 1700000000, updated_at: 1700000000 });
		}
		return {};
	});
	return items;
}

/**
 * A project's roles: the predefined project roles first (every project has them; the same objects as
 * the organization lists), then the project's custom roles.
 */
export function projectRolesOf(state: SandboxState, project: Project): Role[] {
	const items = state.collection<Role>(PROJECT_ROLES_PATH, project.id);
	state.setting(`predefined roles of ${project.id}`, () => {
		items.unshift(...rolesOf(state).filter((role) => role.predefined_role && role.resource_type === 'api.project'));
		return {};
	});
	return items;
}

export function serializeRole(r: Role) {
	const { object, id, name, description, permissions, resource_type, predefined_role } = r;
	return { object, id, name, description, permissions, resource_type, predefined_role };
}
