/**
 * Creates that look first ("If … Exists"), through real n8n execution against the sandbox: Project →
 * Create and Project Service Account → Create (a twin by name), Invite → Create (a member, or a
 * pending invite). Create Another and Fail for invites send the create as before; Return the
 * Existing One sends no create when it finds one.
 */
import type { INodeParameters } from 'n8n-workflow';

import { byId } from '../../../helpers/runNode';
import { runAgainst, useSandbox } from '../../../helpers/sandbox';

const posts = (requests: Array<{ method: string }>) => requests.filter((request) => request.method === 'POST');

describe('Project → Create: If a Project With This Name Exists', () => {
	const sandbox = useSandbox({ projects: 0 });
	const create = (ifExists?: string): INodeParameters => ({ resource: 'project', operation: 'create', name: 'Payments', ...(ifExists ? { ifExists } : {}) });
	const named = (name: string) => sandbox().state.projects.filter((project) => project.name === name);

	it('Create Another (the default) creates a second one with one request, as before', async () => {
		await runAgainst(sandbox(), create());
		sandbox().resetLog();

		const run = await runAgainst(sandbox(), create());

		expect(run.error).toBeUndefined();
		expect(sandbox().requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /organization/projects']);
		expect(named('Payments')).toHaveLength(2);
	});

	it('Return the Existing One outputs the project there is and creates nothing; with none there, it creates one', async () => {
		const first = await runAgainst(sandbox(), create('returnExisting'));
		expect(posts(sandbox().requests)).toHaveLength(1);
		sandbox().state.addProjects(150);
		sandbox().resetLog();

		const again = await runAgainst(sandbox(), create('returnExisting'));

		expect(again.json).toEqual([expect.objectContaining({ object: 'organization.project', id: first.json[0].id, name: 'Payments' })]);
		expect(named('Payments')).toHaveLength(1);
		// The projects, read whole (two pages of 100); no create.
		expect(sandbox().requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /organization/projects', 'GET /organization/projects']);
	});

	it('Fail fails the item naming the project there is, and creates nothing', async () => {
		const first = await runAgainst(sandbox(), create());
		sandbox().resetLog();

		const run = await runAgainst(sandbox(), create('fail'));

		expect(run.error?.message).toBe(`A project named "Payments" (${String(first.json[0].id)}) exists already; nothing was created`);
		expect(posts(sandbox().requests)).toHaveLength(0);
	});

	it('an archived project of that name does not count', async () => {
		const [old] = sandbox().state.addProjects(1);
		old.name = 'Payments';
		sandbox().state.archiveProject(old.id);

		const run = await runAgainst(sandbox(), create('fail'));

		expect(run.error).toBeUndefined();
		expect(posts(sandbox().requests)).toHaveLength(1);
	});

	it('a bad choice names the field and the item before any request', async () => {
		const run = await runAgainst(sandbox(), create('={{ "sometimes" }}'));
		expect(run.error?.message).toBe('If a Project With This Name Exists: sometimes is not one of "createAnother", "fail", "returnExisting" [item 0]');
		expect(sandbox().requests).toHaveLength(0);
	});
});

describe('Project Service Account → Create: If a Service Account With This Name Exists', () => {
	const sandbox = useSandbox({ projects: 2, serviceAccountsPerProject: 0 });
	const projects = () => sandbox().state.projects.filter((project) => !project.is_default);
	const create = (projectId: string, ifExists: string): INodeParameters => ({
		resource: 'projectServiceAccount',
		operation: 'create',
		projectId: byId(projectId),
		name: 'Billing app',
		ifExists,
	});

	it('Return the Existing One looks within the project only, and makes no create when it finds one', async () => {
		const [alpha, beta] = projects();
		const made = await runAgainst(sandbox(), create(alpha.id, 'returnExisting'));
		expect(made.json[0]).toEqual(expect.objectContaining({ name: 'Billing app', api_key: expect.objectContaining({ value: expect.any(String) }) }));

		// Another project's account of the same name is another account.
		const elsewhere = await runAgainst(sandbox(), create(beta.id, 'returnExisting'));
		expect(elsewhere.json[0].id).not.toBe(made.json[0].id);
		sandbox().resetLog();

		const again = await runAgainst(sandbox(), create(alpha.id, 'returnExisting'));

		// As listed: the key was shown once, when it was made.
		expect(again.json).toEqual([expect.objectContaining({ id: made.json[0].id, name: 'Billing app' })]);
		expect(again.json[0].api_key).toBeUndefined();
		expect(sandbox().requests.map((request) => `${request.method} ${request.path}`)).toEqual([`GET /organization/projects/${alpha.id}/service_accounts`]);
		expect(alpha.serviceAccounts).toHaveLength(1);
	});

	it('Fail names the account there is; Create Another makes a second', async () => {
		const [alpha] = projects();
		const made = await runAgainst(sandbox(), create(alpha.id, 'createAnother'));

		const failed = await runAgainst(sandbox(), create(alpha.id, 'fail'));
		expect(failed.error?.message).toBe(`A service account named "Billing app" (${String(made.json[0].id)}) exists already; nothing was created`);
		const twin = await runAgainst(sandbox(), create(alpha.id, 'createAnother'));
		expect(twin.error).toBeUndefined();
		expect(alpha.serviceAccounts.map((account) => account.name)).toEqual(['Billing app', 'Billing app']);
	});
});

describe('Invite → Create: If Already Invited or a Member', () => {
	const sandbox = useSandbox({ projects: 1, users: 4 });
	const invite = (email: string, ifExists?: string): INodeParameters => ({
		resource: 'invite',
		operation: 'create',
		email,
		role: 'reader',
		projectAccess: 'none',
		...(ifExists ? { ifExists } : {}),
	});

	it('Fail (the default) sends the invite as before, and the API refuses a second one', async () => {
		await runAgainst(sandbox(), invite('new@example.org'));
		sandbox().resetLog();

		const run = await runAgainst(sandbox(), invite('new@example.org'));

		expect(run.error?.message).toBe('There is already a pending invite for new@example.org.');
		expect(sandbox().requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /organization/invites']);
	});

	it('Return the Existing One outputs the pending invite, and sends none', async () => {
		const first = await runAgainst(sandbox(), invite('new@example.org', 'returnExisting'));
		sandbox().resetLog();

		const again = await runAgainst(sandbox(), invite('NEW@example.org', 'returnExisting'));

		expect(again.json).toEqual([expect.objectContaining({ object: 'organization.invite', id: first.json[0].id, status: 'pending' })]);
		expect(posts(sandbox().requests)).toHaveLength(0);
	});

	it('Return the Existing One outputs the member for a member\'s email, in one request', async () => {
		const [member] = sandbox().state.organizationUsers;

		const run = await runAgainst(sandbox(), invite(member.email, 'returnExisting'));

		expect(run.json).toEqual([expect.objectContaining({ object: 'organization.user', id: member.id, email: member.email })]);
		expect(sandbox().requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /organization/users']);
		expect(sandbox().requests[0].query).toEqual({ emails: member.email, limit: '1' });
	});
});
