import type { Resource } from '../types';
import { archiveProject } from './archive.operation';
import { createProject } from './create.operation';
import { getProject } from './get.operation';
import { getManyProjects } from './getMany.operation';
import { updateProject } from './update.operation';

export const project: Resource = {
	value: 'project',
	name: 'Project',
	description: 'Projects of the organization',
	defaultOperation: 'getMany',
	operations: [archiveProject, createProject, getProject, getManyProjects, updateProject],
};
