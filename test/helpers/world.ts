/**
 * One seeded organization for the table-driven suites (bad input, fuzz, pagination): every list of
 * the registry has items in it, and each resource locator has two valid targets, found by the list
 * its picker walks. An operation's ids come from its locators, so a new operation whose pickers
 * exist needs nothing here; a new picker needs its targets (the compiler asks for them).
 */
import type { INodeProperties } from 'n8n-workflow';

import type { PickerList } from '../../nodes/OpenAiAdmin/actions/shared/pickers';
import type { Sandbox } from '../../sandbox';
import { addSpendAlerts, setSpendLimit } from '../../sandbox/resources/spend';
import { seedPeople } from './people';

/** The organization every test starts from: three projects, members and the rest added by `seed`. */
export const ORG = { projects: 3, users: 10, usersPerProject: 0, serviceAccountsPerProject: 0, keysPerProject: 0, rateLimitsPerProject: 0 };

/** Fills the organization: the first project with members, accounts, keys, limits, alerts, groups and roles. */
export function seed(sandbox: Sandbox) {
	const projects = sandbox.state.projects.filter((project) => !project.is_default);
	const p0 = projects[0];
	const alerts = addSpendAlerts(sandbox.state, 3);
	const projectAlerts = addSpendAlerts(sandbox.state, 3, p0);
	// Spend limits answer 404 until set.
	setSpendLimit(sandbox.state, 100000);
	for (const project of projects) setSpendLimit(sandbox.state, 5000, project);
	sandbox.state.addProjectUsers(p0.id, 4);
	sandbox.state.addServiceAccounts(p0.id, 3);
	sandbox.state.addApiKeys(p0.id, 3);
	sandbox.state.addRateLimits(p0.id, 3);
	const memberIds = new Set(p0.users.map((user) => user.id));
	const outsiders = sandbox.state.organizationUsers.filter((user) => !memberIds.has(user.id));
	// Group 0 holds p0's members 1 and 2, has roles 0 and 1, and with group 1 has access to p0; member 1
	// has roles 0 and 1, and project roles 0 and 1 of p0 (as group 0 has).
	const people = seedPeople(sandbox, { members: p0.users.slice(1, 3), roleHolder: p0.users[1], project: p0 });
	return { projects, p0, outsiders, alerts, projectAlerts, ...people };
}
export type World = ReturnType<typeof seed>;

/**
 * The two targets of each picker, by the list it walks. Run `i` (0 or 1) takes the `i`-th; a path's
 * parents take the first, which holds what the lists below it need (p0, member 1, group 0).
 */
export const TARGETS = {
	'list-projects': (w, i) => w.projects[i].id,
	// Members 1 and 2 of p0 (member 0 is its owner: left be); member 1 holds roles of every kind.
	'list-users': (w, i) => w.p0.users[i + 1].id,
	'list-project-users': (w, i) => w.p0.users[i + 1].id,
	'list-group-users': (w, i) => w.p0.users[i + 1].id,
	'list-project-service-accounts': (w, i) => w.p0.serviceAccounts[i].id,
	'list-project-api-keys': (w, i) => w.p0.apiKeys[i].id,
	'list-project-rate-limits': (w, i) => w.p0.rateLimits[i].id,
	'list-organization-spend-alerts': (w, i) => w.alerts[i].id,
	'list-project-spend-alerts': (w, i) => w.projectAlerts[i].id,
	// The seeded keys, not the sandbox's own.
	'admin-api-keys-list': (w, i) => w.adminKeys[i].id,
	'list-invites': (w, i) => w.invites[i].id,
	listOrganizationCertificates: (w, i) => w.certificates[i].id,
	'list-groups': (w, i) => w.groups[i].id,
	'list-project-groups': (w, i) => w.groups[i].id,
	// Custom roles: the predefined ones cannot be changed or deleted.
	'list-roles': (w, i) => w.roles[i].id,
	'list-group-role-assignments': (w, i) => w.roles[i].id,
	'list-user-role-assignments': (w, i) => w.roles[i].id,
	'list-project-roles': (w, i) => w.projectRoles[i].id,
	'list-project-user-role-assignments': (w, i) => w.projectRoles[i].id,
	'list-project-group-role-assignments': (w, i) => w.projectRoles[i].id,
} satisfies Record<PickerList, (w: World, i: number) => string>;

/** The list a resource locator's "From List" walks. */
export function pickerOf(locator: INodeProperties): PickerList {
	const list = locator.modes?.find((mode) => mode.name === 'list')?.typeOptions?.searchListMethod;
	if (!list || !(list in TARGETS)) throw new Error(`${locator.name}: no picker list with targets (${String(list)})`);
	return list as PickerList;
}

/** Target `i` of a resource locator in the seeded world. */
export const targetOf = (locator: INodeProperties, world: World, i: number): string => TARGETS[pickerOf(locator)](world, i);
