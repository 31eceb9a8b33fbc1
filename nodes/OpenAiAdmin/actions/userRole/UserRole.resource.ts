import { organizationUserLocator, userRoleLocator } from '../shared/fields';
import { roleAssignments } from '../shared/roleAssignments';
import type { Resource } from '../types';

export const userRole: Resource = {
	value: 'userRole',
	name: 'User Role',
	description: 'Organization roles assigned to a member',
	defaultOperation: 'getMany',
	operations: roleAssignments(
		{ noun: 'user', path: '/organization/users/{user_id}', param: 'user_id', locator: organizationUserLocator },
		userRoleLocator,
		{ list: 'list-user-role-assignments', assign: 'assign-user-role', get: 'retrieve-user-role', unassign: 'unassign-user-role' },
	),
};
