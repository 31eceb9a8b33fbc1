import { groupLocator, groupRoleLocator, roleLocator } from '../shared/fields';
import { roleAssignments } from '../shared/roleAssignments';
import type { Resource } from '../types';

export const groupRole: Resource = {
	value: 'groupRole',
	name: 'Group Role',
	description: 'Organization roles assigned to a group',
	defaultOperation: 'getMany',
	operations: roleAssignments(
		'group',
		{ noun: 'group', roles: 'an organization role' },
		{ group_id: groupLocator },
		groupRoleLocator,
		roleLocator,
	),
};
