import type { IDataObject } from 'n8n-workflow';

import { apiPath } from '../../transport/path';
import { listAll } from '../../transport/pagination';
import { collection, listControls, projectLocator } from '../shared/fields';
import { checkOneOf, readCollection, readId, readListControls } from '../shared/parameters';
import type { Operation } from '../types';

const OWNER_ACCESS = ['active', 'any', 'inactive'] as const;

export const getManyApiKeys: Operation = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many project API keys',
	description: 'List the API keys of a project',
	properties: [
		projectLocator,
		...listControls,
		collection('filters', [
			{
				displayName: 'Owner Project Access',
				name: 'owner_project_access',
				type: 'options',
				options: [
					{ name: 'Active', value: 'active', description: 'Keys whose owner has access to the project' },
					{ name: 'Any', value: 'any', description: 'Every enabled key of the project' },
					{
						name: 'Inactive',
						value: 'inactive',
						description: 'Keys whose owner no longer has access to the project',
					},
				],
				default: 'any',
				description:
					'Filter by whether the key owner still has access to the project. Without it, the API applies its membership-based visibility rules, which may leave out some enabled keys.',
			},
		]),
	],
	async execute(itemIndex, api) {
		const projectId = readId(this, 'projectId', itemIndex, 'Project');
		const filters = readCollection(this, 'filters', itemIndex);
		const query: IDataObject = {};
		if (filters.owner_project_access !== undefined) {
			query.owner_project_access = checkOneOf(
				this,
				filters.owner_project_access,
				OWNER_ACCESS,
				itemIndex,
				'Owner Project Access',
			);
		}
		return await listAll(
			api,
			apiPath`/organization/projects/${projectId}/api_keys`,
			query,
			readListControls(this, itemIndex),
		);
	},
};
