import { endpoint } from '../endpoint';
import { resource } from '../resource';
import { limitBody, limitFields } from './limit';

export const spendLimit = resource({ value: 'spendLimit', name: 'Spend Limit', description: 'The hard limit on what the organization may spend in a month' }, [
	endpoint.delete('Deleteorganizationspendlimit', { action: 'Delete the spend limit', description: 'Remove the hard spend limit of the organization' }),
	endpoint.get('Getorganizationspendlimit', { action: 'Get the spend limit', description: 'Retrieve the hard spend limit of the organization (a 404 when none is set)' }),
	endpoint.update('Updateorganizationspendlimit', {
		value: 'set',
		name: 'Set',
		action: 'Set the spend limit',
		description: 'Create or replace the hard spend limit of the organization',
		properties: limitFields,
		body: limitBody,
	}),
	]);
