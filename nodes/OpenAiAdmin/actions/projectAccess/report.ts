import type { IDataObject } from 'n8n-workflow';

import type { Action, Change, ProjectPlan } from './plan';

/**
 * The items Plan and Apply output: one per change (`type: "change"`), then one summary per project
 * (`type: "summary"`), so that a Filter or Switch node can tell them apart. A change's `status` is
 * `planned` in Plan's output, and `done`, `skipped` or `failed` in Apply's.
 */

export type ChangeStatus = 'planned' | 'done' | 'skipped' | 'failed';

/** What became of a change in Apply, with what the outcome adds (an invite's id, the API's error, why it was skipped). */
export interface Outcome {
	status: Exclude<ChangeStatus, 'planned'>;
	details: IDataObject;
}

const NOUNS: Record<Action, [string, string]> = {
	invite: ['invite', 'invites'],
	add: ['add', 'adds'],
	changeRole: ['role change', 'role changes'],
	remove: ['removal', 'removals'],
};

const count = (n: number, [one, many]: [string, string]) => `${n} ${n === 1 ? one : many}`;

export function changeJson(plan: ProjectPlan, change: Change, status: ChangeStatus, details: IDataObject = {}): IDataObject {
	const { action, email, userId, from, to, why } = change;
	return { type: 'change', status, action, projectId: plan.project.projectId, email, userId, from, to, why, ...details };
}

/** How many changes of each kind the plan holds, and the same in words ("1 invite, 2 role changes"). */
function tally(plan: ProjectPlan) {
	const changes: Record<Action, number> = { invite: 0, add: 0, changeRole: 0, remove: 0 };
	for (const change of plan.changes) changes[change.action]++;
	const words = (Object.keys(changes) as Action[]).filter((action) => changes[action] > 0).map((action) => count(changes[action], NOUNS[action]));
	return { changes, words: words.join(', ') };
}

/** A project's summary. Without outcomes, Plan's: what would change. With them, Apply's: what did. */
export function summaryJson(plan: ProjectPlan, outcomes?: Outcome[]): IDataObject {
	const { changes, words } = tally(plan);
	const total = plan.changes.length;
	const left = plan.skipped.length ? `; ${plan.skipped.length} left as they are (see skipped)` : '';
	let status: string;
	let message: string;
	const extra: IDataObject = {};
	if (total === 0) {
		status = 'inSync';
		message = plan.skipped.length ? `No changes to make${left}` : "No changes: the project's members match the list";
	} else if (!outcomes) {
		status = 'planned';
		message = `${count(total, ['change', 'changes'])} to make: ${words}${left}`;
	} else {
		const done = outcomes.filter((outcome) => outcome.status === 'done').length;
		const failed = outcomes.filter((outcome) => outcome.status === 'failed').length;
		const skipped = outcomes.filter((outcome) => outcome.status === 'skipped').length;
		extra.outcomes = { done, skipped, failed };
		status = done === total ? 'done' : 'incomplete';
		message =
			done === total
				? `${count(total, ['change', 'changes'])} made: ${words}${left}`
				: `${done} of ${count(total, ['change', 'changes'])} made, ${failed} failed, ${skipped} skipped: run Apply again to finish${left}`;
	}
	return {
		type: 'summary',
		status,
		projectId: plan.project.projectId,
		message,
		listed: plan.project.people.size,
		members: plan.members,
		changes,
		...extra,
		skipped: plan.skipped.map(({ email, userId, why }) => ({ email, userId, why })),
	};
}
