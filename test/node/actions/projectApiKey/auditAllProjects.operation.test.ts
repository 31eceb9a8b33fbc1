/**
 * Project API Key → Audit All Projects, through real n8n execution against the sandbox: flags and
 * owners, the options, archived projects, the fewest requests, faults in the middle of the walk, and
 * no more requests in flight than Concurrency allows.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { ApiKey, Project, Sandbox, SandboxState } from '../../../../sandbox';
import { runAgainst, useSandbox } from '../../../helpers/sandbox';

const DAY = 86400;
const audit = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'projectApiKey',
	operation: 'auditAllProjects',
	...parameters,
});
const iso = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000).toISOString());

/** A user who left the organization: gone from its users and from every project, their keys stay. */
function removeFromOrganization(state: SandboxState, userId: string) {
	state.organizationUsers.splice(state.organizationUsers.findIndex((user) => user.id === userId), 1);
	for (const project of state.projects) {
		const at = project.users.findIndex((user) => user.id === userId);
		if (at >= 0) project.users.splice(at, 1);
	}
}

const keyIds = (items: Array<{ key?: unknown }>) => items.map((item) => (item.key as { id: string }).id);
const idsOf = (projects: Project[]) => projects.flatMap((project) => project.apiKeys.map((key) => key.id));
const keyLists = (sandbox: Sandbox) => sandbox.requests.filter((request) => request.path.endsWith('/api_keys'));
const maxInFlight = (sandbox: Sandbox) => Math.max(...sandbox.requests.map((request) => request.inFlight));

describe('Project API Key → Audit All Projects', () => {
	// No seeded projects: each test builds exactly the organization it needs.
	const sandbox = useSandbox({ projects: 0, defaultProject: false, users: 8 });
	const state = () => sandbox().state;

	it('gives each key its project, its dates, its owner and its flags', async () => {
		const now = Math.floor(Date.now() / 1000);
		const [team] = state().addProjects(1, { users: 2, serviceAccounts: 1 });
		// Someone in no other project, who will leave the organization.
		const [leavers] = state().addProjects(1);
		const [newcomer] = state().addOrganizationUsers(1);
		leavers.users.push({ object: 'organization.project.user', id: newcomer.id, name: newcomer.name, email: newcomer.email, role: 'owner', added_at: now });
		const key = (project: Project, overrides: Parameters<SandboxState['addApiKeys']>[2]) => state().addApiKeys(project.id, 1, overrides)[0];
		const fine = key(team, { last_used_at: now - 3600, created_at: now - 30 * DAY });
		const neverUsed = key(team, { owner: 'service_account', last_used_at: null, created_at: now - 10 * DAY });
		const unused = key(team, { last_used_at: now - 91 * DAY, created_at: now - 400 * DAY });
		const almost = key(team, { last_used_at: now - 89 * DAY, created_at: now - 100 * DAY });
		const leftProject = key(team, { ownerProjectAccess: 'inactive', last_used_at: now - DAY, created_at: now - 20 * DAY });
		const leftOrganization = key(leavers, { last_used_at: now - 2 * DAY, created_at: now - 20 * DAY });
		const leaver = leftOrganization.owner.type === 'user' ? leftOrganization.owner.user : undefined;
		removeFromOrganization(state(), leaver!.id);
		const member = team.users[0];
		const orgRole = state().findOrganizationUser(member.id)!.role;
		const outsider = leftProject.owner.type === 'user' ? leftProject.owner.user : undefined;
		const account = team.serviceAccounts[0];

		const run = await runAgainst(sandbox(), audit({ olderThanDays: 365 }));

		expect(run.error).toBeUndefined();
		const project = (p: Project) => ({ id: p.id, name: p.name, status: 'active' });
		const keyOf = (k: ApiKey) => ({ id: k.id, name: k.name, redactedValue: k.redacted_value, createdAt: iso(k.created_at), lastUsedAt: iso(k.last_used_at) });
		const user = (id: string, email: string, name: string, projectRole: string, organizationRole: string | null, inProject: boolean, inOrganization: boolean) => ({
			type: 'user',
			id,
			email,
			name,
			projectRole,
			organizationRole,
			inProject,
			inOrganization,
		});
		const memberOwner = user(member.id, member.email, member.name, member.role, orgRole, true, true);
		expect(run.json).toEqual([
			{ project: project(team), key: keyOf(fine), owner: memberOwner, flags: [] },
			{
				project: project(team),
				key: keyOf(neverUsed),
				owner: { type: 'service_account', id: account.id, name: account.name, projectRole: account.role, exists: true },
				flags: ['neverUsed'],
			},
			{ project: project(team), key: keyOf(unused), owner: memberOwner, flags: ['unusedTooLong', 'tooOld'] },
			{ project: project(team), key: keyOf(almost), owner: memberOwner, flags: [] },
			{
				project: project(team),
				key: keyOf(leftProject),
				owner: user(outsider!.id, outsider!.email, outsider!.name, 'member', state().findOrganizationUser(outsider!.id)!.role, false, true),
				flags: ['ownerLeftProject'],
			},
			{
				project: project(leavers),
				key: keyOf(leftOrganization),
				owner: user(leaver!.id, leaver!.email, leaver!.name, leaver!.role, null, false, false),
				flags: ['ownerLeftProject', 'ownerLeftOrganization'],
			},
		]);
		// One input item: every output is paired with it.
		expect(run.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('makes the fewest requests: the project list, each key list and the users once, in pages of 100', async () => {
		state().addOrganizationUsers(142); // 150 users: two pages
		const projects = state().addProjects(103); // two pages of projects
		state().addApiKeys(projects[0].id, 100);
		state().addApiKeys(projects[1].id, 101);
		state().addApiKeys(projects[102].id, 250);

		const run = await runAgainst(sandbox(), audit({ concurrency: 4 }));

		expect(run.error).toBeUndefined();
		expect(keyIds(run.json)).toEqual(idsOf(projects));
		const minimum = 2 + (1 + 2 + 3 + 100) + 2;
		expect(sandbox().requests).toHaveLength(minimum);
		expect(sandbox().requests.every((request) => request.query.limit === '100' && request.status === 200)).toBe(true);
		// Nothing asked for twice.
		const asked = sandbox().requests.map((request) => request.rawUrl);
		expect(new Set(asked).size).toBe(asked.length);
		expect(keyLists(sandbox()).every((request) => request.query.owner_project_access === 'any')).toBe(true);
		expect(sandbox().requests.filter((request) => request.path === '/organization/users')).toHaveLength(2);
	});

	it('does not list the organization users when every key belongs to a service account', async () => {
		const [project] = state().addProjects(1, { serviceAccounts: 2 });
		state().addApiKeys(project.id, 3, { owner: 'service_account' });

		const run = await runAgainst(sandbox(), audit());

		expect(run.json).toHaveLength(3);
		expect(sandbox().requests.map((request) => request.path)).toEqual(['/organization/projects', `/organization/projects/${project.id}/api_keys`]);
	});

	it('leaves archived projects out unless asked, then audits them with their status', async () => {
		const [active] = state().addProjects(1, { users: 1, apiKeys: 2 });
		const [archived] = state().addProjects(1, { users: 1, apiKeys: 3, archived: true });

		const without = await runAgainst(sandbox(), audit());
		expect(keyIds(without.json)).toEqual(idsOf([active]));
		expect(keyLists(sandbox()).map((request) => request.path)).toEqual([`/organization/projects/${active.id}/api_keys`]);

		sandbox().resetLog();
		const withArchived = await runAgainst(sandbox(), audit({ filters: { includeArchived: true } }));
		expect(keyIds(withArchived.json)).toEqual(idsOf([active, archived]));
		expect(withArchived.json.map((item) => (item.project as { status: string }).status)).toEqual(['active', 'active', 'archived', 'archived', 'archived']);
		expect(sandbox().requests[0].query).toEqual({ limit: '100', include_archived: 'true' });
	});

	it('outputs only flagged keys, and only the projects named, when asked', async () => {
		const now = Math.floor(Date.now() / 1000);
		const projects = state().addProjects(3, { users: 1 });
		for (const project of projects) {
			state().addApiKeys(project.id, 1, { last_used_at: now - 60 });
			state().addApiKeys(project.id, 1, { last_used_at: null });
		}

		const flagged = await runAgainst(sandbox(), audit({ filters: { onlyFlagged: true } }));
		expect(keyIds(flagged.json)).toEqual(projects.map((project) => project.apiKeys[1].id));

		sandbox().resetLog();
		const chosen = [projects[2], projects[0]];
		const named = await runAgainst(sandbox(), audit({ filters: { projectIds: chosen.map((p) => p.id).join(', ') } }));
		// In list order, whatever order they were named in; only their keys were asked for.
		expect(keyIds(named.json)).toEqual(idsOf([projects[0], projects[2]]));
		expect(keyLists(sandbox()).map((request) => request.path)).toEqual([projects[0], projects[2]].map((p) => `/organization/projects/${p.id}/api_keys`));

		// The picker's form: a list of IDs.
		const picked = await runAgainst(sandbox(), audit({ filters: { projectIds: chosen.map((p) => p.id) } }));
		expect(keyIds(picked.json)).toEqual(idsOf([projects[0], projects[2]]));
	});

	it('names a project ID the organization does not have, and with Continue On Fail keeps the other items', async () => {
		const [project] = state().addProjects(1, { users: 1, apiKeys: 2 });
		const run = await runAgainst(
			sandbox(),
			audit({ filters: { projectIds: '={{ $json.ids }}' } }),
			{ input: [{ ids: project.id }, { ids: `${project.id},proj_gone` }, { ids: '' }], continueOnFail: true },
		);

		expect(run.json.map((item) => item.error ?? (item.key as { id: string }).id)).toEqual([
			...idsOf([project]),
			expect.stringMatching(/^Project Names or IDs: proj_gone is not a project of the organization .+ \[item 1\]$/),
			...idsOf([project]),
		]);
		expect(run.items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 0, 1, 2, 2]);
	});

	it('keeps project order, then key order, whatever order the walks finish in', async () => {
		const projects = state().addProjects(12, { users: 1 });
		projects.forEach((project, index) => state().addApiKeys(project.id, 1 + (index % 3) * 60));
		// Each request takes a different time, so the walks finish out of order.
		sandbox().addFault({ kind: 'latency', latencyMs: [0, 40] });

		const run = await runAgainst(sandbox(), audit({ concurrency: 5 }));

		expect(run.error).toBeUndefined();
		expect(keyIds(run.json)).toEqual(idsOf(projects));
	});

	it('retries a 429 and a dropped connection in the middle of the walk: nothing lost, nothing twice', async () => {
		const projects = state().addProjects(8, { users: 1 });
		projects.forEach((project) => state().addApiKeys(project.id, 150));
		const [throttled, dropped] = [projects[2], projects[5]];
		// The second page of one project's keys is rate limited once; another's first page is cut off.
		sandbox().addFault({ kind: 'status', status: 429, retryAfter: { ms: 10 }, path: `/organization/projects/${throttled.id}/api_keys`, skip: 1, times: 1 });
		sandbox().addFault({ kind: 'drop', path: `/organization/projects/${dropped.id}/api_keys`, times: 1 });

		const run = await runAgainst(sandbox(), audit({ concurrency: 3 }));

		expect(run.error).toBeUndefined();
		expect(keyIds(run.json)).toEqual(idsOf(projects));
		expect(sandbox().requests.filter((request) => request.fault).map((request) => [request.path, request.fault, request.query.after !== undefined])).toEqual(
			expect.arrayContaining([
				[`/organization/projects/${throttled.id}/api_keys`, 'status', true],
				[`/organization/projects/${dropped.id}/api_keys`, 'drop', false],
			]),
		);
		// The minimum (1 + 8 × 2 + 1) and the two retries.
		expect(sandbox().requests).toHaveLength(1 + 16 + 1 + 2);
	});

	it('stops with the error of a key list that keeps failing, naming the item', async () => {
		const projects = state().addProjects(4, { users: 1, apiKeys: 1 });
		sandbox().addFault({ kind: 'status', status: 500, path: `/organization/projects/${projects[1].id}/api_keys` });

		const run = await runAgainst(sandbox(), audit({ concurrency: 2, options: { maxRetries: 1, maxRetryWaitSeconds: 5 } }));

		expect(run.error?.message).toMatch(/\(after 2 attempts\)/);
		expect(run.error?.context?.itemIndex).toBe(0);
		expect(JSON.stringify(run.error)).not.toContain(sandbox().adminKey);
	});

	it.each(['empty', 'no_cursor', 'repeat'] as const)(
		'flags nothing when the organization users list is cut short (%s page): the audit fails instead',
		async (kind) => {
			// 150 members, so their list takes two pages; each owns a key in one project.
			state().addOrganizationUsers(142);
			const [project] = state().addProjects(1);
			for (const user of state().organizationUsers) {
				project.users.push({ object: 'organization.project.user', id: user.id, name: user.name, email: user.email, role: 'member', added_at: 0 });
			}
			state().addApiKeys(project.id, 150);
			sandbox().addFault({ kind: 'bad_page', page: kind, path: '/organization/users', skip: 1, times: 1 });

			const run = await runAgainst(sandbox(), audit());

			expect(run.json).toEqual([]);
			expect(run.error?.message).toContain('(page 2 of GET /organization/users)');
			expect(run.error?.description).toMatch(/would be incomplete/);
			sandbox().clearFaults();
			// Read whole, the same organization has no key whose owner left.
			const whole = await runAgainst(sandbox(), audit());
			expect(whole.json).toHaveLength(150);
			expect(whole.json.filter((item) => (item.flags as string[]).includes('ownerLeftOrganization'))).toEqual([]);
		},
	);

	it.each([1, 3])('has no more than Concurrency %i requests in flight', async (concurrency) => {
		const projects = state().addProjects(10, { users: 1 });
		projects.forEach((project) => state().addApiKeys(project.id, 120));
		// Long enough that the walks overlap however busy the machine is.
		sandbox().addFault({ kind: 'latency', latencyMs: 60 });

		const run = await runAgainst(sandbox(), audit({ concurrency }));

		expect(run.error).toBeUndefined();
		expect(run.json).toHaveLength(1200);
		expect(maxInFlight(sandbox())).toBe(concurrency);
	});
});

describe('Project API Key → Audit All Projects with spend', () => {
	const DAY = 86400;
	// Seeded costs lead up to the end of today, so that the last days have some; the clock stands still.
	const frozen = Math.floor(Date.now() / 1000);
	const tomorrow = Math.floor(frozen / DAY) * DAY + DAY;
	const sandbox = useSandbox({ projects: 3, users: 6, keysPerProject: 4, usageDays: 30, epoch: tomorrow, now: () => frozen });

	/** What each key cost over the last `days` days, summed straight from the seeded records. */
	function expectedSpend(days: number): Map<string, number> {
		const start = Math.floor(Date.now() / 86_400_000) * DAY - (days - 1) * DAY;
		const micros = new Map<string, number>();
		for (const record of sandbox().state.usage) {
			if (record.at < start || record.at >= frozen || !record.api_key_id) continue;
			micros.set(record.api_key_id, (micros.get(record.api_key_id) ?? 0) + record.cost_micros);
		}
		return new Map([...micros].map(([id, sum]) => [id, sum / 1e6]));
	}

	it.each([1, 7, 30])('joins each key its spend over %i days, in one costs request: sums match the records', async (days) => {
		const run = await runAgainst(sandbox(), audit({ spendDays: days }));

		expect(run.error).toBeUndefined();
		const expected = expectedSpend(days);
		const keys = sandbox().state.projects.flatMap((project) => project.apiKeys);
		expect(run.json).toHaveLength(keys.length);
		for (const item of run.json) {
			const key = item.key as { id: string };
			expect([key.id, item.spend]).toEqual([key.id, { amount: expected.get(key.id) ?? 0, currency: 'usd', days }]);
		}
		// Some keys spent money, and some (the fourth of each project) none: both are shown.
		expect(run.json.some((item) => (item.spend as { amount: number }).amount > 0)).toBe(true);
		expect(run.json.some((item) => (item.spend as { amount: number }).amount === 0)).toBe(true);
		const costs = sandbox().requests.filter((request) => request.path === '/organization/costs');
		expect(costs).toHaveLength(1);
		const query = new URL(costs[0].rawUrl, 'http://x').searchParams;
		expect(query.getAll('group_by')).toEqual(['api_key_id', 'project_id']);
		expect(query.get('bucket_width')).toBe('1d');
		expect(query.get('limit')).toBe('180');
	});

	it('asks for no costs without Include Spend, and shows none', async () => {
		const run = await runAgainst(sandbox(), audit());
		expect(run.json.every((item) => !('spend' in item))).toBe(true);
		expect(sandbox().requests.filter((request) => request.path === '/organization/costs')).toHaveLength(0);
	});

	it('flags a key that costs money while its owner left, and sorts by spend when asked', async () => {
		const costly = [...expectedSpend(30)].sort((a, b) => b[1] - a[1])[0][0];
		const key = sandbox().state.projects.flatMap((project) => project.apiKeys).find((candidate) => candidate.id === costly)!;
		const project = sandbox().state.projects.find((candidate) => candidate.apiKeys.includes(key))!;
		// Its owner leaves the project: the key stays, and so does what it cost.
		if (key.owner.type === 'user') {
			const ownerId = key.owner.user.id;
			project.users.splice(project.users.findIndex((user) => user.id === ownerId), 1);
		} else {
			const accountId = key.owner.service_account.id;
			project.serviceAccounts.splice(project.serviceAccounts.findIndex((account) => account.id === accountId), 1);
		}

		const run = await runAgainst(sandbox(), audit({ spendDays: 30, sortBy: 'spend' }));

		expect(run.error).toBeUndefined();
		const amounts = run.json.map((item) => (item.spend as { amount: number }).amount);
		expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
		expect((run.json[0].key as { id: string }).id).toBe(costly);
		expect(run.json[0].flags).toEqual(expect.arrayContaining(['ownerLeftProject', 'spendWithoutOwner']));
		// Exactly the keys that cost money and whose owner left the project or the organization.
		const flagged = (item: (typeof run.json)[number]) => (item.flags as string[]).includes('spendWithoutOwner');
		const ownerLeft = (item: (typeof run.json)[number]) => ['ownerLeftProject', 'ownerLeftOrganization'].some((flag) => (item.flags as string[]).includes(flag));
		expect(run.json.map(flagged)).toEqual(run.json.map((item) => (item.spend as { amount: number }).amount > 0 && ownerLeft(item)));
	});

	it('audits only the chosen projects\' costs', async () => {
		const [, chosen] = sandbox().state.projects;
		await runAgainst(sandbox(), audit({ spendDays: 7, filters: { projectIds: [chosen.id] } }));
		const costs = sandbox().requests.find((request) => request.path === '/organization/costs')!;
		expect(new URL(costs.rawUrl, 'http://x').searchParams.getAll('project_ids')).toEqual([chosen.id]);
	});
});
