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
		endpoint.delete('delete-invite', {
			action: 'Delete an invite',
			description: 'Cancel an invite that has not been accepted yet',
			locators,
		}),
		endpoint.get('retrieve-invite', {
			action: 'Get an invite',
			description: 'Retrieve an invite and its status',
			locators,
		}),
		endpoint.list('list-invites', {
			action: 'Get many invites',
			description: 'List the invites of the organization',
		}),
	],
};
