import { endpoint } from '../endpoint';
import { inProject, projectLocator, projectRoleField, projectUserLocator } from '../shared/fields';
import { resource } from '../resource';
import { addProjectUser } from './add.operation';

const locators = { project_id: projectLocator, user_id: projectUserLocator };

export const projectUser = resource({ value: 'projectUser', name: 'Project User', description: 'People who are members of a project' }, [
	addProjectUser,
	endpoint.get('retrieve-project-user', { action: 'Get a project user', description: 'Retrieve a user of a project', locators }),
	endpoint.list('list-project-users', { action: 'Get many project users', description: 'List the users of a project', locators: inProject }),
	endpoint.delete('delete-project-user', { value: 'remove', name: 'Remove', action: 'Remove a user from a project', description: 'Remove a user from a project; they stay a member of the organization', locators }),
	endpoint.update('modify-project-user', {
		action: 'Change a project user role',
		description: "Change a user's role in a project",
		locators,
		fields: { role: projectRoleField('The new role of the user in the project') },
	}),
	]);
