import { endpoint } from '../endpoint';
import { orderFilter, roleLocator, thousandPager } from '../shared/fields';
import type { Resource } from '../types';
import { createRole, updateRole } from './write.operation';

const locators = { role_id: roleLocator };

export const role: Resource = {
	value: 'role',
	name: 'Role',
	description: 'Organization roles: the predefined ones and custom roles with their permissions',
	defaultOperation: 'getMany',
	operations: [
		createRole,
		endpoint.delete({
			action: 'Delete a role',
			description: 'Delete a custom role; it is taken from the users and groups it was assigned to',
			path: '/organization/roles/{role_id}',
			operationId: 'delete-role',
			locators,
			deletes: 'role',
		}),
		endpoint.get({
			action: 'Get a role',
			description: 'Retrieve a role and its permissions',
			path: '/organization/roles/{role_id}',
			operationId: 'retrieve-role',
			locators,
		}),
		endpoint.list({
			action: 'Get many roles',
			description: 'List the roles of the organization',
			path: '/organization/roles',
			operationId: 'list-roles',
			pager: thousandPager,
			filters: [orderFilter('asc')],
		}),
		updateRole,
	],
};
