import { endpoint } from '../endpoint';
import { groupLocator, orderFilter, projectGroupLocator, projectLocator, projectRoleLocator } from '../shared/fields';
import { readId } from '../shared/parameters';
import { nextPager } from '../../transport/pagination';
import type { Resource } from '../types';

const locators = { project_id: projectLocator, group_id: projectGroupLocator };

export const projectGroup: Resource = {
	value: 'projectGroup',
	name: 'Project Group',
	description: 'Groups with access to a project, each with a project role',
	defaultOperation: 'getMany',
	operations: [
		endpoint.post({
			value: 'add',
			name: 'Add',
			action: 'Add a group to a project',
			description: 'Give a group access to a project, with a project role',
			path: '/organization/projects/{project_id}/groups',
			operationId: 'add-project-group',
			createsResource: true,
			locators: { project_id: projectLocator },
			fields: [groupLocator, projectRoleLocator],
			body(itemIndex) {
				return {
					group_id: readId(this, 'groupId', itemIndex, 'Group'),
					role: readId(this, 'projectRoleId', itemIndex, 'Project Role'),
				};
			},
		}),
		endpoint.get({
			action: 'Get a project group',
			description: 'Retrieve a group with access to a project',
			path: '/organization/projects/{project_id}/groups/{group_id}',
			operationId: 'retrieve-project-group',
			locators,
		}),
		endpoint.list({
			action: 'Get many project groups',
			description: 'List the groups with access to a project',
			path: '/organization/projects/{project_id}/groups',
			operationId: 'list-project-groups',
			locators: { project_id: projectLocator },
			pager: nextPager(100),
			filters: [orderFilter('asc')],
		}),
		endpoint.delete({
			value: 'remove',
			name: 'Remove',
			action: 'Remove a group from a project',
			description: "Take a group's access to a project away",
			path: '/organization/projects/{project_id}/groups/{group_id}',
			operationId: 'remove-project-group',
			locators,
			deletes: 'project.group',
		}),
	],
};
