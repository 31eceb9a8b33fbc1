import { projectDataRetentionField } from '../dataRetention/DataRetention.resource';
import { endpoint } from '../endpoint';
import { projectLocator } from '../shared/fields';
import type { Resource } from '../types';

const locators = { project_id: projectLocator };

export const projectDataRetention: Resource = {
	value: 'projectDataRetention',
	name: 'Project Data Retention',
	description: 'How long OpenAI keeps the data of a project',
	defaultOperation: 'get',
	operations: [
		endpoint.get({
			action: 'Get the data retention of a project',
			description: 'Retrieve the data retention control of a project',
			path: '/organization/projects/{project_id}/data_retention',
			operationId: 'retrieve-project-data-retention',
			locators,
		}),
		endpoint.post({
			action: 'Update the data retention of a project',
			description: 'Change the data retention control of a project',
			path: '/organization/projects/{project_id}/data_retention',
			operationId: 'update-project-data-retention',
			createsResource: false,
			locators,
			fields: [projectDataRetentionField],
		}),
	],
};
