/**
 * The three example workflows of examples/, unchanged, in a real n8n on both lines (1.x on Node 20,
 * 2.x on Node 24), against the sandbox:
 *  - the package is built (`npm run build`) and installed into n8n's nodes folder from `npm pack`,
 *    as a user's install does; a credential pointing at the sandbox is imported under the id and name
 *    the examples refer to; the three files are imported as they are;
 *  - API key audit: run with `n8n execute` (its Manual Trigger); it must flag exactly the seeded
 *    stale keys (never used, unused for more than 90 days, owner no longer in the project) with the
 *    right project, key name, redacted value, owner and last use, across two pages of projects and
 *    two pages of keys, and nothing from an archived project;
 *  - onboarding and project-from-form: activated, `n8n start`, the forms are submitted over HTTP the
 *    way a browser does; the sandbox's state must then hold the project user with the role, and the
 *    project, its owner, its service account (whose one-time key reaches the workflow's output) and
 *    the rate limit.
 * Select lines with N8N_E2E_LINES=1 or =2 (default both). N8N_E2E_SKIP_BUILD=1 packs the existing
 * dist/ without building.
 */
import { redact, startSandbox, type ApiKey, type Project, type Sandbox } from '../../sandbox';
import { loadCommunityPackage } from './community-package';
import { executeWorkflow, nodeOutput } from './n8n-execute';
import { waitForExecutions } from './n8n-executions';
import { createN8nHome, importWorkflows, removeN8nHome, type N8nHome } from './n8n-home';
import { E2E_LINES, type N8nInstall } from './n8n-install';
import { openForm, submitForm } from './n8n-requests';
import { REPO_ROOT } from './processes';
import { expectImportableExample, importExampleCredential, readExample, type ExampleWorkflow } from './examples';
import { useN8nLines, useStartedN8n } from './setup';

const LINES = E2E_LINES;
const EXPECTED_VERSION = { 1: /^1\./, 2: /^2\./ } as const;

const EXAMPLE_FILES = ['onboarding.json', 'api-key-audit.json', 'project-from-form.json'] as const;
const DAY = 86400;

describe('the example files', () => {
	test.each(EXAMPLE_FILES)('%s is an importable workflow with only a credential reference', (file) => {
		expectImportableExample(file);
	});
});

const { installOf } = useN8nLines();

/** What the audit's "Flagged keys" node must output for a key. */
function auditItem(project: Project, key: ApiKey, flags: string[]) {
	return {
		project: { id: project.id, name: project.name, status: 'active' },
		key: {
			id: key.id,
			name: key.name,
			redactedValue: key.redacted_value,
			createdAt: new Date(key.created_at * 1000).toISOString(),
			lastUsedAt: key.last_used_at === null ? null : new Date(key.last_used_at * 1000).toISOString(),
		},
		owner:
			key.owner.type === 'user'
				? expect.objectContaining({ type: 'user', id: key.owner.user.id, email: key.owner.user.email })
				: expect.objectContaining({ type: 'service_account', id: key.owner.service_account.id, name: key.owner.service_account.name }),
		flags,
	};
}
type AuditItem = ReturnType<typeof auditItem>;

const byKeyId = (a: Record<string, unknown>, b: Record<string, unknown>) =>
	String((a.key as { id: string }).id).localeCompare(String((b.key as { id: string }).id));

describe.each(LINES)('n8n line %i', (line) => {
	let install: N8nInstall;
	let sandbox: Sandbox;
	let home: N8nHome;
	let ids: { onboarding: string; audit: string; projectFromForm: string };
	/** Audit fixtures, built in beforeAll. */
	let flagged: AuditItem[];
	let activeKeyCount: number;
	let archived: Project;
	let onboardingProject: Project;

	beforeAll(async () => {
		install = await installOf(line);
		expect(install.version).toMatch(EXPECTED_VERSION[line]);

		// --- the organization: Default project + 2 seeded projects (2 members, 1 service account,
		// 6 rate limits, no keys), then the projects the tests need.
		sandbox = await startSandbox({ quiet: true, seed: 400 + line, projects: 2, users: 14, keysPerProject: 0 });
		const { state } = sandbox;
		const now = Math.floor(Date.now() / 1000);
		const [, p1, p2] = state.projects;
		flagged = [];
		const key = (project: Project, overrides: Parameters<typeof state.addApiKeys>[2], flags?: string[]): ApiKey => {
			const [k] = state.addApiKeys(project.id, 1, overrides);
			if (flags) flagged.push(auditItem(project, k, flags));
			return k;
		};
		// p1: one key per case.
		key(p1, { name: 'Production', last_used_at: now - 3600 });
		key(p1, { name: 'Old notebook', last_used_at: now - 200 * DAY }, ['unusedTooLong']);
		key(p1, { name: 'Just under 90 days', last_used_at: now - 89 * DAY });
		key(p1, { name: 'Just over 90 days', last_used_at: now - 91 * DAY }, ['unusedTooLong']);
		key(p1, { name: 'Never used', owner: 'service_account', last_used_at: null }, ['neverUsed']);
		key(p1, { name: 'Service account, busy', owner: 'service_account', last_used_at: now - 60 });
		key(p1, { name: 'Left the project', ownerProjectAccess: 'inactive', last_used_at: now - DAY }, ['ownerLeftProject']);
		key(
			p1,
			{ name: 'Left, never used', ownerProjectAccess: 'inactive', last_used_at: null },
			['neverUsed', 'ownerLeftProject'],
		);
		key(
			p1,
			{ name: 'Left long ago', ownerProjectAccess: 'inactive', last_used_at: now - 365 * DAY },
			['unusedTooLong', 'ownerLeftProject'],
		);
		// Someone who left the organization, whose key stays behind: built in the state directly.
		const [leaver] = state.addOrganizationUsers(1);
		const [orphan] = state.addApiKeys(p1.id, 1, { name: 'Owner left the organization', last_used_at: now - 2 * DAY });
		orphan.owner = { type: 'user', user: { id: leaver.id, email: leaver.email, name: leaver.name, created_at: leaver.added_at, role: 'member' } };
		state.organizationUsers.splice(state.organizationUsers.indexOf(leaver), 1);
		flagged.push(auditItem(p1, orphan, ['ownerLeftProject', 'ownerLeftOrganization']));
		// p2: 150 keys in use (two pages at the node's page size of 100), then one stale one.
		state.addApiKeys(p2.id, 150, { last_used_at: now - 7200 });
		key(p2, { name: 'Forgotten CI key', owner: 'service_account', last_used_at: now - 400 * DAY }, ['unusedTooLong']);
		// An archived project: its keys must not be audited (Get Many leaves archived projects out).
		[archived] = state.addProjects(1, { users: 1, serviceAccounts: 1, archived: true });
		key(archived, { name: 'Archived, stale', last_used_at: now - 300 * DAY });
		key(archived, { name: 'Archived, never used', owner: 'service_account', last_used_at: null });
		// The project the onboarding form adds people to.
		[onboardingProject] = state.addProjects(1, { users: 1 });
		// Enough projects for a second page of projects; the last one holds a stale key.
		const many = state.addProjects(105);
		key(many[many.length - 1], { name: 'On page two', last_used_at: now - 120 * DAY }, ['unusedTooLong']);
		activeKeyCount = state.projects.filter((p) => p.archived_at === null).reduce((n, p) => n + p.apiKeys.length, 0);
		expect(activeKeyCount).toBe(10 + 151 + 1);

		// --- n8n: the package from `npm pack`, the credential, the three examples as they are.
		home = createN8nHome(install);
		const pkg = await loadCommunityPackage(home, REPO_ROOT);
		expect(pkg.nodeTypePrefix).toBe('n8n-nodes-openai-admin');
		await importExampleCredential(home, sandbox);
		const [onboarding, audit, projectFromForm] = await importWorkflows(
			home,
			EXAMPLE_FILES.map((file) => readExample<ExampleWorkflow>(file)),
		);
		ids = { onboarding, audit, projectFromForm };
	}, 35 * 60 * 1000);

	afterAll(async () => {
		await sandbox?.close();
		if (home) removeN8nHome(home);
	});

	test('API key audit (n8n execute): flags exactly the stale keys, with project, key, owner and flags', async () => {
		sandbox.resetLog();
		const run = await executeWorkflow(home, ids.audit);
		expect(run.status).toBe('success');

		// Exactly the stale keys, none of the archived project's.
		expect(nodeOutput(run, 'Flagged keys').sort(byKeyId)).toEqual([...flagged].sort(byKeyId));

		// The audit paged through projects (2 pages) and each project's keys (p2: 2 pages), with
		// owner_project_access=any everywhere and archived projects never asked for, then read the
		// organization's users once.
		const projectLists = sandbox.requests.filter((r) => r.method === 'GET' && r.path === '/organization/projects');
		expect(projectLists.map((r) => r.query)).toEqual([{ limit: '100' }, { limit: '100', after: expect.any(String) }]);
		const keyLists = sandbox.requests.filter((r) => /^\/organization\/projects\/[^/]+\/api_keys$/.test(r.path));
		expect(keyLists.every((r) => r.query.owner_project_access === 'any' && r.query.limit === '100')).toBe(true);
		expect(keyLists.some((r) => r.path.includes(archived.id))).toBe(false);
		expect(keyLists).toHaveLength(sandbox.state.projects.filter((p) => p.archived_at === null).length + 1);
		expect(sandbox.requests.filter((r) => r.path === '/organization/users')).toHaveLength(1);
		expect(sandbox.requests).toHaveLength(projectLists.length + keyLists.length + 1);
		expect(sandbox.requests.every((r) => r.status === 200)).toBe(true);
	});

	describe('form workflows, with n8n start', () => {
		const server = useStartedN8n(() => home, () => [ids.onboarding, ids.projectFromForm]);

		test('onboarding: a member of the organization is added to the project with the role, and the workflow returns the project user', async () => {
			const page = await openForm(server(), 'openai-onboarding');
			expect(page.status).toBe(200);
			expect(page.text).toContain('Add a person to an OpenAI project');

			const outsiders = sandbox.state.organizationUsers.filter((u) => !onboardingProject.users.some((m) => m.id === u.id));
			const [asMember, asOwner] = outsiders;
			expect((await submitForm(server(), 'openai-onboarding', [asMember.email, onboardingProject.id, 'member'])).status).toBe(200);
			expect((await submitForm(server(), 'openai-onboarding', [asOwner.email, onboardingProject.id, 'owner'])).status).toBe(200);

			const executions = await waitForExecutions(home, { workflowId: ids.onboarding, count: 2 });
			expect(executions.map((e) => [e.status, e.mode])).toEqual([
				['success', 'webhook'],
				['success', 'webhook'],
			]);
			for (const [execution, user, role] of [
				[executions[0], asMember, 'member'],
				[executions[1], asOwner, 'owner'],
			] as const) {
				expect(onboardingProject.users).toContainEqual(expect.objectContaining({ id: user.id, email: user.email, role }));
				expect(nodeOutput(execution.run!, 'Add to project')).toEqual([
					{ object: 'organization.project.user', id: user.id, name: user.name, email: user.email, role, added_at: expect.any(Number) },
				]);
			}
			expect(sandbox.requests.filter((r) => r.path === '/organization/invites')).toEqual([]);
		});

		test('onboarding: someone outside the organization gets an invite naming the project and role, and is not added yet', async () => {
			const before = onboardingProject.users.length;
			const res = await submitForm(server(), 'openai-onboarding', ['new.hire@example.org', onboardingProject.id, 'owner']);
			expect(res.status).toBe(200);
			const executions = await waitForExecutions(home, { workflowId: ids.onboarding, count: 3 });
			const last = executions[executions.length - 1];
			expect(last.status).toBe('success');
			const invite = { object: 'organization.invite', email: 'new.hire@example.org', role: 'reader', status: 'pending', projects: [{ id: onboardingProject.id, role: 'owner' }] };
			expect(nodeOutput(last.run!, 'Invite to organization')).toEqual([expect.objectContaining(invite)]);
			expect(last.run!.data.resultData.runData['Add to project']).toBeUndefined();
			expect(onboardingProject.users).toHaveLength(before);
			// Accepting the invite (the sandbox's stand-in for the person's click) makes them a member of the project.
			const [sent] = sandbox.state.collection<{ id: string; email: string }>('/organization/invites', 'organization').filter((i) => i.email === 'new.hire@example.org');
			const accepted = await fetch(`${sandbox.baseUrl}/__sandbox/invites/${sent.id}/accept`, { method: 'POST', headers: { authorization: `Bearer ${sandbox.adminKey}` } });
			expect(accepted.status).toBe(200);
			expect(onboardingProject.users).toContainEqual(expect.objectContaining({ email: 'new.hire@example.org', role: 'owner' }));
		});

		test('project from a form: project, owner, service account with its one-time key, and the rate limit', async () => {
			const name = `Support bot (e2e line ${line})`;
			const owner = sandbox.state.organizationUsers[3];
			const page = await openForm(server(), 'openai-new-project');
			expect(page.status).toBe(200);
			expect(page.text).toContain('New OpenAI project');
			expect((await submitForm(server(), 'openai-new-project', [name, owner.email, 'gpt-4o-mini', 500])).status).toBe(200);

			const [execution] = await waitForExecutions(home, { workflowId: ids.projectFromForm, count: 1 });
			expect(execution.status).toBe('success');
			const created = sandbox.state.projects.filter((p) => p.name === name);
			expect(created).toHaveLength(1);
			const [project] = created;
			expect(project.archived_at).toBeNull();
			expect(project.users).toEqual([expect.objectContaining({ id: owner.id, email: owner.email, role: 'owner' })]);
			expect(project.serviceAccounts).toEqual([expect.objectContaining({ name: `${name} app`, role: 'member' })]);
			const [account] = project.serviceAccounts;
			const accountKeys = project.apiKeys.filter((k) => k.owner.type === 'service_account' && k.owner.service_account.id === account.id);
			expect(accountKeys).toHaveLength(1);
			const limits = Object.fromEntries(project.rateLimits.map((r) => [r.id, r.max_requests_per_1_minute]));
			expect(limits['rl-gpt-4o-mini']).toBe(500);
			expect(limits['rl-gpt-4o']).toBe(10000); // the others are untouched

			const [summary] = nodeOutput(execution.run!, 'Summary');
			expect(summary).toEqual({
				projectId: project.id,
				projectName: name,
				owner: owner.email,
				serviceAccountId: account.id,
				serviceAccountApiKey: expect.stringMatching(/^sk-svcacct-/),
				model: 'gpt-4o-mini',
				maxRequestsPerMinute: 500,
			});
			// The one-time key in the output is the key the sandbox stored (it keeps only its redacted form).
			expect(redact(summary.serviceAccountApiKey as string)).toBe(accountKeys[0].redacted_value);
		});

		test('project from a form: a model the project has no limit for stops the workflow with a clear error', async () => {
			const name = `Typo project (e2e line ${line})`;
			const res = await submitForm(server(), 'openai-new-project', [name, sandbox.state.organizationUsers[4].email, 'gpt-9000', 100]);
			expect(res.status).toBe(500);
			const executions = await waitForExecutions(home, { workflowId: ids.projectFromForm, count: 2 });
			const last = executions[executions.length - 1];
			expect(last.status).toBe('error');
			expect(last.run!.data.resultData.lastNodeExecuted).toBe('Unknown model');
			expect(JSON.stringify(last.run!.data.resultData.error)).toContain('no rate limit for the model \\"gpt-9000\\"');
			const [project] = sandbox.state.projects.filter((p) => p.name === name);
			expect(project.apiKeys).toHaveLength(1); // the service account's: the run went that far
			expect(sandbox.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/organization/projects/${project.id}/rate_limits`))).toEqual([]);
		});
	});
});
