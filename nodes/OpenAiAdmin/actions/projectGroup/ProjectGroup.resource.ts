import { endpoint } from '../endpoint';
import { groupLocator, inProject, projectGroupLocator, projectLocator, projectRoleLocator } from '../shared/fields';
import { readId } from '../shared/parameters';
import { resource } from '../resource';

const locators = { project_id: projectLocator, group_id: projectGroupLocator };

export const projectGroup = resource({ value: 'projectGroup', name: 'Project Group', description: 'Groups with access to a project, each with a project role' }, [
	// The role is one of the project's roles, picked or by ID (the API takes its name too).
	endpoint.create('add-project-group', {
		value: 'add',
		name: 'Add',
		action: 'Add a group to a project',
		description: 'Give a group access to a project, with a project role',
		locators: inProject,
		properties: [groupLocator, projectRoleLocator],
		body(itemIndex) {
			return {
				group_id: readId(this, 'groupId', itemIndex, 'Group'),
				role: readId(this, 'projectRoleId', itemIndex, 'Project Role'),
			};
		},
	}),
	endpoint.get('retrieve-project-group', { action: 'Get a project group', description: 'Retrieve a group with access to a project', locators }),
	endpoint.list('list-project-groups', { action: 'Get many project groups', description: 'List the groups with access to a project', locators: inProject }),
	endpoint.delete('remove-project-group', { value: 'remove', name: 'Remove', action: 'Remove a group from a project', description: "Take a group's access to a project away", locators }),
	]);
