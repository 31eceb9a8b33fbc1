import type { INodeProperties } from 'n8n-workflow';

import { endpoint } from '../endpoint';
import type { Operation } from '../types';
import { readId } from './parameters';

/** Whose roles: a member or a group of the organization, or of one project. */
type Holder = 'user' | 'group' | 'project-user' | 'project-group';

/**
 * The roles assigned to a user or a group: list, assign, get, unassign. The organization's and a
 * project's four endpoints each are named alike in the spec (`assign-project-user-role`, ...), so
 * one declaration serves all four families.
 */
export function roleAssignments(
	holder: Holder,
	words: { noun: 'user' | 'group'; roles: 'an organization role' | 'a project role' },
	/** The locators of the path's parents: `{user_id}`, or `{project_id, group_id}`, ... */
	parents: Record<string, INodeProperties>,
	/** Picks a role the holder has. */
	assigned: INodeProperties,
	/** Picks a role to assign (named `roleId` too). */
	assignable: INodeProperties,
): Operation[] {
	const { noun, roles } = words;
	const locators = { ...parents, role_id: assigned };
	return [
		endpoint.create(`assign-${holder}-role`, {
			value: 'add',
			name: 'Add',
			action: `Assign a role to a ${holder.replace('-', ' ')}`,
			description: `Assign ${roles} to a ${noun}`,
			locators: parents,
			properties: [assignable],
			body(itemIndex) {
				return { role_id: readId(this, 'roleId', itemIndex, 'Role') };
			},
		}),
		endpoint.get(`retrieve-${holder}-role`, {
			action: `Get a ${holder.replace('-', ' ')} role`,
			description: `Retrieve ${roles} assigned to a ${noun}`,
			locators,
		}),
		endpoint.list(`list-${holder}-role-assignments`, {
			action: `Get many ${holder.replace('-', ' ')} roles`,
			description: `List the ${roles.replace(/^an? /, '')}s assigned to a ${noun}`,
			locators: parents,
		}),
		endpoint.delete(`unassign-${holder}-role`, {
			value: 'remove',
			name: 'Remove',
			action: `Unassign a role from a ${holder.replace('-', ' ')}`,
			description: `Take ${roles} away from a ${noun}`,
			locators,
			// The spec leaves the answer's object open: `user.role.deleted` or `group.role.deleted`.
			deletes: `${noun}.role`,
		}),
	];
}
