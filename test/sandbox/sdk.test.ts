/**
 * The official `openai` SDK (v6), which no one here wrote, pointed at the sandbox: its admin
 * resources list, auto-paginate, create, update and delete, and its error classes and retries react
 * to the sandbox's answers as they would to the live API's.
 */
import OpenAI from 'openai';
import { startSandbox, type Sandbox } from '../../sandbox';

let sb: Sandbox;
let openai: OpenAI;

beforeEach(async () => {
	sb = await startSandbox({ seed: 17, projects: 250, users: 30, now: () => 1800000000 });
	openai = new OpenAI({ apiKey: 'x', adminAPIKey: sb.adminKey, baseURL: sb.baseUrl, maxRetries: 0 });
});
afterEach(() => sb.close());

const admin = () => openai.admin.organization;

describe('official SDK against the sandbox', () => {
	it('auto-paginates all 251 projects with for await, sending the admin key', async () => {
		const ids: string[] = [];
		for await (const project of admin().projects.list({ limit: 7 })) ids.push(project.id);
		expect(ids).toEqual(sb.state.projects.map((p) => p.id));
		expect(sb.requests).toHaveLength(Math.ceil(251 / 7));
		expect(sb.requests.every((r) => r.headers.authorization === `Bearer ${sb.adminKey}`)).toBe(true);
		expect(sb.requests[1].query).toEqual({ limit: '7', after: ids[6] });
	});

	it('pages by hand: first page, hasNextPage, getNextPage', async () => {
		const page = await admin().projects.list();
		expect(page.data).toHaveLength(20);
		expect(page.hasNextPage()).toBe(true);
		const next = await page.getNextPage();
		expect(next.data[0].id).toBe(sb.state.projects[20].id);
	});

	it('creates, retrieves, updates and archives a project; include_archived shows it', async () => {
		const created = await admin().projects.create({ name: 'From the SDK' });
		expect(created).toMatchObject({ object: 'organization.project', name: 'From the SDK', status: 'active', created_at: 1800000000 });
		expect((await admin().projects.retrieve(created.id)).name).toBe('From the SDK');
		expect((await admin().projects.update(created.id, { name: 'Renamed' })).name).toBe('Renamed');
		const archived = await admin().projects.archive(created.id);
		expect(archived.status).toBe('archived');
		const visible: string[] = [];
		for await (const p of admin().projects.list({ limit: 100 })) visible.push(p.id);
		expect(visible).not.toContain(created.id);
		const all: string[] = [];
		for await (const p of admin().projects.list({ limit: 100, include_archived: true })) all.push(p.id);
		expect(all.at(-1)).toBe(created.id);
	});

	it('manages project users', async () => {
		const project = sb.state.projects[3];
		const outsider = sb.state.organizationUsers.find((u) => !project.users.some((m) => m.id === u.id))!;
		const added = await admin().projects.users.create(project.id, { user_id: outsider.id, role: 'member' });
		expect(added).toMatchObject({ object: 'organization.project.user', id: outsider.id, role: 'member' });
		const fetched = await admin().projects.users.retrieve(outsider.id, { project_id: project.id });
		expect(fetched.email).toBe(outsider.email);
		const updated = await admin().projects.users.update(outsider.id, { project_id: project.id, role: 'owner' });
		expect(updated.role).toBe('owner');
		const members: string[] = [];
		for await (const u of admin().projects.users.list(project.id, { limit: 1 })) members.push(u.id);
		expect(members).toEqual(project.users.map((u) => u.id));
		const removed = await admin().projects.users.delete(outsider.id, { project_id: project.id });
		expect(removed).toEqual({ object: 'organization.project.user.deleted', id: outsider.id, deleted: true });
	});

	it('creates a service account whose key is shown once, then only redacted', async () => {
		const project = sb.state.projects[5];
		const account = await admin().projects.serviceAccounts.create(project.id, { name: 'sdk-bot' });
		expect(account.role).toBe('member');
		expect(account.api_key?.value).toMatch(/^sk-svcacct-/);
		const keys = [];
		for await (const k of admin().projects.apiKeys.list(project.id, { owner_project_access: 'any' })) keys.push(k);
		const listed = keys.find((k) => k.id === account.api_key!.id)!;
		expect(listed.owner.type).toBe('service_account');
		expect(JSON.stringify(listed)).not.toContain(account.api_key!.value);
		const err = await admin()
			.projects.apiKeys.delete(listed.id, { project_id: project.id })
			.catch((e) => e);
		expect(err).toBeInstanceOf(OpenAI.BadRequestError);
		expect(err.status).toBe(400);
		const only = await admin().projects.serviceAccounts.create(project.id, { name: 'bare', create_service_account_only: true });
		expect(only).toMatchObject({ role: 'none', api_key: null });
		const extra = await admin().projects.serviceAccounts.apiKeys.create(account.id, { project_id: project.id, name: 'second' });
		expect(extra.value).toMatch(/^sk-svcacct-/);
		const gone = await admin().projects.serviceAccounts.delete(account.id, { project_id: project.id });
		expect(gone.deleted).toBe(true);
	});

	it('lists and updates rate limits; lists organization users with an emails filter', async () => {
		const project = sb.state.projects[2];
		const limits = [];
		for await (const r of admin().projects.rateLimits.listRateLimits(project.id)) limits.push(r);
		expect(limits.map((r) => r.id)).toEqual(project.rateLimits.map((r) => r.id));
		const updated = await admin().projects.rateLimits.updateRateLimit(limits[0].id, { project_id: project.id, max_requests_per_1_minute: 42 });
		expect(updated.max_requests_per_1_minute).toBe(42);
		const target = sb.state.organizationUsers[4];
		const page = await admin().users.list({ emails: [target.email] });
		expect(page.data.map((u) => u.id)).toEqual([target.id]);
		const all = [];
		for await (const u of admin().users.list({ limit: 8 })) all.push(u.id);
		expect(all).toEqual(sb.state.organizationUsers.map((u) => u.id));
	});

	it('maps sandbox errors onto the SDK error classes', async () => {
		await expect(admin().projects.retrieve('proj_nope')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
		await expect(admin().projects.list({ limit: 101 })).rejects.toMatchObject({ status: 400, param: 'limit' });
		await expect(admin().projects.create({ name: 'x', bogus: 1 } as never)).rejects.toMatchObject({ status: 400, param: 'bogus' });
		const wrong = new OpenAI({ adminAPIKey: 'sk-admin-nope-nope-nope-nope', baseURL: sb.baseUrl, maxRetries: 0 });
		await expect(wrong.admin.organization.projects.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
		const project = new OpenAI({ adminAPIKey: 'sk-proj-abcdefabcdefabcdef', baseURL: sb.baseUrl, maxRetries: 0 });
		const denied = await project.admin.organization.projects.list().catch((e) => e);
		expect(denied).toBeInstanceOf(OpenAI.PermissionDeniedError);
		expect(denied.message).toContain('Missing scopes: api.management.read');
	});

	it('retries a 429 after retry-after-ms and a 503, as it would against the live API', async () => {
		const retrying = new OpenAI({ adminAPIKey: sb.adminKey, baseURL: sb.baseUrl, maxRetries: 2 });
		sb.addFault({ kind: 'status', status: 429, retryAfter: { ms: 20 }, times: 1 });
		sb.addFault({ kind: 'status', status: 503, retryAfter: { ms: 20 }, times: 1 });
		const project = await retrying.admin.organization.projects.retrieve(sb.state.projects[1].id);
		expect(project.id).toBe(sb.state.projects[1].id);
		expect(sb.requests.map((r) => [r.status, r.headers['x-stainless-retry-count']])).toEqual([
			[429, '0'],
			[503, '1'],
			[200, '2'],
		]);
	});

	it('an ambiguous create (server acted, connection dropped) shows up as a connection error', async () => {
		sb.addFault({ kind: 'drop', method: 'POST', afterHandler: true, times: 1 });
		const before = sb.state.projects.length;
		await expect(admin().projects.create({ name: 'maybe' })).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
		expect(sb.state.projects.length).toBe(before + 1);
	});
});
