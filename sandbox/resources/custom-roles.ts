/**
 * The roles of one place, the organization or a project: listed with the predefined ones, created,
 * read, changed and deleted, by the same rules in both places. A name is used once among the place's
 * roles (case-insensitive, predefined ones included); a predefined role cannot be changed or deleted
 * (400); each change records role.created|updated|deleted with the fields the spec gives the type.
 */
import type { OperationId } from '../../nodes/shared/spec';
import { badRequest } from '../http';
import type { SandboxState } from '../state';
import { CollectionStore, type Scope } from '../store';
import type { RouteContext } from './context';
import { serializeRole, type Role } from './role-catalog';
import type { AssignedResource } from './role-assignments';

export interface RolePlace<S> {
	path: string;
	scope: Scope<S>;
	/** The place's roles, predefined ones included. */
	items: (scope: S, state: SandboxState) => Role[];
	/** What the place's roles are roles of: events name it, and new roles take its resource type. */
	resource: (scope: S) => AssignedResource & { resource_type: Role['resource_type'] };
	/** The place, in messages: 'this organization', 'project proj_…'. */
	named: (scope: S) => string;
	/** What goes with a deleted role: its assignments. */
	afterRemove: (role: Role, scope: S, ctx: RouteContext) => void;
}

export interface RoleOperations {
	list: OperationId;
	create: OperationId;
	get: OperationId;
	update: OperationId;
	delete: OperationId;
}

const notBlank = { role_name: { minLength: 1 } };

function editable(role: Role): Role {
	if (role.predefined_role) throw badRequest(`Role ${role.id} is predefined and cannot be changed or deleted.`);
	return role;
}

/** The store of a place's roles, and its five routes. */
export function customRoles<S>(place: RolePlace<S>, operations: RoleOperations) {
	const uniqueName = (scope: S, state: SandboxState, name: string, except?: Role): string => {
		const trimmed = name.trim();
		if (place.items(scope, state).some((r) => r !== except && r.name.toLowerCase() === trimmed.toLowerCase())) {
			throw badRequest(`A role named '${trimmed}' already exists in ${place.named(scope)}.`, 'role_name');
		}
		return trimmed;
	};
	const store = new CollectionStore<Role, S>({
		path: place.path,
		idParam: 'role_id',
		noun: 'role',
		object: 'role',
		idPrefix: 'role_',
		scope: place.scope,
		items: place.items,
		serialize: serializeRole,
		pager: 'next',
		defaultLimit: 1000,
		maxLimit: 1000,
		order: 'asc',
		events: { created: 'role.created', updated: 'role.updated', deleted: 'role.deleted' },
		eventData: (role, scope) => ({ role_name: role.name, permissions: role.permissions, ...place.resource(scope) }),
		// The spec names the permissions a change adds and removes, not the list as sent.
		eventChanges: (body, before, scope) => {
			const permissions = body.permissions as string[] | null | undefined;
			return {
				role_name: typeof body.role_name === 'string' ? body.role_name.trim() : undefined,
				description: typeof body.description === 'string' ? body.description : undefined,
				permissions_added: permissions ? permissions.filter((p) => !before.permissions.includes(p)) : undefined,
				permissions_removed: permissions ? before.permissions.filter((p) => !permissions.includes(p)) : undefined,
				...place.resource(scope),
			};
		},
		beforeRemove: (role) => void editable(role),
		afterRemove: place.afterRemove,
	});
	const routes = [
		store.listRoute(operations.list),
		store.createRoute(operations.create, {
			rules: notBlank,
			build: (ctx, scope) => {
				const now = ctx.now();
				return {
					object: 'role',
					id: store.newId(ctx.state),
					name: uniqueName(scope, ctx.state, ctx.body.role_name as string),
					description: (ctx.body.description as string | null | undefined) ?? null,
					permissions: ctx.body.permissions as string[],
					resource_type: place.resource(scope).resource_type,
					predefined_role: false,
					created_at: now,
					updated_at: now,
				};
			},
		}),
		store.getRoute(operations.get),
		store.updateRoute(operations.update, {
			apply: (role, ctx, scope) => {
				editable(role);
				const { role_name: name, permissions, description } = ctx.body;
				if (typeof name === 'string') role.name = uniqueName(scope, ctx.state, name, role);
				if (Array.isArray(permissions)) role.permissions = permissions as string[];
				if (description !== undefined) role.description = description as string | null;
				role.updated_at = ctx.now();
			},
		}),
		store.deleteRoute(operations.delete),
	];
	return { store, routes };
}
