/**
 * Project Service Account → Rotate and Retire, through real n8n execution against the sandbox: the
 * replacement with the old one's name and role and a new key (shown once), retired now or later;
 * Retire only once the new key is in use (or forced), a dry run that deletes nothing; a failure
 * after the replacement was made keeps it and its key, says which step failed, and nothing that
 * could make a twin is sent again.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Project, Sandbox } from '../../../../sandbox';
import { byId } from '../../../helpers/runNode';
import { runAgainst, useSandbox } from '../../../helpers/sandbox';

const rotate = (project: Project, accountId: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'projectServiceAccount',
	operation: 'rotate',
	projectId: byId(project.id),
	serviceAccountId: byId(accountId),
	...extra,
});
const retire = (project: Project, oldId: string, replacementId: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'projectServiceAccount',
	operation: 'retire',
	projectId: byId(project.id),
	serviceAccountId: byId(oldId),
	replacementId: byId(replacementId),
	...extra,
});

/** A key used by an app, as the sandbox's control plays it. */
async function useKey(sandbox: Sandbox, value: string) {
	const response = await fetch(`${sandbox.baseUrl}/__sandbox/api_keys/use`, {
		method: 'POST',
		headers: { authorization: `Bearer ${sandbox.adminKey}`, 'content-type': 'application/json' },
		body: JSON.stringify({ value }),
	});
	expect(response.status).toBe(200);
}

const accountsOf = (project: Project) => project.serviceAccounts.map((account) => account.id);
const methods = (sandbox: Sandbox) => sandbox.requests.map((request) => `${request.method} ${request.path.replace(/\/(proj|svc_acct)_\w+/g, '/$1_x')}`);

describe('Project Service Account → Rotate', () => {
	const sandbox = useSandbox({ projects: 1, users: 3, serviceAccountsPerProject: 1 });
	const project = () => sandbox().state.projects.find((p) => !p.is_default)!;

	it('makes a replacement with the same name, a new key shown once, and keeps the old one for Retire', async () => {
		const [old] = project().serviceAccounts;
		const run = await runAgainst(sandbox(), rotate(project(), old.id));

		expect(run.error).toBeUndefined();
		const [item] = run.json;
		const replacement = item.replacement as IDataObject & { api_key: IDataObject };
		expect(item).toMatchObject({ status: 'rotated', old: { id: old.id, name: old.name, role: old.role }, oldDeleted: false });
		expect(replacement).toMatchObject({ name: old.name, role: old.role });
		expect(replacement.api_key.value).toMatch(/^sk-svcacct-/);
		expect(item.nextStep).toContain(`Retire for ${old.id}`);
		expect(accountsOf(project())).toEqual([old.id, replacement.id]);
		expect(methods(sandbox())).toEqual(['GET /organization/projects/proj_x/service_accounts/svc_acct_x', 'POST /organization/projects/proj_x/service_accounts']);
	});

	it('gives the replacement the old one\'s role, a name suffix, and retires the old one now when asked', async () => {
		const [old] = project().serviceAccounts;
		old.role = 'owner';
		const run = await runAgainst(sandbox(), rotate(project(), old.id, { retire: 'now', additionalFields: { nameSuffix: '(2026-12)' } }));

		expect(run.error).toBeUndefined();
		const [item] = run.json;
		expect(item).toMatchObject({ status: 'rotated', oldDeleted: true, replacement: { name: `${old.name} (2026-12)`, role: 'owner' } });
		expect(accountsOf(project())).toEqual([(item.replacement as IDataObject).id]);
		expect(methods(sandbox())).toEqual([
			'GET /organization/projects/proj_x/service_accounts/svc_acct_x',
			'POST /organization/projects/proj_x/service_accounts',
			'POST /organization/projects/proj_x/service_accounts/svc_acct_x',
			'DELETE /organization/projects/proj_x/service_accounts/svc_acct_x',
		]);
	});

	it('keeps the replacement and its key when a later step fails, says which, and deletes nothing', async () => {
		const [old] = project().serviceAccounts;
		old.role = 'owner';
		sandbox().addFault({ kind: 'status', status: 500, method: 'POST', path: /\/service_accounts\/svc_acct_\w+$/ });
		const run = await runAgainst(sandbox(), rotate(project(), old.id, { retire: 'now', options: { maxRetries: 1, maxRetryWaitSeconds: 1 } }));

		expect(run.error).toBeUndefined();
		const [item] = run.json;
		expect(item).toMatchObject({ status: 'incomplete', failedStep: 'give the replacement the role owner', oldDeleted: false });
		expect((item.replacement as { api_key: IDataObject }).api_key.value).toMatch(/^sk-svcacct-/);
		expect(item.whatToDo).toMatch(/store the key, then change its role.*old service account is untouched/);
		expect(accountsOf(project())).toHaveLength(2);
		expect(sandbox().requests.filter((request) => request.method === 'DELETE')).toHaveLength(0);
	});

	it('keeps both when deleting the old one fails, and says to retire it later', async () => {
		const [old] = project().serviceAccounts;
		sandbox().addFault({ kind: 'status', status: 403, method: 'DELETE' });
		const run = await runAgainst(sandbox(), rotate(project(), old.id, { retire: 'now' }));

		const [item] = run.json;
		expect(item).toMatchObject({ status: 'incomplete', failedStep: 'delete the old service account', oldDeleted: false });
		expect(accountsOf(project())).toHaveLength(2);
	});

	it('retries a rate-limited create, but never sends again a create the API may have carried out', async () => {
		const [old] = project().serviceAccounts;
		sandbox().addFault({ kind: 'status', status: 429, retryAfter: { ms: 5 }, method: 'POST', times: 1 });
		const throttled = await runAgainst(sandbox(), rotate(project(), old.id));
		expect(throttled.json[0]).toMatchObject({ status: 'rotated' });
		expect(accountsOf(project())).toHaveLength(2);

		sandbox().addFault({ kind: 'status', status: 500, method: 'POST', afterHandler: true, times: 1 });
		const ambiguous = await runAgainst(sandbox(), rotate(project(), old.id));
		expect(ambiguous.error?.message).toMatch(/server had an error/);
		expect(ambiguous.error?.description).toMatch(/may have been carried out: check before running it again/);
		// The create was carried out once, and not repeated.
		expect(accountsOf(project())).toHaveLength(3);
	});

	it('refuses an account with no role and no key to rotate, before making anything', async () => {
		const [old] = project().serviceAccounts;
		old.role = 'none';
		const run = await runAgainst(sandbox(), rotate(project(), old.id));
		expect(run.error?.message).toMatch(/^Service Account: .* has no role and no API key to rotate/);
		expect(sandbox().requests.filter((request) => request.method === 'POST')).toHaveLength(0);
	});
});

describe('Project Service Account → Retire', () => {
	const sandbox = useSandbox({ projects: 1, users: 3, serviceAccountsPerProject: 1 });
	const project = () => sandbox().state.projects.find((p) => !p.is_default)!;

	async function rotated() {
		const [old] = project().serviceAccounts;
		const run = await runAgainst(sandbox(), rotate(project(), old.id));
		const replacement = run.json[0].replacement as { id: string; api_key: { value: string } };
		sandbox().resetLog();
		return { old, replacement };
	}

	it('deletes nothing while the new key has not been used, and says so', async () => {
		const { old, replacement } = await rotated();
		const run = await runAgainst(sandbox(), retire(project(), old.id, replacement.id));

		expect(run.json[0]).toMatchObject({ status: 'notYetUsed', deleted: false, lastUsedAt: null, replacement: { id: replacement.id } });
		expect(accountsOf(project())).toEqual([old.id, replacement.id]);
		expect(sandbox().requests.filter((request) => request.method === 'DELETE')).toHaveLength(0);
	});

	it('deletes the old account once the new key is in use', async () => {
		const { old, replacement } = await rotated();
		await useKey(sandbox(), replacement.api_key.value);
		const run = await runAgainst(sandbox(), retire(project(), old.id, replacement.id));

		expect(run.json[0]).toMatchObject({ status: 'retired', deleted: true, old: { id: old.id } });
		expect(typeof run.json[0].lastUsedAt).toBe('string');
		expect(accountsOf(project())).toEqual([replacement.id]);
	});

	it('deletes it unused when forced, and only says what it would do in a dry run', async () => {
		const { old, replacement } = await rotated();
		const dry = await runAgainst(sandbox(), retire(project(), old.id, replacement.id, { force: true, dryRun: true }));
		expect(dry.json[0]).toMatchObject({ status: 'wouldRetire', deleted: false, forced: true, dryRun: true });
		expect(accountsOf(project())).toHaveLength(2);

		const forced = await runAgainst(sandbox(), retire(project(), old.id, replacement.id, { force: true }));
		expect(forced.json[0]).toMatchObject({ status: 'retired', deleted: true });
		expect(accountsOf(project())).toEqual([replacement.id]);
	});

	it('deletes nothing when the replacement is gone, or the list of keys comes back cut short', async () => {
		const { old, replacement } = await rotated();
		await useKey(sandbox(), replacement.api_key.value);
		sandbox().addFault({ kind: 'bad_page', page: 'empty', path: /\/api_keys$/, times: 1 });
		const cut = await runAgainst(sandbox(), retire(project(), old.id, replacement.id));
		expect(cut.error?.message).toMatch(/empty page that says has_more/);

		project().serviceAccounts.splice(1, 1);
		const gone = await runAgainst(sandbox(), retire(project(), old.id, replacement.id));
		expect(gone.error?.httpCode).toBe('404');
		expect(accountsOf(project())).toEqual([old.id]);
		expect(sandbox().requests.filter((request) => request.method === 'DELETE')).toHaveLength(0);
	});

	it('refuses to retire an account in favour of itself', async () => {
		const [old] = project().serviceAccounts;
		const run = await runAgainst(sandbox(), retire(project(), old.id, old.id));
		expect(run.error?.message).toMatch(/^Replacement: is the service account to retire itself/);
		expect(sandbox().requests).toHaveLength(0);
	});
});
