/**
 * A small people-and-access world in a sandbox, put straight into its stores: groups with members
 * and roles, custom roles of the organization and of one project (assigned within it), pending
 * invites, admin keys and inactive certificates.
 */
import type { Sandbox } from '../../sandbox';
import { adminApiKeys } from '../../sandbox/resources/admin-api-keys';
import { certificates } from '../../sandbox/resources/certificates';
import { groups, groupUsers, projectGroupRoles, projectGroups } from '../../sandbox/resources/groups';
import { invites } from '../../sandbox/resources/invites';
import { projectRoles } from '../../sandbox/resources/project-roles';
import { projectUserRoles } from '../../sandbox/resources/project-users';
import { rolesOf } from '../../sandbox/resources/role-catalog';
import { groupRoles, userRoles } from '../../sandbox/resources/roles';
import type { OrganizationUser, Project } from '../../sandbox/types';

export interface PeopleOptions {
	/** Members of group 0. */
	members: Array<{ id: string }>;
	/** Holds custom roles 0 and 1 (as does group 0); a member of `project`, where they hold its project roles 0 and 1 too. */
	roleHolder: { id: string };
	/** Groups 0 and 1 have access to it; it has `count` custom project roles, 0 and 1 assigned to group 0 and the role holder. */
	project: Project;
	count?: number;
}

export function seedPeople(sandbox: Sandbox, { members, roleHolder, project, count = 3 }: PeopleOptions) {
	const { state } = sandbox;
	const at = state.epoch - 86400;
	const range = Array.from({ length: count }, (_, n) => n);
	const seededGroups = range.map((n) => {
		const group = { id: groups.newId(state), name: `Seeded group ${n}`, created_at: at + n, is_scim_managed: false, group_type: 'group' as const };
		groups.items(state, state).push(group);
		return group;
	});
	for (const user of members) groupUsers.items(seededGroups[0], state).push({ id: user.id, added_at: at });
	const roles = range.map((n) => {
		const role = {
			object: 'role' as const,
			id: `role_custom${n}`,
			name: `Seeded role ${n}`,
			description: null,
			permissions: ['api.organization.read'],
			resource_type: 'api.organization' as const,
			predefined_role: false,
			created_at: at + n,
			updated_at: at + n,
		};
		rolesOf(state).push(role);
		return role;
	});
	for (const role of roles.slice(0, 2)) {
		groupRoles.items(seededGroups[0], state).push({ id: role.id, role, created_at: at });
		userRoles.items(state.findOrganizationUser(roleHolder.id) as OrganizationUser, state).push({ id: role.id, role, created_at: at });
	}
	for (const group of seededGroups.slice(0, 2)) projectGroups.items(project, state).push({ id: group.id, role: 'role_proj_member', created_at: at });
	const seededProjectRoles = range.map((n) => {
		const role = {
			object: 'role' as const,
			id: projectRoles.newId(state),
			name: `Seeded project role ${n}`,
			description: null,
			permissions: ['api.project.read'],
			resource_type: 'api.project' as const,
			predefined_role: false,
			created_at: at + n,
			updated_at: at + n,
		};
		projectRoles.items(project, state).push(role);
		return role;
	});
	for (const role of seededProjectRoles.slice(0, 2)) {
		projectGroupRoles.items({ id: seededGroups[0].id, project }, state).push({ id: role.id, role, created_at: at });
		projectUserRoles.items({ id: roleHolder.id, project }, state).push({ id: role.id, role, created_at: at });
	}
	const seededInvites = range.map((n) => {
		const invite = {
			object: 'organization.invite' as const,
			id: invites.newId(state),
			email: `invited${n}@example.org`,
			role: 'reader' as const,
			status: 'pending' as const,
			created_at: at + n,
			expires_at: at + n + 7 * 86400,
			accepted_at: null,
			projects: [],
		};
		invites.items(state, state).push(invite);
		return invite;
	});
	const owner = state.organizationUsers[0];
	const adminKeys = range.map((n) => {
		const key = {
			object: 'organization.admin_api_key' as const,
			id: adminApiKeys.newId(state),
			name: `Admin key ${n}`,
			redacted_value: `sk-admin...000${n}`,
			created_at: at + n,
			expires_at: null,
			last_used_at: null,
			owner: { type: 'user' as const, object: 'organization.user' as const, id: owner.id, name: owner.name, created_at: owner.added_at, role: 'owner' as const },
		};
		adminApiKeys.items(state, state).push(key);
		return key;
	});
	const seededCertificates = range.map((n) => {
		const certificate = {
			id: certificates.newId(state),
			name: `Seeded certificate ${n}`,
			created_at: at + n,
			content: `-----BEGIN CERTIFICATE-----\nMIIBseeded${n}\n-----END CERTIFICATE-----\n`,
			valid_at: at,
			expires_at: at + 365 * 86400,
			active: false,
			projects: [] as string[],
		};
		certificates.items(state, state).push(certificate);
		return certificate;
	});
	return { groups: seededGroups, roles, projectRoles: seededProjectRoles, invites: seededInvites, adminKeys, certificates: seededCertificates };
}
