import { endpoint } from '../endpoint';
import { groupLocator, groupUserLocator, orderFilter, organizationUserLocator, thousandPager } from '../shared/fields';
import { readId } from '../shared/parameters';
import type { Resource } from '../types';

const locators = { group_id: groupLocator, user_id: groupUserLocator };

export const groupUser: Resource = {
	value: 'groupUser',
	name: 'Group User',
	description: 'Members of a group',
	defaultOperation: 'getMany',
	operations: [
		endpoint.post({
			value: 'add',
			name: 'Add',
			action: 'Add a user to a group',
			description: 'Add a member of the organization to a group',
			path: '/organization/groups/{group_id}/users',
			operationId: 'add-group-user',
			createsResource: true,
			locators: { group_id: groupLocator },
			fields: [organizationUserLocator],
			body(itemIndex) {
				return { user_id: readId(this, 'userId', itemIndex, 'User') };
			},
		}),
		endpoint.get({
			action: 'Get a group user',
			description: 'Retrieve a member of a group',
			path: '/organization/groups/{group_id}/users/{user_id}',
			operationId: 'retrieve-group-user',
			locators,
		}),
		endpoint.list({
			action: 'Get many group users',
			description: 'List the members of a group',
			path: '/organization/groups/{group_id}/users',
			operationId: 'list-group-users',
			locators: { group_id: groupLocator },
			pager: thousandPager,
			filters: [orderFilter('desc')],
		}),
		endpoint.delete({
			value: 'remove',
			name: 'Remove',
			action: 'Remove a user from a group',
			description: 'Remove a member from a group; they stay a member of the organization',
			path: '/organization/groups/{group_id}/users/{user_id}',
			operationId: 'remove-group-user',
			locators,
			deletes: 'group.user',
		}),
	],
};
