import { useSandbox } from '../helpers/sandbox';
import { clientOf, expectError } from './helpers';

const sandbox = useSandbox({ seed: 7, projects: 3, archivedProjects: 1, now: () => 1800000000 });
const call = clientOf(sandbox);

describe('GET /organization/projects', () => {
	it('lists active projects in insertion order with the default project first and hides archived ones', async () => {
		const res = await call('GET', '/organization/projects');
		expect(res.status).toBe(200);
		expect(res.body.object).toBe('list');
		expect(res.body.data.map((p: any) => p.id)).toEqual(sandbox().state.projects.filter((p) => !p.archived_at).map((p) => p.id));
		expect(res.body.data[0]).toMatchObject({ name: 'Default project', status: 'active', archived_at: null });
		expect(res.body.data).toHaveLength(4);
		for (const p of res.body.data) {
			expect(p.object).toBe('organization.project');
			expect(p.id).toMatch(/^proj_[A-Za-z0-9]{24}$/);
			expect(Number.isInteger(p.created_at)).toBe(true);
			expect(p).not.toHaveProperty('users');
			expect(p).not.toHaveProperty('is_default');
		}
		expect(res.body.first_id).toBe(res.body.data[0].id);
		expect(res.body.last_id).toBe(res.body.data[3].id);
		expect(res.body.has_more).toBe(false);
	});

	it('includes archived projects with include_archived=true', async () => {
		const res = await call('GET', '/organization/projects', { query: { include_archived: true } });
		expect(res.body.data).toHaveLength(5);
		const archived = res.body.data.at(-1);
		expect(archived.status).toBe('archived');
		expect(typeof archived.archived_at).toBe('number');
	});

	it('rejects a non-boolean include_archived', async () => {
		expectError(await call('GET', '/organization/projects', { query: { include_archived: 'yes' } }), 400, 'include_archived');
	});
});

describe('POST /organization/projects', () => {
	it('creates an active project at the end of the list, stamped with the clock', async () => {
		const res = await call('POST', '/organization/projects', { body: { name: 'New one' } });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			id: expect.stringMatching(/^proj_/),
			object: 'organization.project',
			name: 'New one',
			created_at: 1800000000,
			archived_at: null,
			status: 'active',
			external_key_id: null,
			residency: 'GLOBAL',
		});
		expect(sandbox().state.projects.at(-1)!.id).toBe(res.body.id);
		const again = await call('GET', `/organization/projects/${res.body.id}`);
		expect(again.body).toEqual(res.body);
	});

	it('accepts residency and external_key_id', async () => {
		const res = await call('POST', '/organization/projects', {
			body: { name: 'EU', residency: 'EU_STORAGE_PROCESSING', external_key_id: 'ekm_1' },
		});
		expect(res.body).toMatchObject({ residency: 'EU_STORAGE_PROCESSING', external_key_id: 'ekm_1' });
	});

	it.each([
		[{}, 'name', 'missing_required_parameter'],
		[{ name: 5 }, 'name', 'invalid_type'],
		[{ name: null }, 'name', 'invalid_type'],
		[{ name: '  ' }, 'name', 'string_below_min_length'],
		[{ name: 'x', residency: 'MARS' }, 'residency', 'invalid_value'],
		[{ name: 'x', colour: 'blue' }, 'colour', 'unknown_parameter'],
	])('rejects %j naming param %s', async (body, param, code) => {
		const before = sandbox().state.projects.length;
		const res = await call('POST', '/organization/projects', { body });
		expectError(res, 400, param);
		expect(res.body.error.code).toBe(code);
		expect(res.body.error.type).toBe('invalid_request_error');
		expect(sandbox().state.projects.length).toBe(before);
	});

	it('rejects a body that is not a JSON object, and JSON that does not parse', async () => {
		expectError(await call('POST', '/organization/projects', { body: ['x'] }), 400);
		const bad = await call('POST', '/organization/projects', { rawBody: '{"name": "x",' });
		expectError(bad, 400);
		expect(bad.body.error.message).toMatch(/could not parse the JSON body/);
		expect(sandbox().requests.at(-1)!.body).toBe('{"name": "x",');
	});
});

describe('GET/POST /organization/projects/{project_id}', () => {
	it('retrieves a project, archived ones included', async () => {
		const archived = sandbox().state.projects.at(-1)!;
		const res = await call('GET', `/organization/projects/${archived.id}`);
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ id: archived.id, status: 'archived' });
	});

	it('404s an unknown project with the error body', async () => {
		const res = await call('GET', '/organization/projects/proj_nope');
		expectError(res, 404, null);
		expect(res.body.error.message).toContain('proj_nope');
	});

	it('modifies name and external_key_id', async () => {
		const p = sandbox().state.projects[1];
		const res = await call('POST', `/organization/projects/${p.id}`, { body: { name: 'Renamed', external_key_id: 'k1' } });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ id: p.id, name: 'Renamed', external_key_id: 'k1', status: 'active' });
		expect(p.name).toBe('Renamed');
	});

	it('refuses to modify the default project or an archived project', async () => {
		const def = sandbox().state.defaultProject!;
		expectError(await call('POST', `/organization/projects/${def.id}`, { body: { name: 'x' } }), 400);
		expect(def.name).toBe('Default project');
		const archived = sandbox().state.projects.at(-1)!;
		const res = await call('POST', `/organization/projects/${archived.id}`, { body: { name: 'x' } });
		expectError(res, 400);
		expect(res.body.error.message).toMatch(/archived/);
	});

	it('validates the modify body', async () => {
		const p = sandbox().state.projects[1];
		expectError(await call('POST', `/organization/projects/${p.id}`, { body: { status: 'archived' } }), 400, 'status');
		expectError(await call('POST', `/organization/projects/${p.id}`, { body: { name: 1 } }), 400, 'name');
		expectError(await call('POST', '/organization/projects/proj_nope', { body: { name: 'x' } }), 404);
	});
});

describe('POST /organization/projects/{project_id}/archive', () => {
	it('archives: hidden from the default list, still retrievable, and then read-only', async () => {
		const p = sandbox().state.projects[2];
		const res = await call('POST', `/organization/projects/${p.id}/archive`);
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ id: p.id, status: 'archived', archived_at: 1800000000 });
		const list = await call('GET', '/organization/projects');
		expect(list.body.data.map((x: any) => x.id)).not.toContain(p.id);
		expectError(await call('POST', `/organization/projects/${p.id}`, { body: { name: 'x' } }), 400);
		// archiving again is a no-op that answers 200 with the original archived_at
		const again = await call('POST', `/organization/projects/${p.id}/archive`);
		expect(again.status).toBe(200);
		expect(again.body.archived_at).toBe(1800000000);
	});

	it('refuses to archive the default project; 404s an unknown one', async () => {
		expectError(await call('POST', `/organization/projects/${sandbox().state.defaultProject!.id}/archive`), 400);
		expect(sandbox().state.defaultProject!.archived_at).toBeNull();
		expectError(await call('POST', '/organization/projects/proj_nope/archive'), 404);
	});

	it('has no delete: DELETE is an invalid URL and the project stays', async () => {
		const p = sandbox().state.projects[1];
		const res = await call('DELETE', `/organization/projects/${p.id}`);
		expectError(res, 404);
		expect(res.body.error.message).toBe(`Invalid URL (DELETE /v1/organization/projects/${p.id})`);
		expect(sandbox().state.findProject(p.id)).toBeDefined();
	});
});
