import { endpoint } from '../endpoint';
import type { Operation } from '../types';
import { orderFilter, roleLocator, thousandPager } from './fields';
import { readId } from './parameters';
import type { INodeProperties } from 'n8n-workflow';

/**
 * The organization roles assigned to a principal (a user or a group): list, assign, get, unassign.
 * Both have the same four endpoints under `/organization/{users|groups}/{id}/roles`.
 */
export function roleAssignments(
	principal: { noun: 'user' | 'group'; path: string; param: string; locator: INodeProperties },
	assigned: INodeProperties,
	operationIds: { list: string; assign: string; get: string; unassign: string },
): Operation[] {
	const { noun, path, param, locator } = principal;
	const locators = { [param]: locator, role_id: assigned };
	return [
		endpoint.post({
			value: 'add',
			name: 'Add',
			action: `Assign a role to a ${noun}`,
			description: `Assign an organization role to a ${noun}`,
			path: `${path}/roles`,
			operationId: operationIds.assign,
			createsResource: true,
			locators: { [param]: locator },
			fields: [roleLocator],
			body(itemIndex) {
				return { role_id: readId(this, 'roleId', itemIndex, 'Role') };
			},
		}),
		endpoint.get({
			action: `Get a ${noun} role`,
			description: `Retrieve an organization role assigned to a ${noun}`,
			path: `${path}/roles/{role_id}`,
			operationId: operationIds.get,
			locators,
		}),
		endpoint.list({
			action: `Get many ${noun} roles`,
			description: `List the organization roles assigned to a ${noun}`,
			path: `${path}/roles`,
			operationId: operationIds.list,
			locators: { [param]: locator },
			pager: thousandPager,
			filters: [orderFilter('asc')],
		}),
		endpoint.delete({
			value: 'remove',
			name: 'Remove',
			action: `Unassign a role from a ${noun}`,
			description: `Take an organization role away from a ${noun}`,
			path: `${path}/roles/{role_id}`,
			operationId: operationIds.unassign,
			locators,
			deletes: `${noun}.role`,
		}),
	];
}
