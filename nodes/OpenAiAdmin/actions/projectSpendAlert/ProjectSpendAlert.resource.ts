import { endpoint } from '../endpoint';
import { inProject, projectLocator, projectSpendAlertLocator } from '../shared/fields';
import { alertBody, alertFields } from '../spendAlert/alert';
import { resource } from '../resource';

const locators = { project_id: projectLocator, alert_id: projectSpendAlertLocator };

export const projectSpendAlert = resource({ value: 'projectSpendAlert', name: 'Project Spend Alert', description: 'Emails sent when a project spends more than an amount in a month' }, [
	endpoint.create('create-project-spend-alert', {
		action: 'Create a project spend alert',
		description: 'Email these people when the project spends the amount in a month',
		locators: inProject,
		properties: alertFields,
		body: alertBody,
	}),
	endpoint.delete('delete-project-spend-alert', { action: 'Delete a project spend alert', description: 'Delete a spend alert of a project', locators }),
	endpoint.get('retrieve-project-spend-alert', { action: 'Get a project spend alert', description: 'Retrieve a spend alert of a project', locators }),
	endpoint.list('list-project-spend-alerts', { action: 'Get many project spend alerts', description: 'List the spend alerts of a project', locators: inProject }),
	endpoint.update('update-project-spend-alert', {
		action: 'Update a project spend alert',
		description: 'Replace a spend alert of a project: its amount, currency, interval and recipients',
		locators,
		properties: alertFields,
		body: alertBody,
	}),
	]);
