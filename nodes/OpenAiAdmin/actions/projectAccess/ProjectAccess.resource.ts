import { resource } from '../resource';
import { applyProjectAccess } from './apply.operation';
import { planProjectAccess } from './plan.operation';

export const projectAccess = resource(
	{
		value: 'projectAccess',
		name: 'Project Access',
		description: "Bring a project's members in line with a list of people: see the plan, then apply it",
		defaultOperation: 'plan',
	},
	[applyProjectAccess, planProjectAccess],
);
