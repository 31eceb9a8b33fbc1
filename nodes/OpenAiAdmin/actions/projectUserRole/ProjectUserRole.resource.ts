import { projectLocator, projectRoleIdLocator, projectUserLocator, projectUserRoleLocator } from '../shared/fields';
import { roleAssignments } from '../shared/roleAssignments';
import { resource } from '../resource';

export const projectUserRole = resource(
	{ value: 'projectUserRole', name: 'Project User Role', description: 'Project roles assigned to a member of a project' },
	roleAssignments('project-user', { noun: 'user', roles: 'a project role' }, { project_id: projectLocator, user_id: projectUserLocator }, projectUserRoleLocator, projectRoleIdLocator),
);
