import { endpoint } from '../endpoint';
import { orderFilter, projectLocator, projectSpendAlertLocator } from '../shared/fields';
import { alertBody, alertFields } from '../spendAlert/alert';
import type { Resource } from '../types';

const locators = { project_id: projectLocator, alert_id: projectSpendAlertLocator };

export const projectSpendAlert: Resource = {
	value: 'projectSpendAlert',
	name: 'Project Spend Alert',
	description: 'Emails sent when a project spends more than an amount in a month',
	defaultOperation: 'getMany',
	operations: [
		endpoint.post({
			value: 'create',
			name: 'Create',
			action: 'Create a project spend alert',
			description: 'Email these people when the project spends the amount in a month',
			path: '/organization/projects/{project_id}/spend_alerts',
			operationId: 'create-project-spend-alert',
			createsResource: true,
			locators: { project_id: projectLocator },
			fields: alertFields,
			body: alertBody,
		}),
		endpoint.delete({
			action: 'Delete a project spend alert',
			description: 'Delete a spend alert of a project',
			path: '/organization/projects/{project_id}/spend_alerts/{alert_id}',
			operationId: 'delete-project-spend-alert',
			deletes: 'project.spend_alert',
			locators,
		}),
		endpoint.get({
			action: 'Get a project spend alert',
			description: 'Retrieve a spend alert of a project',
			path: '/organization/projects/{project_id}/spend_alerts/{alert_id}',
			operationId: 'retrieve-project-spend-alert',
			locators,
		}),
		endpoint.list({
			action: 'Get many project spend alerts',
			description: 'List the spend alerts of a project',
			path: '/organization/projects/{project_id}/spend_alerts',
			operationId: 'list-project-spend-alerts',
			locators: { project_id: projectLocator },
			filters: [orderFilter('asc')],
		}),
		endpoint.post({
			action: 'Update a project spend alert',
			description: 'Replace a spend alert of a project: its amount, currency, interval and recipients',
			path: '/organization/projects/{project_id}/spend_alerts/{alert_id}',
			operationId: 'update-project-spend-alert',
			createsResource: false,
			locators,
			fields: alertFields,
			body: alertBody,
		}),
	],
};
