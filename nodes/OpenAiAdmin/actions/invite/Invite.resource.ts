import { endpoint } from '../endpoint';
import { inviteLocator } from '../shared/fields';
import type { Resource } from '../types';
import { createInvite } from './create.operation';

const locators = { invite_id: inviteLocator };

export const invite: Resource = {
	value: 'invite',
	name: 'Invite',
	description: 'Invitations to join the organization',
	defaultOperation: 'getMany',
	operations: [
		createInvite,
		endpoint.delete({
			action: 'Delete an invite',
			description: 'Cancel an invite that has not been accepted yet',
			path: '/organization/invites/{invite_id}',
			operationId: 'delete-invite',
			locators,
			deletes: 'organization.invite',
		}),
		endpoint.get({
			action: 'Get an invite',
			description: 'Retrieve an invite and its status',
			path: '/organization/invites/{invite_id}',
			operationId: 'retrieve-invite',
			locators,
		}),
		endpoint.list({
			action: 'Get many invites',
			description: 'List the invites of the organization',
			path: '/organization/invites',
			operationId: 'list-invites',
		}),
	],
};
