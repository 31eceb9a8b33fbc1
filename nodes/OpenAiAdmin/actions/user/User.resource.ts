import { endpoint } from '../endpoint';
import { ORGANIZATION_ROLES } from '../shared/enums';
import { capitalized, organizationUserLocator } from '../shared/fields';
import type { Resource } from '../types';

const locators = { user_id: organizationUserLocator };

export const user: Resource = {
	value: 'user',
	name: 'User',
	description: 'Members of the organization',
	defaultOperation: 'getMany',
	operations: [
		endpoint.get({
			action: 'Get a user',
			description: 'Retrieve a member of the organization',
			path: '/organization/users/{user_id}',
			operationId: 'retrieve-user',
			locators,
		}),
		endpoint.list({
			action: 'Get many users',
			description: 'List the members of the organization',
			path: '/organization/users',
			operationId: 'list-users',
			filters: [
				{
					displayName: 'Emails',
					name: 'emails',
					type: 'string',
					typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Email' },
					default: [],
					placeholder: 'e.g. name@email.com',
					description: 'Only the members with these email addresses',
				},
			],
		}),
		endpoint.delete({
			value: 'remove',
			name: 'Remove',
			action: 'Remove a user from the organization',
			description:
				'Remove a member from the organization: they lose access to every project, and the API keys they own are deleted',
			path: '/organization/users/{user_id}',
			operationId: 'delete-user',
			locators,
			deletes: 'organization.user',
		}),
		endpoint.post({
			action: 'Change a user role',
			description: "Change a member's role in the organization",
			path: '/organization/users/{user_id}',
			operationId: 'modify-user',
			createsResource: false,
			locators,
			fields: [
				{
					displayName: 'Role',
					name: 'role',
					type: 'options',
					required: true,
					options: ORGANIZATION_ROLES.map((value) => ({ name: capitalized(value), value })),
					default: 'reader',
					description: 'The new role of the user in the organization',
				},
			],
		}),
	],
};
