import { endpoint } from '../endpoint';
import { roleLocator } from '../shared/fields';
import { resource } from '../resource';
import { createRole, updateRole } from './write.operation';

const locators = { role_id: roleLocator };

export const role = resource({ value: 'role', name: 'Role', description: 'Organization roles: the predefined ones and custom roles with their permissions' }, [
	createRole('organization', {}),
	endpoint.delete('delete-role', { action: 'Delete a role and its assignments', description: 'Delete a custom role; it is taken from the users and groups it was assigned to', locators }),
	endpoint.get('retrieve-role', { action: 'Get a role', description: 'Retrieve a role and its permissions', locators }),
	endpoint.list('list-roles', { action: 'Get many roles', description: 'List the roles of the organization' }),
	updateRole('organization', locators),
	]);
