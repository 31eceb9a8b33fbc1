import { expectError, projectRoute } from './helpers';

const { sandbox, call, project, base } = projectRoute({ seed: 6, projects: 1, rateLimitsPerProject: 6 }, 'rate_limits');

describe('project rate limits', () => {
	it('lists per-model limits with the spec fields and rl- ids', async () => {
		const res = await call('GET', base());
		expect(res.status).toBe(200);
		expect(res.body.data).toHaveLength(6);
		expect(res.body.data[0]).toEqual({
			object: 'project.rate_limit',
			id: 'rl-gpt-4o',
			model: 'gpt-4o',
			max_requests_per_1_minute: 10000,
			max_tokens_per_1_minute: 30000000,
			batch_1_day_max_input_tokens: 5000000000,
		});
	});

	it('defaults to 100 per page', async () => {
		sandbox().state.addRateLimits(project().id, 120);
		const res = await call('GET', base());
		expect(res.body.data).toHaveLength(100);
		expect(res.body.has_more).toBe(true);
		expect(new Set(project().rateLimits.map((r) => r.id)).size).toBe(126);
	});

	it('updates fields, leaving the others', async () => {
		const r = project().rateLimits[0];
		const res = await call('POST', `${base()}/${r.id}`, { body: { max_requests_per_1_minute: 500 } });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ id: r.id, max_requests_per_1_minute: 500, max_tokens_per_1_minute: 30000000 });
		expect(r.max_requests_per_1_minute).toBe(500);
	});

	it.each([
		[{ max_requests_per_1_minute: '500' }, 'max_requests_per_1_minute'],
		[{ max_requests_per_1_minute: 1.5 }, 'max_requests_per_1_minute'],
		[{ max_requests_per_1_minute: -1 }, 'max_requests_per_1_minute'],
		[{ max_requests_per_1_minute: 10000001 }, 'max_requests_per_1_minute'],
		[{ max_images_per_1_minute: 5 }, 'max_images_per_1_minute'],
		[{ max_requests_per_1_hour: 5 }, 'max_requests_per_1_hour'],
	])('rejects %j (param %s) and changes nothing', async (body, param) => {
		const r = project().rateLimits[0];
		const before = { ...r };
		expectError(await call('POST', `${base()}/${r.id}`, { body }), 400, param);
		expect(r).toEqual(before);
	});

	it('404s unknown rate limits and projects; 400s archived projects', async () => {
		expectError(await call('POST', `${base()}/rl-nope`, { body: { max_requests_per_1_minute: 1 } }), 404);
		expectError(await call('GET', '/organization/projects/proj_nope/rate_limits'), 404);
		sandbox().state.archiveProject(project().id);
		expectError(await call('POST', `${base()}/${project().rateLimits[0].id}`, { body: { max_requests_per_1_minute: 1 } }), 400);
	});
});
