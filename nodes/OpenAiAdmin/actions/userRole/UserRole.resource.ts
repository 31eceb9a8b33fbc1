import { organizationUserLocator, roleLocator, userRoleLocator } from '../shared/fields';
import { roleAssignments } from '../shared/roleAssignments';
import type { Resource } from '../types';

export const userRole: Resource = {
	value: 'userRole',
	name: 'User Role',
	description: 'Organization roles assigned to a member',
	defaultOperation: 'getMany',
	operations: roleAssignments(
		'user',
		{ noun: 'user', roles: 'an organization role' },
		{ user_id: organizationUserLocator },
		userRoleLocator,
		roleLocator,
	),
};
