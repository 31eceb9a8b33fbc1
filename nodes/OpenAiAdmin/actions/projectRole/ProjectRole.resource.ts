import { endpoint } from '../endpoint';
import { createRole, updateRole } from '../role/write.operation';
import { inProject, projectLocator, projectRoleIdLocator } from '../shared/fields';
import { resource } from '../resource';

const locators = { project_id: projectLocator, role_id: projectRoleIdLocator };

export const projectRole = resource({ value: 'projectRole', name: 'Project Role', description: 'Roles of a project: the predefined ones and custom roles with their permissions' }, [
	createRole('project', inProject),
	endpoint.delete('delete-project-role', { action: 'Delete a project role and its assignments', description: 'Delete a custom role of a project; it is taken from the users and groups it was assigned to', locators }),
	endpoint.get('retrieve-project-role', { action: 'Get a project role', description: 'Retrieve a role of a project and its permissions', locators }),
	endpoint.list('list-project-roles', { action: 'Get many project roles', description: 'List the roles of a project', locators: inProject }),
	updateRole('project', locators),
	]);
