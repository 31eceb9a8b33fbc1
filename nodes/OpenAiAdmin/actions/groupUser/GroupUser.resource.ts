import { endpoint } from '../endpoint';
import { groupLocator, groupUserLocator, organizationUserLocator } from '../shared/fields';
import { readId } from '../shared/parameters';
import { resource } from '../resource';

const locators = { group_id: groupLocator, user_id: groupUserLocator };

export const groupUser = resource({ value: 'groupUser', name: 'Group User', description: 'Members of a group' }, [
	endpoint.create('add-group-user', {
		value: 'add',
		name: 'Add',
		action: 'Add a user to a group',
		description: 'Add a member of the organization to a group',
		locators: { group_id: groupLocator },
		properties: [organizationUserLocator],
		body(itemIndex) {
			return { user_id: readId(this, 'userId', itemIndex, 'User') };
		},
	}),
	endpoint.get('retrieve-group-user', { action: 'Get a group user', description: 'Retrieve a member of a group', locators }),
	endpoint.list('list-group-users', { action: 'Get many group users', description: 'List the members of a group', locators: { group_id: groupLocator } }),
	endpoint.delete('remove-group-user', { value: 'remove', name: 'Remove', action: 'Remove a user from a group', description: 'Remove a member from a group; they stay a member of the organization', locators }),
	]);
