import type { Resource } from '../types';
import { addProjectUser } from './add.operation';
import { getProjectUser } from './get.operation';
import { getManyProjectUsers } from './getMany.operation';
import { removeProjectUser } from './remove.operation';
import { updateProjectUser } from './update.operation';

export const projectUser: Resource = {
	value: 'projectUser',
	name: 'Project User',
	description: 'People who are members of a project',
	defaultOperation: 'getMany',
	operations: [addProjectUser, getProjectUser, getManyProjectUsers, removeProjectUser, updateProjectUser],
};
