import type { INodeProperties } from 'n8n-workflow';

import { endpoint } from '../endpoint';
import { groupLocator, orderFilter, thousandPager } from '../shared/fields';
import type { Resource } from '../types';

const nameField = (description: string): INodeProperties => ({
	displayName: 'Name',
	name: 'name',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. Support team',
	description,
});

const locators = { group_id: groupLocator };

export const group: Resource = {
	value: 'group',
	name: 'Group',
	description: 'Groups of organization members, for giving roles and project access to many people at once',
	defaultOperation: 'getMany',
	operations: [
		endpoint.post({
			value: 'create',
			name: 'Create',
			action: 'Create a group',
			description: 'Create a group in the organization',
			path: '/organization/groups',
			operationId: 'create-group',
			createsResource: true,
			fields: [nameField('The name of the group (1 to 255 characters)')],
		}),
		endpoint.delete({
			action: 'Delete a group',
			description: 'Delete a group; its members keep their own access',
			path: '/organization/groups/{group_id}',
			operationId: 'delete-group',
			locators,
			deletes: 'group',
		}),
		endpoint.get({
			action: 'Get a group',
			description: 'Retrieve a group',
			path: '/organization/groups/{group_id}',
			operationId: 'retrieve-group',
			locators,
		}),
		endpoint.list({
			action: 'Get many groups',
			description: 'List the groups of the organization',
			path: '/organization/groups',
			operationId: 'list-groups',
			pager: thousandPager,
			filters: [orderFilter('asc')],
		}),
		endpoint.post({
			action: 'Rename a group',
			description: 'Change the name of a group',
			path: '/organization/groups/{group_id}',
			operationId: 'update-group',
			createsResource: false,
			locators,
			fields: [nameField('The new name of the group (1 to 255 characters)')],
		}),
	],
};
