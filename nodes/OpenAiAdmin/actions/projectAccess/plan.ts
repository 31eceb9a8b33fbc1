import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { mapInOrder } from '../../transport/concurrency';
import { EVERYTHING, listAll } from '../../transport/pagination';
import { apiPath } from '../../transport/path';
import { mayBeCredentialKey } from '../shared/credentialKey';
import { text } from '../shared/pickers';
import type { AllItems } from '../types';
import type { Desired, DesiredProject, Person, ProjectRole } from './desired';
import { emailKey, readDesired } from './desired';

/**
 * The plan: what would bring each project's members in line with its list. It is worked out from
 * reads only (the organization's users once, its invites once when someone listed is not a member,
 * each project's users once, and the admin keys once when someone may be removed), each read whole,
 * so that nothing is planned from a list the API cut short. Plan shows it; Apply carries it out.
 */

export type Action = 'invite' | 'add' | 'changeRole' | 'remove';

export interface Change {
	action: Action;
	email: string;
	/** Unknown for an invite: the person is not in the organization yet. */
	userId: string | null;
	from: ProjectRole | null;
	to: ProjectRole | null;
	why: string;
	/** The input items that list the person; for a removal (the person is in none), the whole list. */
	items: number[];
}

/** Someone the plan leaves as they are, though the list and the project differ about them. */
export interface Skip {
	email: string;
	userId: string | null;
	why: string;
	items: number[];
}

export interface ProjectPlan {
	project: DesiredProject;
	/** Members of the project before any change, and how many of them are owners. */
	members: number;
	owners: number;
	/** In the order Apply makes them (see `STAGES`). */
	changes: Change[];
	skipped: Skip[];
}

/**
 * Apply's order: whoever joins comes first, then promotions, then demotions, then removals, so
 * that a project gains its new owners before it loses old ones.
 */
export const STAGES = ['join', 'promote', 'demote', 'remove'] as const;
export type Stage = (typeof STAGES)[number];

export function stageOf(change: Change): Stage {
	if (change.action === 'changeRole') return change.to === 'owner' ? 'promote' : 'demote';
	return change.action === 'remove' ? 'remove' : 'join';
}

const isChange = (outcome: Change | Skip): outcome is Change => 'action' in outcome;

/** Whether a change takes an owner away from the project. */
export const losesOwner = (change: Change) => change.from === 'owner' && change.to !== 'owner';

/** What the organization holds that every project's plan reads. */
interface Organization {
	usersByEmail: Map<string, IDataObject>;
	/** Pending invites by email; read only when someone listed is not a member. */
	invitesByEmail: Map<string, IDataObject>;
	/** Users who may own the admin key this workflow runs with; read only when someone may be removed. */
	keyOwners: Set<string>;
}

const userOf = (member: IDataObject) => text(member.id) || null;
const roleOf = (member: IDataObject): ProjectRole => (member.role === 'owner' ? 'owner' : 'member');
const listItems = (items: number[]) => (items.length === 1 ? `item ${items[0]}` : `items ${items.join(', ')}`);

/** A listed person's change, or why there is none, against what the project and organization hold. */
function comparePerson(person: Person, member: IDataObject | undefined, plan: ProjectPlan, organization: Organization): Change | Skip | undefined {
	const { email, role: to, items } = person;
	const { policy, projectId } = plan.project;
	if (person.conflicting) {
		return { email, userId: member ? userOf(member) : null, why: `Listed with two roles (${listItems(items)}): left as they are`, items };
	}
	if (member) {
		const from = roleOf(member);
		if (from === to) return undefined;
		const userId = userOf(member);
		const why = `Listed as ${to}, ${from} in the project now`;
		if (!policy.changeRoles) return { email, userId, why: `${why}; Change Roles is off`, items };
		return { action: 'changeRole', email, userId, from, to, why, items };
	}
	const user = organization.usersByEmail.get(emailKey(email));
	if (user) return { action: 'add', email, userId: userOf(user), from: null, to, why: 'A member of the organization, not of the project', items };
	const invite = organization.invitesByEmail.get(emailKey(email));
	if (invite) {
		const named = (invite.projects as IDataObject[] | undefined)?.find((entry) => entry.id === projectId);
		const invited = `Invited already (${text(invite.id)}, pending)`;
		const then = !named
			? `${invited}, without this project: once they accept, run again to add them`
			: named.role === to
				? `${invited}: they join the project as ${to} when they accept`
				: `${invited}, as ${text(named.role)} of this project: once they accept, run again to make them ${to}`;
		return { email, userId: null, why: then, items };
	}
	if (!policy.inviteNonMembers) return { email, userId: null, why: 'Not a member of the organization; Invite Non-Members is off', items };
	return {
		action: 'invite',
		email,
		userId: null,
		from: null,
		to,
		why: `Not a member of the organization: an invite that names the project, which they join as ${to} on accepting`,
		items,
	};
}

/** An unlisted member's removal, or why they stay. */
function compareUnlisted(member: IDataObject, plan: ProjectPlan, organization: Organization, unread: number[]): Change | Skip {
	const email = text(member.email);
	const userId = userOf(member);
	const from = roleOf(member);
	const items = plan.project.items;
	const unlisted = `In the project (as ${from}), not in the list`;
	if (!plan.project.policy.removeUnlisted) return { email, userId, why: `${unlisted}; Remove Unlisted Members is off`, items };
	if (unread.length) {
		return { email, userId, why: `${unlisted}, but input ${listItems(unread)} could not be read: no one is removed until the list reads whole`, items };
	}
	if (userId && organization.keyOwners.has(userId)) {
		return { email, userId, why: `${unlisted}, but owns the admin key this workflow runs with, and is never removed by it`, items };
	}
	return { action: 'remove', email, userId, from, to: null, why: `${unlisted}; Remove Unlisted Members is on`, items };
}

/**
 * A project never loses its last owner: when the changes would leave none, one of them is left out,
 * a demotion before a removal (a listed person keeps more than an unlisted one would).
 */
function keepAnOwner(plan: ProjectPlan): void {
	const losing = plan.changes.filter(losesOwner);
	// An invited owner is no owner until they accept.
	const gained = plan.changes.filter((change) => change.to === 'owner' && change.action !== 'invite').length;
	if (losing.length === 0 || plan.owners - losing.length + gained > 0) return;
	const kept = losing.find((change) => change.action === 'changeRole') ?? losing[0];
	plan.changes.splice(plan.changes.indexOf(kept), 1);
	const undone = kept.action === 'remove' ? 'removing' : 'demoting';
	const { email, userId, items } = kept;
	plan.skipped.push({ email, userId, items, why: `${kept.why}, but the last owner of the project: ${undone} them would leave it without one` });
}

function planProject(project: DesiredProject, members: IDataObject[], organization: Organization, unread: number[]): ProjectPlan {
	const plan: ProjectPlan = { project, members: members.length, owners: members.filter((member) => roleOf(member) === 'owner').length, changes: [], skipped: [] };
	const membersByEmail = new Map(members.map((member) => [emailKey(text(member.email)), member]));
	const compared = [
		...[...project.people].map(([key, person]) => comparePerson(person, membersByEmail.get(key), plan, organization)),
		...members.filter((member) => !project.people.has(emailKey(text(member.email)))).map((member) => compareUnlisted(member, plan, organization, unread)),
	];
	for (const outcome of compared) {
		if (outcome && isChange(outcome)) plan.changes.push(outcome);
		else if (outcome) plan.skipped.push(outcome);
	}
	// A stable sort: within a stage, the list's order (removals: the project's).
	plan.changes.sort((a, b) => STAGES.indexOf(stageOf(a)) - STAGES.indexOf(stageOf(b)));
	keepAnOwner(plan);
	return plan;
}

/** The ids of the users who may own the admin key this workflow runs with. */
async function credentialKeyOwners(context: IExecuteFunctions, project: DesiredProject): Promise<Set<string>> {
	const [itemIndex] = project.items;
	const keys = await listAll(project.api, '/organization/admin_api_keys', {}, EVERYTHING);
	const owners = new Set<string>();
	for (const key of keys) {
		const owner = (key.owner ?? {}) as IDataObject;
		if (typeof owner.id === 'string' && (await mayBeCredentialKey(context, itemIndex, key.redacted_value))) owners.add(owner.id);
	}
	return owners;
}

interface Read {
	plans: ProjectPlan[];
	/** Projects whose users could not be read: each fails on its own. */
	failed: Array<{ error: unknown; project: DesiredProject }>;
}

async function readAndPlan(context: IExecuteFunctions, desired: Desired): Promise<Read> {
	const { projects, unread, concurrency } = desired;
	const [first] = projects;
	const users = await listAll(first.api, '/organization/users', {}, EVERYTHING);
	const organization: Organization = {
		usersByEmail: new Map(users.map((user) => [emailKey(text(user.email)), user])),
		invitesByEmail: new Map(),
		keyOwners: new Set(),
	};
	const read = await mapInOrder(projects, concurrency, async (project) => {
		try {
			return { project, members: await listAll(project.api, apiPath`/organization/projects/${project.projectId}/users`, {}, EVERYTHING) };
		} catch (error) {
			return { project, error };
		}
	});
	const readable = read.filter((entry): entry is { project: DesiredProject; members: IDataObject[] } => entry.members !== undefined);
	const failed = read.filter((entry) => entry.members === undefined).map(({ project, error }) => ({ project, error }));

	const outsiders = readable.some(({ project }) =>
		[...project.people.values()].some((person) => !person.conflicting && !organization.usersByEmail.has(emailKey(person.email))),
	);
	if (outsiders) {
		for (const invite of await listAll(first.api, '/organization/invites', {}, EVERYTHING)) {
			if (invite.status === 'pending') organization.invitesByEmail.set(emailKey(text(invite.email)), invite);
		}
	}
	const removing = readable.find(({ project, members }) =>
		project.policy.removeUnlisted && members.some((member) => !project.people.has(emailKey(text(member.email)))),
	);
	if (removing && unread.length === 0) organization.keyOwners = await credentialKeyOwners(context, removing.project);
	return { plans: readable.map(({ project, members }) => planProject(project, members, organization, unread)), failed };
}

/**
 * Reads the input and what the API holds, and plans every project of the input. A project whose
 * users cannot be read fails on its own (an error item with Continue On Fail) and the others go on;
 * a failed read of the organization fails them all. Nothing is changed.
 */
export async function planAll(context: IExecuteFunctions, items: AllItems, projectIdOf: (itemIndex: number) => string): Promise<{ plans: ProjectPlan[]; desired: Desired }> {
	const desired = readDesired(context, items, projectIdOf);
	if (desired.projects.length === 0) return { plans: [], desired };
	let read: Read;
	try {
		read = await readAndPlan(context, desired);
	} catch (error) {
		items.fail(error, desired.projects.flatMap((project) => project.items));
		return { plans: [], desired };
	}
	for (const { error, project } of read.failed) items.fail(error, project.items);
	return { plans: read.plans, desired };
}
