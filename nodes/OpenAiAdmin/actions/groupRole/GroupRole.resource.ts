import { groupLocator, groupRoleLocator } from '../shared/fields';
import { roleAssignments } from '../shared/roleAssignments';
import type { Resource } from '../types';

export const groupRole: Resource = {
	value: 'groupRole',
	name: 'Group Role',
	description: 'Organization roles assigned to a group',
	defaultOperation: 'getMany',
	operations: roleAssignments(
		{ noun: 'group', path: '/organization/groups/{group_id}', param: 'group_id', locator: groupLocator },
		groupRoleLocator,
		{ list: 'list-group-role-assignments', assign: 'assign-group-role', get: 'retrieve-group-role', unassign: 'unassign-group-role' },
	),
};
