import { startSandbox, type Sandbox } from '../../sandbox';
import { client, expectError } from './helpers';

let sb: Sandbox;
let call: ReturnType<typeof client>;

beforeAll(async () => {
	sb = await startSandbox({ seed: 8, users: 25 });
	call = client(sb);
});
afterAll(() => sb.close());

describe('organization users', () => {
	it('lists 20 by default with the spec fields; the first user is an owner', async () => {
		const res = await call('GET', '/organization/users');
		expect(res.status).toBe(200);
		expect(res.body.data).toHaveLength(20);
		expect(res.body.has_more).toBe(true);
		expect(res.body.data[0]).toEqual({
			object: 'organization.user',
			id: expect.stringMatching(/^user-[A-Za-z0-9]{24}$/),
			name: expect.any(String),
			email: expect.stringMatching(/@example\.com$/),
			role: 'owner',
			added_at: expect.any(Number),
		});
		for (const u of res.body.data) expect(['owner', 'reader']).toContain(u.role);
		expect(new Set(sb.state.organizationUsers.map((u) => u.email)).size).toBe(sb.state.organizationUsers.length);
	});

	it('filters by emails in every array spelling', async () => {
		const [a, b] = sb.state.organizationUsers;
		const qs = [
			`emails%5B%5D=${encodeURIComponent(a.email)}&emails%5B%5D=${encodeURIComponent(b.email)}`,
			`emails=${encodeURIComponent(a.email)}&emails=${encodeURIComponent(b.email.toUpperCase())}`,
			`emails=${encodeURIComponent(`${a.email},${b.email}`)}`,
		];
		for (const q of qs) {
			const res = await fetch(`${sb.baseUrl}/organization/users?${q}`, { headers: { authorization: `Bearer ${sb.adminKey}` } });
			const body: any = await res.json();
			expect(body.data.map((u: any) => u.id)).toEqual([a.id, b.id]);
		}
	});

	it('retrieves one user and 404s an unknown one', async () => {
		const u = sb.state.organizationUsers[3];
		expect((await call('GET', `/organization/users/${u.id}`)).body).toMatchObject({ id: u.id, email: u.email });
		expectError(await call('GET', '/organization/users/user-nobody'), 404);
	});
});
