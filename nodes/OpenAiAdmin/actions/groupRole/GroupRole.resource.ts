import { groupLocator, groupRoleLocator, roleLocator } from '../shared/fields';
import { roleAssignments } from '../shared/roleAssignments';
import { resource } from '../resource';

export const groupRole = resource(
	{ value: 'groupRole', name: 'Group Role', description: 'Organization roles assigned to a group' },
	roleAssignments('group', { noun: 'group', roles: 'an organization role' }, { group_id: groupLocator }, groupRoleLocator, roleLocator),
);
