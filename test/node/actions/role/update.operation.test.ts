import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Role → Update', () => {
	const sandbox = useSandbox({ projects: 0 });

	/** A custom role with one permission, created through the node. */
	async function customRole() {
		const created = await runAgainst(sandbox(), { resource: 'role', operation: 'create', role_name: 'Auditors', permissions: ['api.organization.read'] });
		sandbox().resetLog();
		return String(created.json[0].id);
	}

	it('replaces the permissions', async () => {
		const roleId = await customRole();
		const run = await runAgainst(sandbox(), { resource: 'role', operation: 'update', roleId: byId(roleId), updateFields: { permissions: ['api.groups.read', 'api.groups.write'] } });
		expect(run.error).toBeUndefined();
		expect(calls(sandbox())[0].body).toEqual({ permissions: ['api.groups.read', 'api.groups.write'] });
		expect(run.json[0]).toMatchObject({ id: roleId, permissions: ['api.groups.read', 'api.groups.write'] });
	});

	it.each([
		['no value', []],
		['an expression that comes out empty', '={{ $json.missing ?? "" }}'],
	])('refuses Permissions with %s, before any request, leaving the role as it was', async (_case, permissions) => {
		const roleId = await customRole();
		const run = await runAgainst(sandbox(), { resource: 'role', operation: 'update', roleId: byId(roleId), updateFields: { permissions } });
		expect(run.error?.message).toBe(
			'Permissions: an empty list takes every permission from the role and from everyone who holds it: give at least one permission, or add "Allow Empty Permissions" to send it anyway [item 0]',
		);
		expect(run.error?.description).toBe('Check the "Permissions" field of item 0.');
		expect(sandbox().requests).toEqual([]);
		const read = await runAgainst(sandbox(), { resource: 'role', operation: 'get', roleId: byId(roleId) });
		expect(read.json[0].permissions).toEqual(['api.organization.read']);
	});

	it('sends an empty list when Allow Empty Permissions is on', async () => {
		const roleId = await customRole();
		const run = await runAgainst(sandbox(), {
			resource: 'role',
			operation: 'update',
			roleId: byId(roleId),
			updateFields: { permissions: [], allowEmptyPermissions: true },
		});
		expect(run.error).toBeUndefined();
		expect(calls(sandbox())[0].body).toEqual({ permissions: [] });
		expect(run.json[0]).toMatchObject({ id: roleId, permissions: [] });
	});

	it('counts Allow Empty Permissions alone as nothing to change', async () => {
		const roleId = await customRole();
		const run = await runAgainst(sandbox(), { resource: 'role', operation: 'update', roleId: byId(roleId), updateFields: { allowEmptyPermissions: true } });
		expect(run.error?.message).toMatch(/^Update Fields: add at least one field to change/);
		expect(sandbox().requests).toEqual([]);
	});
});
