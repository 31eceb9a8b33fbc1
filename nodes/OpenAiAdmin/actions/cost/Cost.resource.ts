import { resource } from '../resource';
import { report } from '../usage/report';

export const cost = resource({ value: 'cost', name: 'Cost', description: 'What the organization spent, per day, by project, line item and API key' }, [
	report('usage-costs', {
		value: 'getMany',
		name: 'Get Many',
		action: 'Get many costs',
		description: 'Costs of the organization in daily buckets, each result with its amount and currency',
		// Costs come in daily buckets only, 1 to 180 of them per request (the spec, in prose).
		bucketsPerPage: { '1d': 180 },
		what: 'costs',
		flattenAmount: true,
	}),
	]);
