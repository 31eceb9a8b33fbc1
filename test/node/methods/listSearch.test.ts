/**
 * The "From List" pickers, from the registry: every resource locator of the node names a list the
 * one generic search walks, and every picker lists its items, from the chosen project, group or
 * user where its path needs one, through n8n's list-search context against the sandbox. Then what
 * each picker adds: its labels, its cursor, its filter, its query.
 */
import type { INodeProperties, INodeParameters } from 'n8n-workflow';

import { registry } from '../../../nodes/OpenAiAdmin/actions/registry';
import { PICKERS } from '../../../nodes/OpenAiAdmin/actions/shared/pickers';
import type { PickerList } from '../../../nodes/OpenAiAdmin/actions/shared/pickers';
import { listSearch } from '../../../nodes/OpenAiAdmin/methods/listSearch';
import { OpenAiAdmin } from '../../../nodes/OpenAiAdmin/OpenAiAdmin.node';
import { SPEC_OPERATIONS } from '../../../nodes/shared/spec';
import type { Sandbox } from '../../../sandbox';
import { seedPeople } from '../../helpers/people';
import { byId, searchList } from '../../helpers/runNode';
import { useSandbox } from '../../helpers/sandbox';

/** Every resource locator of the node, wherever it sits (a collection, a fixed collection). */
function locators(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [
		...(property.type === 'resourceLocator' ? [property] : []),
		...locators(((property.options ?? []) as Array<INodeProperties | { values?: INodeProperties[] }>).flatMap((option) =>
			'values' in option && option.values ? option.values : 'type' in option ? [option as INodeProperties] : [],
		)),
	]);
}
const searchMethod = (locator: INodeProperties) =>
	locator.modes?.find((mode) => mode.type === 'list')?.typeOptions?.searchListMethod as string | undefined;
const nodeLocators = locators(new OpenAiAdmin().description.properties);

/** An operation whose form shows the list's picker: n8n reads the chosen parents in its context. */
function operationWith(list: string): INodeParameters {
	const entry = registry.find((candidate) => locators(candidate.properties).some((locator) => searchMethod(locator) === list));
	if (!entry) throw new Error(`No operation shows the ${list} picker`);
	return { resource: entry.resource, operation: entry.value };
}

describe('every resource locator has a picker', () => {
	it('names a list the search serves, and every picker serves a locator', () => {
		const named = nodeLocators.map(searchMethod);
		expect(named.filter((list) => !list || !(list in listSearch))).toEqual([]);
		expect(Object.keys(PICKERS).filter((list) => !named.includes(list))).toEqual([]);
	});
});

/** A small organization with something in every list a picker walks. */
async function world(sandbox: Sandbox) {
	const { state } = sandbox;
	const [project] = state.addProjects(1, { users: 3, serviceAccounts: 2, apiKeys: 2, rateLimits: 2 });
	const people = seedPeople(sandbox, { members: project.users, roleHolder: project.users[0], project });
	const { addSpendAlerts } = await import('../../../sandbox/resources/spend');
	addSpendAlerts(state, 1);
	addSpendAlerts(state, 1, project);
	// Project roles through the API, as an admin would give them.
	const call = async (path: string, body: unknown) => {
		const response = await fetch(`${sandbox.baseUrl}${path}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sandbox.adminKey}`, 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		const answer = (await response.json()) as { id: string };
		if (!response.ok) throw new Error(`POST ${path}: ${JSON.stringify(answer)}`);
		return answer;
	};
	const role = await call(`/projects/${project.id}/roles`, { role_name: 'Reviewer', permissions: ['api.model.read'] });
	await call(`/projects/${project.id}/users/${project.users[0].id}/roles`, { role_id: role.id });
	await call(`/projects/${project.id}/groups/${people.groups[0].id}/roles`, { role_id: role.id });
	sandbox.resetLog();
	return { project, people, parents: { projectId: byId(project.id), groupId: byId(people.groups[0].id), userId: byId(project.users[0].id) } };
}

describe('every picker lists its items', () => {
	const sandbox = useSandbox({ projects: 0, users: 4 });

	it.each(Object.keys(PICKERS) as PickerList[])('%s', async (list) => {
		const { parents } = await world(sandbox());
		const result = await searchList(list, { ...operationWith(list), ...parents }, { api: sandbox() });

		expect(result.results.length).toBeGreaterThan(0);
		expect(result.results.every((entry) => typeof entry.name === 'string' && entry.name !== '' && entry.value !== '')).toBe(true);
		const spec = SPEC_OPERATIONS[list];
		expect(sandbox().requests).toHaveLength(1);
		expect(sandbox().requests[0].path).toMatch(new RegExp(`^${spec.path.replace(/\{[^}]+\}/g, '[^/]+')}$`));
	});
});

describe('what the pickers add', () => {
	const sandbox = useSandbox({ projects: 0, defaultProject: false, users: 3 });

	it('pages through projects with the cursor and filters by name or id', async () => {
		const projects = sandbox().state.addProjects(150);
		const firstPage = await searchList('list-projects', {}, { api: sandbox() });
		expect(firstPage.results).toHaveLength(100);
		expect(firstPage.results[0]).toEqual({ name: projects[0].name, value: projects[0].id });
		expect(firstPage.paginationToken).toBe(projects[99].id);

		const secondPage = await searchList('list-projects', {}, { api: sandbox(), paginationToken: firstPage.paginationToken as string });
		expect(secondPage.results.map((entry) => entry.value)).toEqual(projects.slice(100).map((p) => p.id));
		expect(secondPage.paginationToken).toBeUndefined();
		expect(sandbox().requests.map((request) => request.query)).toEqual([{ limit: '100' }, { limit: '100', after: projects[99].id }]);

		const filtered = await searchList('list-projects', {}, { api: sandbox(), filter: projects[120].id });
		expect(filtered.results).toEqual([]); // not on the first page
		const byName = await searchList('list-projects', {}, { api: sandbox(), filter: projects[5].name.toUpperCase() });
		expect(byName.results.map((entry) => entry.value)).toContain(projects[5].id);
	});

	it('names people "Name <email>"', async () => {
		const result = await searchList('list-users', {}, { api: sandbox() });
		const [user] = sandbox().state.organizationUsers;
		expect(result.results[0]).toEqual({ name: `${user.name} <${user.email}>`, value: user.id });
	});

	it('lists every enabled key of the project, those whose owner left too', async () => {
		const [project] = sandbox().state.addProjects(1, { users: 1 });
		sandbox().state.addApiKeys(project.id, 1, { ownerProjectAccess: 'inactive' });
		const result = await searchList('list-project-api-keys', { ...operationWith('list-project-api-keys'), projectId: byId(project.id) }, { api: sandbox() });
		expect(result.results).toHaveLength(1);
		expect(sandbox().requests[0].query).toEqual({ limit: '100', owner_project_access: 'any' });
	});

	it('keeps organization roles apart from the project roles of a project, listed by the project', async () => {
		const [project] = sandbox().state.addProjects(1, { users: 1 });
		const organizationRoles = await searchList('list-roles', {}, { api: sandbox() });
		expect(organizationRoles.results.map((entry) => entry.value)).toEqual(['role_org_owner', 'role_org_reader']);
		const projectRoles = await searchList('list-project-roles', { ...operationWith('list-project-roles'), projectId: byId(project.id) }, { api: sandbox() });
		expect(projectRoles.results.map((entry) => entry.value)).toEqual(expect.arrayContaining(['role_proj_owner', 'role_proj_member']));
		expect(sandbox().requests.at(-1)!.path).toBe(`/projects/${project.id}/roles`);
	});

	it.each([
		['list-project-users', 'a project'],
		['list-group-users', 'a group'],
		['list-user-role-assignments', 'a user'],
	])('%s asks for %s first, before any request', async (list, what) => {
		const empty = { __rl: true, mode: 'list', value: '' };
		const parameters = { ...operationWith(list), projectId: empty, groupId: empty, userId: empty };
		await expect(searchList(list, parameters, { api: sandbox() })).rejects.toThrow(`Choose ${what} first`);
		expect(sandbox().requests).toHaveLength(0);
	});
});
