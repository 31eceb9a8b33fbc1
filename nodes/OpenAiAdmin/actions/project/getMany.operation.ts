import { listAll } from '../../transport/pagination';
import { collection, listControls } from '../shared/fields';
import { readCollection, readListControls } from '../shared/parameters';
import type { Operation } from '../types';

export const getManyProjects: Operation = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many projects',
	description: 'List the projects of the organization',
	properties: [
		...listControls,
		collection('filters', [
			{
				displayName: 'Include Archived',
				name: 'include_archived',
				type: 'boolean',
				default: false,
				description: 'Whether to include archived projects, which are left out by default',
			},
		]),
	],
	async execute(itemIndex, api) {
		const { include_archived: includeArchived } = readCollection(this, 'filters', itemIndex);
		return await listAll(
			api,
			'/organization/projects',
			includeArchived === true ? { include_archived: true } : {},
			readListControls(this, itemIndex),
		);
	},
};
