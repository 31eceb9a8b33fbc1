/**
 * Admin API Key → Rotate and Retire, through real n8n execution against the sandbox: a new key with
 * the old one's name and lifetime (its value shown once), the old one deleted now or once the new
 * key is in use; never the key this workflow's credential holds.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../../sandbox';
import { byId } from '../../../helpers/runNode';
import { runAgainst, useSandbox } from '../../../helpers/sandbox';

const rotate = (keyId: string, extra: INodeParameters = {}): INodeParameters => ({ resource: 'adminApiKey', operation: 'rotate', adminApiKeyId: byId(keyId), ...extra });
const retire = (oldId: string, replacementId: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'adminApiKey',
	operation: 'retire',
	adminApiKeyId: byId(oldId),
	replacementKeyId: byId(replacementId),
	...extra,
});

async function api(sandbox: Sandbox, method: string, path: string, body?: unknown, key = sandbox.adminKey) {
	const response = await fetch(`${sandbox.baseUrl}${path}`, {
		method,
		headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as IDataObject };
}

const adminKeyIds = async (sandbox: Sandbox) => ((await api(sandbox, 'GET', '/organization/admin_api_keys')).body.data as IDataObject[]).map((key) => key.id);

describe('Admin API Key → Rotate', () => {
	const sandbox = useSandbox({ projects: 1 });

	async function made(name: string, lifetime?: number) {
		const key = (await api(sandbox(), 'POST', '/organization/admin_api_keys', lifetime ? { name, expires_in_seconds: lifetime } : { name })).body;
		sandbox().resetLog();
		return key as { id: string; value: string; created_at: number; expires_at: number | null };
	}

	it('makes a key with the same name and lifetime, its value shown once, and keeps the old one for Retire', async () => {
		const old = await made('Offboarding workflow', 30 * 86400);
		const run = await runAgainst(sandbox(), rotate(old.id));

		expect(run.error).toBeUndefined();
		const [item] = run.json;
		const replacement = item.replacement as IDataObject;
		expect(item).toMatchObject({ status: 'rotated', oldDeleted: false, old: { id: old.id, name: 'Offboarding workflow' } });
		expect(replacement).toMatchObject({ name: 'Offboarding workflow' });
		expect((replacement.expires_at as number) - (replacement.created_at as number)).toBe(30 * 86400);
		expect(replacement.value).toMatch(/^sk-admin-/);
		expect(await adminKeyIds(sandbox())).toEqual(expect.arrayContaining([old.id, replacement.id]));
	});

	it('deletes the old key now when asked', async () => {
		const old = await made('Reports');
		const run = await runAgainst(sandbox(), rotate(old.id, { retire: 'now', additionalFields: { nameSuffix: '(rotated)' } }));

		expect(run.json[0]).toMatchObject({ status: 'rotated', oldDeleted: true, replacement: { name: 'Reports (rotated)' } });
		expect(await adminKeyIds(sandbox())).not.toContain(old.id);
	});

	it('never deletes the key this workflow runs with: it says to put the new key into the credential first', async () => {
		const own = (await adminKeyIds(sandbox()))[0] as string;
		const run = await runAgainst(sandbox(), rotate(own, { retire: 'now' }));

		expect(run.json[0]).toMatchObject({ status: 'rotated', oldDeleted: false });
		expect(run.json[0].nextStep).toMatch(/credential holds the old key .*put the new key into the credential, then run Retire/);
		expect(await adminKeyIds(sandbox())).toContain(own);
		expect(sandbox().requests.filter((request) => request.method === 'DELETE')).toHaveLength(0);
	});
});

describe('Admin API Key → Retire', () => {
	const sandbox = useSandbox({ projects: 1 });

	async function rotated() {
		const old = (await api(sandbox(), 'POST', '/organization/admin_api_keys', { name: 'Audit' })).body as { id: string };
		const run = await runAgainst(sandbox(), rotate(old.id));
		const replacement = run.json[0].replacement as { id: string; value: string };
		sandbox().resetLog();
		return { old, replacement };
	}

	it('deletes nothing until the new key has called the API, then deletes the old one', async () => {
		const { old, replacement } = await rotated();
		const early = await runAgainst(sandbox(), retire(old.id, replacement.id));
		expect(early.json[0]).toMatchObject({ status: 'notYetUsed', deleted: false });
		expect(await adminKeyIds(sandbox())).toContain(old.id);

		// The new key in use, as once it is in the credential.
		expect((await api(sandbox(), 'GET', '/organization/projects', undefined, replacement.value)).status).toBe(200);
		const done = await runAgainst(sandbox(), retire(old.id, replacement.id));
		expect(done.json[0]).toMatchObject({ status: 'retired', deleted: true, replacement: { id: replacement.id } });
		expect(typeof (done.json[0].replacement as IDataObject).lastUsedAt).toBe('string');
		expect(await adminKeyIds(sandbox())).not.toContain(old.id);
	});

	it('a dry run says what it would do; Force deletes an unused one', async () => {
		const { old, replacement } = await rotated();
		const dry = await runAgainst(sandbox(), retire(old.id, replacement.id, { force: true, dryRun: true }));
		expect(dry.json[0]).toMatchObject({ status: 'wouldRetire', deleted: false });
		const forced = await runAgainst(sandbox(), retire(old.id, replacement.id, { force: true }));
		expect(forced.json[0]).toMatchObject({ status: 'retired', deleted: true });
	});

	it('never deletes the key the credential holds, even forced', async () => {
		const { replacement } = await rotated();
		const own = (await adminKeyIds(sandbox()))[0] as string;
		const run = await runAgainst(sandbox(), retire(own, replacement.id, { force: true }));
		expect(run.json[0]).toMatchObject({ status: 'stillInUseHere', deleted: false });
		expect(sandbox().requests.filter((request) => request.method === 'DELETE')).toHaveLength(0);
	});
});
