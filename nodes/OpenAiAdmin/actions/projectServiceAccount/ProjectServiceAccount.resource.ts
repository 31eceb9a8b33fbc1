import type { Resource } from '../types';
import { createServiceAccount } from './create.operation';
import { deleteServiceAccount } from './delete.operation';
import { getServiceAccount } from './get.operation';
import { getManyServiceAccounts } from './getMany.operation';
import { updateServiceAccount } from './update.operation';

export const projectServiceAccount: Resource = {
	value: 'projectServiceAccount',
	name: 'Project Service Account',
	description: 'Bot identities of a project, each with its own API key',
	defaultOperation: 'getMany',
	operations: [
		createServiceAccount,
		deleteServiceAccount,
		getServiceAccount,
		getManyServiceAccounts,
		updateServiceAccount,
	],
};
