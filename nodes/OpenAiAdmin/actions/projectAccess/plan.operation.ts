import { endpoint } from '../endpoint';
import { personFields, policyFields, projectLocators } from './desired';
import { planAll } from './plan';
import { changeJson, summaryJson } from './report';

/** The reads Plan and Apply make: a project's users, then the organization's users, invites and admin keys. */
export const READS = ['list-project-users', 'list-users', 'list-invites', 'admin-api-keys-list'] as const;

export const planProjectAccess = endpoint.allItems({
	value: 'plan',
	name: 'Plan',
	action: 'Plan project access from a list',
	description:
		'Compare a list of people (one input item each) with the members of a project, and output the changes that would bring them in line. Nothing is changed.',
	calls: [...READS],
	locators: projectLocators,
	fields: [
		{
			displayName: 'One input item per person who should be in the project. Nothing is changed: the output is one item per change, then a summary per project; Apply with the same input carries it out.',
			name: 'planNotice',
			type: 'notice',
			default: '',
		},
		...personFields,
		...policyFields,
	],
	hints: [
		{
			message: 'This is the plan: nothing was changed. Project Access → Apply, given the same list, makes these changes.',
			type: 'info',
		},
	],
	async run(items, ids) {
		const { plans } = await planAll(this, items, (itemIndex) => ids(itemIndex).project_id);
		for (const plan of plans) {
			for (const change of plan.changes) items.emit(changeJson(plan, change, 'planned'), change.items);
			items.emit(summaryJson(plan), plan.project.items);
		}
	},
});
