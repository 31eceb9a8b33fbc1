/**
 * Keys in use: every admin key of the organization calls the API and each use is recorded on it;
 * the control `POST /__sandbox/api_keys/use` plays an app using a project or service account key.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { client, expectError } from './helpers';

let sb: Sandbox;
let call: ReturnType<typeof client>;
let clock = 1_800_000_000;

beforeEach(async () => {
	clock = 1_800_000_000;
	sb = await startSandbox({ seed: 4, projects: 1, now: () => clock });
	call = client(sb);
});
afterEach(() => sb.close());

describe('admin keys in use', () => {
	it('an admin key made through the API calls the API, and its last use is recorded; deleted, it is refused', async () => {
		const made = (await call('POST', '/organization/admin_api_keys', { body: { name: 'second' } })).body;
		expect(made.last_used_at).toBeNull();
		clock += 60;
		const listed = await call('GET', '/organization/projects', { key: made.value });
		expect(listed.status).toBe(200);
		const after = (await call('GET', `/organization/admin_api_keys/${made.id}`)).body;
		expect(after.last_used_at).toBe(clock);

		await call('DELETE', `/organization/admin_api_keys/${made.id}`);
		expectError(await call('GET', '/organization/projects', { key: made.value }), 401);
	});

	it("lists the sandbox's own key redacted from its real value, and records its use", async () => {
		const own = (await call('GET', '/organization/admin_api_keys')).body.data[0];
		expect(own.redacted_value).toBe(`sk-admin-...${sb.adminKey.slice(-4)}`);
		expect(own.last_used_at).toBe(clock);
	});
});

describe('POST /__sandbox/api_keys/use', () => {
	it("marks a service account's key as used now", async () => {
		const project = sb.state.projects.find((p) => !p.is_default)!;
		const made = (await call('POST', `/organization/projects/${project.id}/service_accounts`, { body: { name: 'bot' } })).body;
		clock += 3600;
		const used = await call('POST', '/__sandbox/api_keys/use', { body: { value: made.api_key.value } });
		expect(used.status).toBe(200);
		const key = (await call('GET', `/organization/projects/${project.id}/api_keys/${made.api_key.id}`)).body;
		expect(key.last_used_at).toBe(clock);
	});

	it('refuses a secret it did not make, and a body without one', async () => {
		expectError(await call('POST', '/__sandbox/api_keys/use', { body: { value: 'sk-svcacct-nope' } }), 404);
		expectError(await call('POST', '/__sandbox/api_keys/use', { body: {} }), 400, 'value');
	});
});
