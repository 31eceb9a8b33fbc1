import { endpoint } from '../endpoint';
import { inviteLocator } from '../shared/fields';
import { resource } from '../resource';
import { createInvite } from './create.operation';

const locators = { invite_id: inviteLocator };

export const invite = resource({ value: 'invite', name: 'Invite', description: 'Invitations to join the organization' }, [
	createInvite,
	endpoint.delete('delete-invite', { action: 'Delete an invite', description: 'Cancel an invite that has not been accepted yet', locators }),
	endpoint.get('retrieve-invite', { action: 'Get an invite', description: 'Retrieve an invite and its status', locators }),
	endpoint.list('list-invites', { action: 'Get many invites', description: 'List the invites of the organization' }),
	]);
