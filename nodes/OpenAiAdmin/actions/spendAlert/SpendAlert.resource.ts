import { endpoint } from '../endpoint';
import { spendAlertLocator } from '../shared/fields';
import { resource } from '../resource';
import { alertBody, alertFields } from './alert';

const locators = { alert_id: spendAlertLocator };

export const spendAlert = resource({ value: 'spendAlert', name: 'Spend Alert', description: 'Emails sent when the organization spends more than an amount in a month' }, [
	endpoint.create('create-organization-spend-alert', {
		action: 'Create a spend alert',
		description: 'Email these people when the organization spends the amount in a month',
		properties: alertFields,
		body: alertBody,
	}),
	endpoint.delete('delete-organization-spend-alert', { action: 'Delete a spend alert', description: 'Delete a spend alert of the organization', locators }),
	endpoint.get('retrieve-organization-spend-alert', { action: 'Get a spend alert', description: 'Retrieve a spend alert of the organization', locators }),
	endpoint.list('list-organization-spend-alerts', { action: 'Get many spend alerts', description: 'List the spend alerts of the organization' }),
	endpoint.update('update-organization-spend-alert', {
		action: 'Update a spend alert',
		description: 'Replace a spend alert: its amount, currency, interval and recipients',
		locators,
		properties: alertFields,
		body: alertBody,
	}),
	]);
