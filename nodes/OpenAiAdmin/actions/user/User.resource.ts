import { endpoint } from '../endpoint';
import { organizationRoleOptions, organizationUserLocator } from '../shared/fields';
import { resource } from '../resource';

const locators = { user_id: organizationUserLocator };

export const user = resource({ value: 'user', name: 'User', description: 'Members of the organization' }, [
	endpoint.get('retrieve-user', { action: 'Get a user', description: 'Retrieve a member of the organization', locators }),
	endpoint.list('list-users', {
		action: 'Get many users',
		description: 'List the members of the organization',
		filters: {
			emails: {
				typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Email' },
				placeholder: 'e.g. name@email.com',
				description: 'Only the members with these email addresses',
			},
		},
	}),
	endpoint.delete('delete-user', { value: 'remove', name: 'Remove', action: 'Remove a user from the organization and delete their API keys', description: 'Remove a member from the organization: they lose access to every project, and the API keys they own are deleted', locators }),
	endpoint.update('modify-user', {
		action: 'Change a user role',
		description: "Change a member's role in the organization",
		locators,
		fields: {
			role: {
				type: 'options',
				required: true,
				options: organizationRoleOptions,
				default: 'reader',
				description: 'The new role of the user in the organization',
			},
			// Custom roles are assigned through User Role, which keeps the predefined role.
			role_id: false,
			technical_level: 'Technical level metadata of the user',
			developer_persona: 'Developer persona metadata of the user',
		},
	}),
	]);
