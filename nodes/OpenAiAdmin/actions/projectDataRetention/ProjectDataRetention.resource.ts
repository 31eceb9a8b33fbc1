import { retentionType } from '../dataRetention/DataRetention.resource';
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
		endpoint.get('retrieve-project-data-retention', {
			action: 'Get the data retention of a project',
			description: 'Retrieve the data retention control of a project',
			locators,
		}),
		endpoint.post('update-project-data-retention', {
			action: 'Update the data retention of a project',
			description: 'Change the data retention control of a project',
			createsResource: false,
			locators,
			fields: {
				retention_type: retentionType(
					'organization_default',
					"The data retention control of the project; Organization Default follows the organization's",
				),
			},
		}),
	],
};
