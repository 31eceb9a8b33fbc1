import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { endpoint } from '../endpoint';
import { collection } from '../shared/fields';
import { invalidInput, readCollection, readText, requireChanges } from '../shared/parameters';

const permissionsField = (required: boolean): INodeProperties => ({
	displayName: 'Permissions',
	name: 'permissions',
	type: 'string',
	typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Permission' },
	...(required ? { required } : {}),
	default: [],
	placeholder: 'e.g. api.organization.projects.read',
	description: 'The permissions the role grants, one per value',
});

const descriptionField: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	description: 'What the role is for',
};

/** Permissions as the user gave them: a list of values, or one text separated by commas. */
function readPermissions(context: IExecuteFunctions, value: unknown, itemIndex: number): string[] {
	const given: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
	const list = given
		.map((permission): unknown => (typeof permission === 'string' ? permission.trim() : permission))
		.filter((permission) => permission !== '');
	if (list.some((permission) => typeof permission !== 'string')) {
		throw invalidInput(context, itemIndex, 'Permissions', 'each permission must be a text such as api.organization.projects.read');
	}
	return list as string[];
}

/** Where a role lives: the organization, or one project (its roles are the project's own). */
export type RoleScope = 'organization' | 'project';

const IDS = {
	organization: { create: 'create-role', update: 'update-role' },
	project: { create: 'create-project-role', update: 'update-project-role' },
} as const;

/** A custom role: a unique name and its permissions (at least one). */
export function createRole(scope: RoleScope, locators: Record<string, INodeProperties>) {
	return endpoint.create(IDS[scope].create, {
		action: scope === 'organization' ? 'Create a role' : 'Create a project role',
		description: `Create a custom ${scope} role with the permissions it grants`,
		locators,
		properties: [
			{
				displayName: 'Name',
				name: 'role_name',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. Billing viewer',
				description: `The name of the role, unique in the ${scope}`,
			},
			permissionsField(true),
			collection('additionalFields', [descriptionField]),
		],
		body(itemIndex) {
			const permissions = readPermissions(this, this.getNodeParameter('permissions', itemIndex, []), itemIndex);
			if (permissions.length === 0) throw invalidInput(this, itemIndex, 'Permissions', 'add at least one permission');
			const body: IDataObject = { role_name: readText(this, 'role_name', itemIndex, 'Name'), permissions };
			const { description } = readCollection(this, 'additionalFields', itemIndex);
			if (typeof description === 'string' && description !== '') body.description = description;
			return body;
		},
	});
}

/** Only the fields given are sent, and at least one must be. Predefined roles cannot be changed. */
export function updateRole(scope: RoleScope, locators: Record<string, INodeProperties>) {
	return endpoint.update(IDS[scope].update, {
		action: scope === 'organization' ? 'Update a role' : 'Update a project role',
		description: 'Rename a custom role, or change its permissions or description',
		locators,
		properties: [
			collection('updateFields', [
				{
					displayName: 'Allow Empty Permissions',
					name: 'allowEmptyPermissions',
					type: 'boolean',
					default: false,
					description:
						'Whether to send Permissions even when it is empty, which takes every permission from the role and from everyone who holds it. Off, an empty Permissions fails the item instead.',
				},
				descriptionField,
				{ displayName: 'Name', name: 'role_name', type: 'string', default: '', description: 'The new name of the role' },
				{ ...permissionsField(false), description: 'The full new set of permissions, one per value' },
			]),
		],
		body(itemIndex) {
			const updates = readCollection(this, 'updateFields', itemIndex);
			const body: IDataObject = {};
			if (typeof updates.role_name === 'string' && updates.role_name.trim() !== '') body.role_name = updates.role_name;
			if (updates.permissions !== undefined) {
				const permissions = readPermissions(this, updates.permissions, itemIndex);
				// Sent only when the user said so, never because an expression came out empty.
				if (permissions.length === 0 && updates.allowEmptyPermissions !== true) {
					throw invalidInput(
						this,
						itemIndex,
						'Permissions',
						'an empty list takes every permission from the role and from everyone who holds it: give at least one permission, or add "Allow Empty Permissions" to send it anyway',
					);
				}
				body.permissions = permissions;
			}
			if (typeof updates.description === 'string' && updates.description !== '') body.description = updates.description;
			return requireChanges(this, itemIndex, body, 'field');
		},
	});
}
