import { retentionType } from '../dataRetention/DataRetention.resource';
import { endpoint } from '../endpoint';
import { inProject } from '../shared/fields';
import { resource } from '../resource';

export const projectDataRetention = resource({ value: 'projectDataRetention', name: 'Project Data Retention', description: 'How long OpenAI keeps the data of a project' }, [
	endpoint.get('retrieve-project-data-retention', { action: 'Get the data retention of a project', description: 'Retrieve the data retention control of a project', locators: inProject }),
	endpoint.update('update-project-data-retention', {
		action: 'Update the data retention of a project',
		description: 'Change the data retention control of a project',
		locators: inProject,
		fields: {
			retention_type: retentionType(
				'organization_default',
				"The data retention control of the project; Organization Default follows the organization's",
			),
		},
	}),
	]);
