import { endpoint } from '../endpoint';
import { projectLocator } from '../shared/fields';
import type { Resource } from '../types';
import { createProject } from './create.operation';
import { updateProject } from './update.operation';

const locators = { project_id: projectLocator };

export const project: Resource = {
	value: 'project',
	name: 'Project',
	description: 'Projects of the organization',
	defaultOperation: 'getMany',
	operations: [
		endpoint.post({
			value: 'archive',
			name: 'Archive',
			action: 'Archive a project',
			description: 'Archive a project. Archived projects cannot be used or updated; projects cannot be deleted.',
			path: '/organization/projects/{project_id}/archive',
			operationId: 'archive-project',
			createsResource: false,
			locators,
		}),
		createProject,
		endpoint.get({
			action: 'Get a project',
			description: 'Retrieve a project',
			path: '/organization/projects/{project_id}',
			operationId: 'retrieve-project',
			locators,
		}),
		endpoint.list({
			action: 'Get many projects',
			description: 'List the projects of the organization',
			path: '/organization/projects',
			operationId: 'list-projects',
			filters: [
				{
					displayName: 'Include Archived',
					name: 'include_archived',
					type: 'boolean',
					default: false,
					description: 'Whether to include archived projects, which are left out by default',
				},
			],
		}),
		updateProject,
	],
};
