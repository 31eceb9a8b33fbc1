import { projectGroupLocator, projectGroupRoleLocator, projectLocator, projectRoleIdLocator } from '../shared/fields';
import { roleAssignments } from '../shared/roleAssignments';
import { resource } from '../resource';

export const projectGroupRole = resource(
	{ value: 'projectGroupRole', name: 'Project Group Role', description: 'Project roles assigned to a group with access to a project' },
	roleAssignments('project-group', { noun: 'group', roles: 'a project role' }, { project_id: projectLocator, group_id: projectGroupLocator }, projectGroupRoleLocator, projectRoleIdLocator),
);
