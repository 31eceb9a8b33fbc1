/**
 * examples/offboarding.json, unchanged, in a real n8n on both lines against the sandbox: the form is
 * submitted to `n8n start` with a member's email; afterwards the sandbox has no membership and no key
 * of that person, nothing of anyone else changed, and the workflow answers with a summary of what was
 * removed. An email of no member fails the run. Set-up as in examples.e2e.test.ts.
 */

import { startSandbox, type Project, type Sandbox } from '../../sandbox';
import type { OrganizationUser } from '../../sandbox/types';
import { nodeOutput } from './n8n-execute';
import { waitForExecutions } from './n8n-executions';
import type { N8nHome } from './n8n-home';
import { E2E_LINES } from './n8n-install';
import { submitForm } from './n8n-requests';
import type { N8nServer } from './n8n-server';
import { readExample, serveExample, stopExample, type ServedExample } from './examples';
import { useN8nLines } from './setup';

const { installOf } = useN8nLines();

/** Everything of everyone but `leaver`: memberships and keys, per project. */
function othersOf(sandbox: Sandbox, leaver: OrganizationUser) {
	return sandbox.state.projects.map((p) => ({
		project: p.id,
		users: p.users.filter((u) => u.id !== leaver.id).map((u) => [u.id, u.role]),
		keys: p.apiKeys.filter((k) => k.owner.type !== 'user' || k.owner.user.id !== leaver.id).map((k) => k.id),
	}));
}

describe.each(E2E_LINES)('n8n line %i: offboarding', (line) => {
	let sandbox: Sandbox;
	let served: ServedExample | undefined;
	let home: N8nHome;
	let server: N8nServer;
	let id: string;
	let leaver: OrganizationUser;
	let theirProjects: Project[];
	let theirKeys: string[];
	let theirKeyPaths: string[];

	beforeAll(async () => {
		const install = await installOf(line);
		sandbox = await startSandbox({ quiet: true, seed: 500 + line, projects: 3, users: 8, usersPerProject: 0, keysPerProject: 0 });
		const { state } = sandbox;
		const projects = state.projects.filter((p) => !p.is_default);
		// Other people have memberships and keys everywhere; the leaver is in two of the three projects,
		// with two keys in the first and one in the second.
		theirProjects = projects.slice(0, 2);
		theirKeys = [];
		theirKeyPaths = [];
		for (const project of projects) {
			state.addProjectUsers(project.id, 2);
			state.addApiKeys(project.id, 2);
			state.addApiKeys(project.id, 1, { owner: 'service_account' });
		}
		// Joined after the others: no membership or key of theirs but the ones below.
		[leaver] = state.addOrganizationUsers(1);
		for (const [index, project] of theirProjects.entries()) {
			project.users.push({ object: 'organization.project.user', id: leaver.id, name: leaver.name, email: leaver.email, role: 'member', added_at: 1 });
			for (const key of state.addApiKeys(project.id, index === 0 ? 2 : 1)) {
				key.owner = { type: 'user', user: { id: leaver.id, email: leaver.email, name: leaver.name, created_at: 1, role: 'member' } };
				theirKeys.push(key.id);
				theirKeyPaths.push(`/organization/projects/${project.id}/api_keys/${key.id}`);
			}
		}

		served = await serveExample(install, sandbox, readExample('offboarding.json'));
		({ home, id, server } = served);
	}, 35 * 60 * 1000);

	afterAll(async () => {
		await stopExample(served);
		await sandbox?.close();
	});

	test('deletes the keys the person owns, removes them from the organization, and says what was removed', async () => {
		const others = othersOf(sandbox, leaver);
		expect(theirKeys).toHaveLength(3);

		const answer = await submitForm(server, 'openai-offboarding', [leaver.email]);
		const [execution] = await waitForExecutions(home, { workflowId: id, count: 1 });
		expect(answer.status).toBe(200);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution.run!, 'Summary')).toEqual([
			{
				email: leaver.email,
				userId: leaver.id,
				removedFromOrganization: true,
				projects: theirProjects.map((p) => p.name),
				deletedKeys: theirKeys,
			},
		]);

		// Each key was deleted through the API before the person was removed.
		const changes = sandbox.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
		expect(changes.slice(0, -1).sort()).toEqual(theirKeyPaths.map((keyPath) => `DELETE ${keyPath}`).sort());
		expect(changes.at(-1)).toBe(`DELETE /organization/users/${leaver.id}`);
		expect(sandbox.state.findOrganizationUser(leaver.id)).toBeUndefined();
		expect(sandbox.state.projects.some((p) => p.users.some((u) => u.id === leaver.id))).toBe(false);
		expect(sandbox.state.projects.flatMap((p) => p.apiKeys).some((k) => k.owner.type === 'user' && k.owner.user.id === leaver.id)).toBe(false);
		expect(othersOf(sandbox, leaver)).toEqual(others);
	});

	test('an email of no member stops the run with a clear error and changes nothing', async () => {
		const before = JSON.stringify(sandbox.state.projects);
		const res = await submitForm(server, 'openai-offboarding', ['nobody@example.org']);
		expect(res.status).toBe(500);
		const executions = await waitForExecutions(home, { workflowId: id, count: 2 });
		const last = executions[executions.length - 1];
		expect(last.status).toBe('error');
		expect(JSON.stringify(last.run!.data.resultData.error)).toMatch(/No member of the organization has the email nobody@example\.org/);
		expect(JSON.stringify(sandbox.state.projects)).toBe(before);
	});
});
