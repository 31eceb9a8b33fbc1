import { endpoint } from '../endpoint';
import { inProject } from '../shared/fields';
import { limitBody, limitFields } from '../spendLimit/limit';
import { resource } from '../resource';

export const projectSpendLimit = resource({ value: 'projectSpendLimit', name: 'Project Spend Limit', description: 'The hard limit on what a project may spend in a month' }, [
	endpoint.delete('Deleteprojectspendlimit', { action: 'Delete a project spend limit', description: 'Remove the hard spend limit of a project', locators: inProject }),
	endpoint.get('Getprojectspendlimit', { action: 'Get a project spend limit', description: 'Retrieve the hard spend limit of a project (a 404 when none is set)', locators: inProject }),
	endpoint.update('Updateprojectspendlimit', {
		value: 'set',
		name: 'Set',
		action: 'Set a project spend limit',
		description: 'Create or replace the hard spend limit of a project',
		locators: inProject,
		properties: limitFields,
		body: limitBody,
	}),
	]);
