import type { IDataObject } from 'n8n-workflow';

import { mapInOrder } from '../../transport/concurrency';
import { apiPath } from '../../transport/path';
import { endpoint } from '../endpoint';
import { errorJson } from '../shared/errors';
import { emailKey, personFields, policyFields, projectLocators } from './desired';
import type { Change, ProjectPlan, Stage } from './plan';
import { STAGES, losesOwner, planAll, stageOf } from './plan';
import { READS } from './plan.operation';
import type { Outcome } from './report';
import { changeJson, summaryJson } from './report';

/**
 * Apply works the plan out again from what the API holds now, then makes its changes stage by stage
 * (see STAGES), at most Concurrency requests at once. Each change's outcome is an item: a failure
 * leaves the others going, and a run after it plans only what is still missing. Creates (invites,
 * adds) are never sent twice when the first attempt may have acted (`createsResource`).
 */

/** The organization role of an invited person: the least one; the list speaks of projects only. */
const INVITED_AS = 'reader';

interface Planned {
	plan: ProjectPlan;
	change: Change;
}

/** One request, and the changes whose outcome it decides (an invite may serve several projects). */
interface Task {
	changes: Planned[];
	send(): Promise<IDataObject>;
	/** What a done change adds to its item, from the API's answer. */
	details?(answer: IDataObject): IDataObject;
}

function memberPath({ plan, change }: Planned): string {
	// Better a failed change than a request to the project's users list itself.
	if (!change.userId) throw new Error(`The API listed ${change.email} in the project without a user ID`);
	return apiPath`/organization/projects/${plan.project.projectId}/users/${change.userId}`;
}

/** The request of an add, a role change or a removal, made with the transport of the project's first item. */
function memberTask(planned: Planned): Task {
	const { plan, change } = planned;
	const { api } = plan.project;
	const send = async (): Promise<IDataObject> => {
		if (change.action === 'add') {
			const path = apiPath`/organization/projects/${plan.project.projectId}/users`;
			return await api.request({ method: 'POST', path, body: { user_id: change.userId, role: change.to }, createsResource: true });
		}
		if (change.action === 'changeRole') {
			return await api.request({ method: 'POST', path: memberPath(planned), body: { role: change.to }, createsResource: false });
		}
		const deletedAnswer = { object: 'organization.project.user.deleted', id: change.userId, deleted: true };
		return await api.request({ method: 'DELETE', path: memberPath(planned), deletedAnswer });
	};
	return { changes: [planned], send };
}

/**
 * The requests of a stage, in the plan's order: an add, role change or removal each its own; one
 * invite per person outside the organization, naming every project of the run that lists them (an
 * invite per project would be refused as a second pending one).
 */
function tasksOf(stage: Planned[]): Task[] {
	const tasks: Task[] = [];
	const invites = new Map<string, Task>();
	for (const planned of stage) {
		if (planned.change.action !== 'invite') {
			tasks.push(memberTask(planned));
			continue;
		}
		const key = emailKey(planned.change.email);
		const invite = invites.get(key);
		if (invite) {
			invite.changes.push(planned);
			continue;
		}
		const changes = [planned];
		const task: Task = {
			changes,
			send: async () =>
				await planned.plan.project.api.request({
					method: 'POST',
					path: '/organization/invites',
					body: {
						email: planned.change.email,
						role: INVITED_AS,
						projects: changes.map(({ plan, change }) => ({ id: plan.project.projectId, role: change.to })),
					},
					createsResource: true,
				}),
			details: (answer) => ({ inviteId: answer.id }),
		};
		invites.set(key, task);
		tasks.push(task);
	}
	return tasks;
}

/** The owners each project has while Apply goes on: what the plan found, with the changes done since. */
class OwnerCount {
	private readonly owners = new Map<ProjectPlan, number>();

	constructor(plans: ProjectPlan[]) {
		for (const plan of plans) this.owners.set(plan, plan.owners);
	}

	done({ plan, change }: Planned): void {
		const gained = change.to === 'owner' && change.action !== 'invite' ? 1 : 0;
		const lost = losesOwner(change) ? 1 : 0;
		this.owners.set(plan, (this.owners.get(plan) ?? 0) + gained - lost);
	}

	/**
	 * Of the stage's changes that take an owner away, those that leave each project one, in order; the
	 * rest are held back. The plan already kept an owner; this catches a promotion or add that failed.
	 */
	holdBack(stage: Planned[]): Set<Planned> {
		const allowance = new Map(this.owners);
		const held = new Set<Planned>();
		for (const planned of stage.filter(({ change }) => losesOwner(change))) {
			const left = allowance.get(planned.plan) ?? 0;
			if (left > 1) allowance.set(planned.plan, left - 1);
			else held.add(planned);
		}
		return held;
	}
}

const lastOwner = ({ change }: Planned) =>
	`The last owner of the project now that a change giving it another failed: ${change.action === 'remove' ? 'removing' : 'demoting'} them would leave it without one`;

export const applyProjectAccess = endpoint.allItems({
	value: 'apply',
	name: 'Apply',
	action: 'Apply project access from a list and remove unlisted members if set',
	description:
		'Bring the members of a project in line with a list of people (one input item each): invite, add, change roles and, if asked, remove. Outputs what became of each change.',
	calls: [...READS, 'inviteUser', 'create-project-user', 'modify-project-user', 'delete-project-user'],
	locators: projectLocators,
	fields: [
		{
			displayName:
				'One input item per person who should be in the project. Run Plan first to see the changes; Apply works them out again and makes them.',
			name: 'applyNotice',
			type: 'notice',
			default: '',
		},
		...personFields,
		...policyFields,
	],
	hints: [
		{
			message: 'Each change is an item with status done, skipped or failed. Running Apply again makes only what is still missing.',
			type: 'info',
		},
	],
	async run(items, ids) {
		const { plans, desired } = await planAll(this, items, (itemIndex) => ids(itemIndex).project_id);
		const outcomes = new Map<Planned, Outcome>();
		const owners = new OwnerCount(plans);
		const all = plans.flatMap((plan) => plan.changes.map((change): Planned => ({ plan, change })));
		const inStage = (stage: Stage) => all.filter(({ change }) => stageOf(change) === stage);

		for (const stage of STAGES) {
			const changes = inStage(stage);
			const held = owners.holdBack(changes);
			for (const entry of held) outcomes.set(entry, { status: 'skipped', details: { reason: lastOwner(entry) } });
			const ready = changes.filter((entry) => !held.has(entry));
			// Every failure is caught into its outcome: mapInOrder never stops early here.
			await mapInOrder(tasksOf(ready), desired.concurrency, async (task) => {
				try {
					const answer = await task.send();
					for (const entry of task.changes) {
						outcomes.set(entry, { status: 'done', details: task.details?.(answer) ?? {} });
						owners.done(entry);
					}
				} catch (error) {
					for (const entry of task.changes) outcomes.set(entry, { status: 'failed', details: errorJson(error) });
				}
			});
		}

		// Every change has its outcome by now: held back, or done or failed in its stage.
		for (const plan of plans) {
			const ofPlan = all.filter((entry) => entry.plan === plan);
			for (const entry of ofPlan) {
				const { status, details } = outcomes.get(entry)!;
				items.emit(changeJson(plan, entry.change, status, details), entry.change.items);
			}
			items.emit(summaryJson(plan, ofPlan.map((entry) => outcomes.get(entry)!)), plan.project.items);
		}
	},
});
