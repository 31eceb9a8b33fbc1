import { nextPagePager } from '../../transport/pagination';
import type { Resource } from '../types';
import { API_KEYS, PROJECTS, report } from '../usage/report';

/** Costs come in daily buckets only, 1 to 180 of them per request. */
export const costPager = nextPagePager({ '1d': 180 });

export const cost: Resource = {
	value: 'cost',
	name: 'Cost',
	description: 'What the organization spent, per day, by project, line item and API key',
	defaultOperation: 'getMany',
	operations: [
		report({
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many costs',
			description: 'Costs of the organization in daily buckets, each result with its amount and currency',
			path: '/organization/costs',
			operationId: 'usage-costs',
			bucketWidths: ['1d'],
			pager: costPager,
			groupBy: ['project_id', 'line_item', 'api_key_id'],
			filters: [
				{ ...PROJECTS, description: 'Only costs of these projects' },
				{ ...API_KEYS, description: 'Only costs of these API keys' },
			],
			flattenAmount: true,
		}),
	],
};
