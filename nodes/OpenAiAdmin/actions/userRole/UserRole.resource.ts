import { organizationUserLocator, roleLocator, userRoleLocator } from '../shared/fields';
import { roleAssignments } from '../shared/roleAssignments';
import { resource } from '../resource';

export const userRole = resource(
	{ value: 'userRole', name: 'User Role', description: 'Organization roles assigned to a member' },
	roleAssignments('user', { noun: 'user', roles: 'an organization role' }, { user_id: organizationUserLocator }, userRoleLocator, roleLocator),
);
