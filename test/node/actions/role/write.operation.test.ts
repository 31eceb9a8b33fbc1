/**
 * Role → Update and Project Role → Update (write.operation.ts): Permissions replaces the role's whole
 * set, so an empty one, which would take every permission from everyone who holds the role, is sent
 * only when Allow Empty Permissions says so, never because an expression came out empty.
 */
import type { INodeParameters } from 'n8n-workflow';

import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe.each([
	['role', 'organization'],
	['projectRole', 'project'],
] as const)('%s → Update', (resource, scope) => {
	const sandbox = useSandbox({ projects: 1 });
	/** Where the role is: nothing for the organization's, the project for a project's. */
	const at = (): INodeParameters => (scope === 'project' ? { projectId: byId(sandbox().state.projects.find((p) => !p.is_default)!.id) } : {});
	const update = (roleId: string, updateFields: INodeParameters) => runAgainst(sandbox(), { resource, operation: 'update', ...at(), roleId: byId(roleId), updateFields });

	/** A custom role with one permission, created through the node. */
	async function customRole() {
		const created = await runAgainst(sandbox(), { resource, operation: 'create', ...at(), role_name: 'Auditors', permissions: [`api.${scope}.read`] });
		expect(created.json[0]).toMatchObject({ resource_type: `api.${scope}`, predefined_role: false });
		sandbox().resetLog();
		return String(created.json[0].id);
	}

	it('replaces the permissions', async () => {
		const roleId = await customRole();
		const run = await update(roleId, { permissions: ['api.groups.read', 'api.groups.write'] });
		expect(run.error).toBeUndefined();
		expect(calls(sandbox())[0].body).toEqual({ permissions: ['api.groups.read', 'api.groups.write'] });
		expect(run.json[0]).toMatchObject({ id: roleId, permissions: ['api.groups.read', 'api.groups.write'] });
	});

	it.each([
		['no value', []],
		['an expression that comes out empty', '={{ $json.missing ?? "" }}'],
	])('refuses Permissions with %s, before any request, leaving the role as it was', async (_case, permissions) => {
		const roleId = await customRole();
		const run = await update(roleId, { permissions });
		expect(run.error?.message).toBe(
			'Permissions: an empty list takes every permission from the role and from everyone who holds it: give at least one permission, or add "Allow Empty Permissions" to send it anyway [item 0]',
		);
		expect(run.error?.description).toBe('Check the "Permissions" field of item 0.');
		expect(sandbox().requests).toEqual([]);
		const read = await runAgainst(sandbox(), { resource, operation: 'get', ...at(), roleId: byId(roleId) });
		expect(read.json[0].permissions).toEqual([`api.${scope}.read`]);
	});

	it('sends an empty list when Allow Empty Permissions is on', async () => {
		const roleId = await customRole();
		const run = await update(roleId, { permissions: [], allowEmptyPermissions: true });
		expect(run.error).toBeUndefined();
		expect(calls(sandbox())[0].body).toEqual({ permissions: [] });
		expect(run.json[0]).toMatchObject({ id: roleId, permissions: [] });
	});

	it('counts Allow Empty Permissions alone as nothing to change', async () => {
		const roleId = await customRole();
		const run = await update(roleId, { allowEmptyPermissions: true });
		expect(run.error?.message).toMatch(/^Update Fields: add at least one field to change/);
		expect(sandbox().requests).toEqual([]);
	});
});
