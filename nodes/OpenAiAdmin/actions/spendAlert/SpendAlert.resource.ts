import { endpoint } from '../endpoint';
import { orderFilter, spendAlertLocator } from '../shared/fields';
import type { Resource } from '../types';
import { alertBody, alertFields } from './alert';

const locators = { alert_id: spendAlertLocator };

export const spendAlert: Resource = {
	value: 'spendAlert',
	name: 'Spend Alert',
	description: 'Emails sent when the organization spends more than an amount in a month',
	defaultOperation: 'getMany',
	operations: [
		endpoint.post({
			value: 'create',
			name: 'Create',
			action: 'Create a spend alert',
			description: 'Email these people when the organization spends the amount in a month',
			path: '/organization/spend_alerts',
			operationId: 'create-organization-spend-alert',
			createsResource: true,
			fields: alertFields,
			body: alertBody,
		}),
		endpoint.delete({
			action: 'Delete a spend alert',
			description: 'Delete a spend alert of the organization',
			path: '/organization/spend_alerts/{alert_id}',
			operationId: 'delete-organization-spend-alert',
			deletes: 'organization.spend_alert',
			locators,
		}),
		endpoint.get({
			action: 'Get a spend alert',
			description: 'Retrieve a spend alert of the organization',
			path: '/organization/spend_alerts/{alert_id}',
			operationId: 'retrieve-organization-spend-alert',
			locators,
		}),
		endpoint.list({
			action: 'Get many spend alerts',
			description: 'List the spend alerts of the organization',
			path: '/organization/spend_alerts',
			operationId: 'list-organization-spend-alerts',
			filters: [orderFilter('asc')],
		}),
		endpoint.post({
			action: 'Update a spend alert',
			description: 'Replace a spend alert: its amount, currency, interval and recipients',
			path: '/organization/spend_alerts/{alert_id}',
			operationId: 'update-organization-spend-alert',
			createsResource: false,
			locators,
			fields: alertFields,
			body: alertBody,
		}),
	],
};
