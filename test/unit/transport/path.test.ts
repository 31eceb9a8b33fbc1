import { apiPath } from '../../../nodes/OpenAiAdmin/transport/path';

describe('apiPath', () => {
	it('leaves ordinary ids as they are', () => {
		expect(apiPath`/organization/projects/${'proj_abc'}/users/${'user-1'}`).toBe('/organization/projects/proj_abc/users/user-1');
		expect(apiPath`/organization/projects/${'p'}/rate_limits/${'rl-gpt-4o.mini:x'}`).toBe(
			'/organization/projects/p/rate_limits/rl-gpt-4o.mini%3Ax',
		);
	});

	it.each([
		['a/b', 'a%2Fb'],
		['x?limit=1', 'x%3Flimit%3D1'],
		['x#frag', 'x%23frag'],
		['%2e%2e', '%252e%252e'],
		['../users', '..%2Fusers'],
		['a b', 'a%20b'],
	])('keeps %j inside one segment', (id, encoded) => {
		expect(apiPath`/organization/projects/${id}/users`).toBe(`/organization/projects/${encoded}/users`);
	});

	it.each(['', ' ', '.', '..'])('refuses %j as a segment', (id) => {
		expect(() => apiPath`/organization/projects/${id}/users`).toThrow(/cannot be used as an ID/);
	});

	it('builds paths without interpolation', () => {
		expect(apiPath`/organization/projects`).toBe('/organization/projects');
	});
});
