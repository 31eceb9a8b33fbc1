import type { INodeProperties } from 'n8n-workflow';

import { endpoint } from '../endpoint';
import { ORGANIZATION_RETENTION_TYPES, PROJECT_RETENTION_TYPES } from '../shared/enums';
import { label } from '../shared/fields';
import type { Resource } from '../types';

/** The retention setting to apply, from the spec's enum of the organization's or a project's body. */
export function retentionTypeField(values: readonly string[], description: string): INodeProperties {
	// n8n's lint reads a default only when it is a literal or a plain identifier.
	const initial = values.includes('organization_default') ? 'organization_default' : 'modified_abuse_monitoring';
	return {
		displayName: 'Retention Type',
		name: 'retention_type',
		type: 'options',
		required: true,
		options: values.map((value) => ({ name: label(value), value })).sort((a, b) => a.name.localeCompare(b.name)),
		default: initial,
		description,
	};
}

export const dataRetention: Resource = {
	value: 'dataRetention',
	name: 'Data Retention',
	description: 'How long OpenAI keeps the data of the organization',
	defaultOperation: 'get',
	operations: [
		endpoint.get({
			action: 'Get the data retention',
			description: 'Retrieve the data retention control of the organization',
			path: '/organization/data_retention',
			operationId: 'retrieve-organization-data-retention',
		}),
		endpoint.post({
			action: 'Update the data retention',
			description: 'Change the data retention control of the organization; zero data retention must be enabled for it first',
			path: '/organization/data_retention',
			operationId: 'update-organization-data-retention',
			createsResource: false,
			fields: [retentionTypeField(ORGANIZATION_RETENTION_TYPES, 'The data retention control of the organization')],
		}),
	],
};

export const projectDataRetentionField = retentionTypeField(
	PROJECT_RETENTION_TYPES,
	"The data retention control of the project; Organization Default follows the organization's",
);
