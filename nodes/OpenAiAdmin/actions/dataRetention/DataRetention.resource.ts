import type { INodeProperties } from 'n8n-workflow';

import { endpoint } from '../endpoint';
import { resource } from '../resource';

/** The retention setting's words; its values are the spec's enum for the organization or the project. */
export const retentionType = (initial: string, description: string): Partial<INodeProperties> => ({
	default: initial,
	description,
});

export const dataRetention = resource({ value: 'dataRetention', name: 'Data Retention', description: 'How long OpenAI keeps the data of the organization' }, [
	endpoint.get('retrieve-organization-data-retention', { action: 'Get the data retention', description: 'Retrieve the data retention control of the organization' }),
	endpoint.update('update-organization-data-retention', {
		action: 'Update the data retention',
		description: 'Change the data retention control of the organization; zero data retention must be enabled for it first',
		fields: { retention_type: retentionType('modified_abuse_monitoring', 'The data retention control of the organization') },
	}),
	]);
