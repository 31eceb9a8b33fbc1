import { endpoint } from '../endpoint';
import { groupLocator } from '../shared/fields';
import { resource } from '../resource';

const locators = { group_id: groupLocator };

export const group = resource({ value: 'group', name: 'Group', description: 'Groups of organization members, for giving roles and project access to many people at once' }, [
	endpoint.create('create-group', {
		action: 'Create a group',
		description: 'Create a group in the organization',
		fields: { name: { placeholder: 'e.g. Support team', description: 'The name of the group (1 to 255 characters)' } },
	}),
	endpoint.delete('delete-group', { action: 'Delete a group', description: 'Delete a group; its members keep their own access', locators }),
	endpoint.get('retrieve-group', { action: 'Get a group', description: 'Retrieve a group', locators }),
	endpoint.list('list-groups', { action: 'Get many groups', description: 'List the groups of the organization' }),
	endpoint.update('update-group', {
		action: 'Rename a group',
		description: 'Change the name of a group',
		locators,
		fields: { name: { placeholder: 'e.g. Support team', description: 'The new name of the group (1 to 255 characters)' } },
	}),
	]);
