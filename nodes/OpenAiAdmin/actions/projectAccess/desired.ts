import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { AdminApi } from '../../transport';
import { PROJECT_ROLES } from '../shared/enums';
import { projectLocator } from '../shared/fields';
import { concurrencyField, readConcurrency } from '../shared/concurrency';
import { checkEmail, checkOneOf, invalidInput, readSwitch } from '../shared/parameters';
import type { AllItems } from '../types';

/**
 * The input of Project Access: one item per person who should be in a project, with their role, and
 * the policy that says what may change. Items are grouped by project (an expression may give each
 * item its own), one plan per project.
 */

export type ProjectRole = (typeof PROJECT_ROLES)[number];

export interface Policy {
	removeUnlisted: boolean;
	inviteNonMembers: boolean;
	changeRoles: boolean;
}

/** One person of a project's list. Emails are compared without case, as addresses are. */
export interface Person {
	email: string;
	role: ProjectRole;
	/** The input items that list them (more than one when the list repeats them). */
	items: number[];
	/** Listed more than once with different roles: they count as listed, and nothing of theirs changes. */
	conflicting: boolean;
}

export interface DesiredProject {
	projectId: string;
	/** Every input item naming this project, in order: what the project's summary is paired with. */
	items: number[];
	/** By lower-cased email, in the order of first listing. */
	people: Map<string, Person>;
	policy: Policy;
	/** The transport of the project's first item: its requests use that item's retry settings. */
	api: AdminApi;
}

export interface Desired {
	projects: DesiredProject[];
	/**
	 * Input items that could not be read (Continue On Fail made them error items). Such an item may
	 * have listed anyone, so no one is removed as unlisted in this run.
	 */
	unread: number[];
	concurrency: number;
}

export const emailKey = (email: string) => email.trim().toLowerCase();

/** The project: the same for every item, or each item's own from an expression. */
export const projectLocators = {
	project_id: {
		...projectLocator,
		description:
			'The project whose members the input lists. An expression can give each item its own project: each project is planned on its own.',
	},
};

export const personFields: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@example.com',
		required: true,
		default: '={{ $json.email }}',
		description: "The email address of a person who should be in the project: one input item per person, e.g. a sheet's rows",
		hint: 'Map the column of your list that holds the email',
	},
	// Text, not a dropdown: its default reads each item's own role, which a dropdown cannot default to
	// (and so not named `role`, which is a dropdown everywhere else).
	{
		displayName: 'Role',
		name: 'projectRole',
		type: 'string',
		placeholder: 'member',
		required: true,
		default: '={{ $json.role }}',
		description: `The person's role in the project: ${PROJECT_ROLES.map((role) => `"${role}"`).join(' or ')}`,
		hint: 'Map the column of your list that holds the role, or type owner or member for everyone',
	},
];

export const policyFields: INodeProperties[] = [
	{
		displayName: 'Invite Non-Members',
		name: 'inviteNonMembers',
		type: 'boolean',
		default: true,
		description:
			'Whether to invite a listed person who is not in the organization yet; the invite names the project and role, which they join on accepting (organization role: reader)',
	},
	{
		displayName: 'Change Roles',
		name: 'changeRoles',
		type: 'boolean',
		default: true,
		description: 'Whether to change the role of a member whose role in the project differs from the list',
	},
	{
		displayName: 'Remove Unlisted Members',
		name: 'removeUnlisted',
		type: 'boolean',
		default: false,
		description:
			'Whether to remove members of the project who are not in the list. Off, they stay and the summary names them. The last owner and the owner of the admin key this workflow runs with are never removed.',
	},
	concurrencyField('projects are read, or changes made,'),
];

function readPolicy(context: IExecuteFunctions, itemIndex: number): Policy {
	return {
		removeUnlisted: readSwitch(context, itemIndex, 'removeUnlisted', 'Remove Unlisted Members'),
		inviteNonMembers: readSwitch(context, itemIndex, 'inviteNonMembers', 'Invite Non-Members', true),
		changeRoles: readSwitch(context, itemIndex, 'changeRoles', 'Change Roles', true),
	};
}

interface Entry {
	projectId: string;
	email: string;
	role: ProjectRole;
	policy: Policy;
}

function readEntry(context: IExecuteFunctions, itemIndex: number, projectIdOf: (itemIndex: number) => string): Entry {
	return {
		projectId: projectIdOf(itemIndex),
		email: checkEmail(context, context.getNodeParameter('email', itemIndex), itemIndex, 'Email'),
		role: checkOneOf(context, context.getNodeParameter('projectRole', itemIndex), PROJECT_ROLES, itemIndex, 'Role'),
		policy: readPolicy(context, itemIndex),
	};
}

/**
 * Reads every input item, before any request. An item that cannot be read (a bad email, role or
 * project) fails on its own through `items.fail`, which without Continue On Fail stops the node here;
 * so does a person listed twice for a project with two different roles.
 */
export function readDesired(context: IExecuteFunctions, items: AllItems, projectIdOf: (itemIndex: number) => string): Desired {
	const [first] = items.itemIndices;
	const concurrency = readConcurrency(context, first);
	const projects = new Map<string, DesiredProject>();
	// Items the router failed already (bad request options) are as unread as those that fail here.
	const runnable = new Set(items.itemIndices);
	const unread = context.getInputData().map((_item, itemIndex) => itemIndex).filter((itemIndex) => !runnable.has(itemIndex));
	for (const itemIndex of items.itemIndices) {
		let entry: Entry;
		try {
			entry = readEntry(context, itemIndex, projectIdOf);
		} catch (error) {
			unread.push(itemIndex);
			items.fail(error, [itemIndex]);
			continue;
		}
		let project = projects.get(entry.projectId);
		if (!project) {
			// The project's first item says its policy: the switches take no per-person values.
			project = { projectId: entry.projectId, items: [], people: new Map(), policy: entry.policy, api: items.api(itemIndex) };
			projects.set(entry.projectId, project);
		}
		project.items.push(itemIndex);
		const key = emailKey(entry.email);
		const listed = project.people.get(key);
		if (!listed) {
			project.people.set(key, { email: entry.email, role: entry.role, items: [itemIndex], conflicting: false });
			continue;
		}
		listed.items.push(itemIndex);
		if (listed.role !== entry.role && !listed.conflicting) {
			listed.conflicting = true;
			const problem = `"${entry.role}" for ${entry.email}, who item ${listed.items[0]} lists as "${listed.role}" in the same project`;
			items.fail(invalidInput(context, itemIndex, 'Role', problem), listed.items);
		}
	}
	return { projects: [...projects.values()], unread, concurrency };
}
