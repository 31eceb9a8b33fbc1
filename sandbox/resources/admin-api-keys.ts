/**
 * /organization/admin_api_keys: the organization's admin keys. The sandbox's own key is the first
 * (owned by the organization's first owner). A new key's secret `value` is in the create answer
 * only; afterwards the key is listed redacted.
 */
import { ORGANIZATION } from '../collections';
import { badRequest } from '../http';
import type { SandboxState } from '../state';
import { CollectionStore, organization } from '../store';
import type { OrganizationUser } from '../types';
import { route, type Route } from './context';

export interface AdminApiKey {
	object: 'organization.admin_api_key';
	id: string;
	name: string | null;
	redacted_value: string;
	created_at: number;
	expires_at: number | null;
	last_used_at: number | null;
	owner: { type: 'user'; object: 'organization.user'; id: string; name: string; created_at: number; role: 'owner' };
}

const ownerOf = (user: OrganizationUser | undefined): AdminApiKey['owner'] => ({
	type: 'user',
	object: 'organization.user',
	id: user?.id ?? 'user-admin',
	name: user?.name ?? 'Admin',
	created_at: user?.added_at ?? 0,
	role: 'owner',
});

/** The spec's maximum `expires_in_seconds`: a year. */
const MAX_LIFETIME = 31536000;

const redact = (value: string) => `${value.slice(0, 9)}...${value.slice(-4)}`;

/** The admin keys, the sandbox's own first (created when first asked for). */
function adminKeysOf(state: SandboxState): AdminApiKey[] {
	const items = state.collection<AdminApiKey>('/organization/admin_api_keys', ORGANIZATION);
	state.setting('own admin key', () => {
		const owner = state.organizationUsers.find((u) => u.role === 'owner');
		items.push({
			object: 'organization.admin_api_key',
			id: state.adminKeyId,
			name: 'Sandbox admin key',
			redacted_value: state.adminKeyRedacted,
			created_at: owner?.added_at ?? 0,
			expires_at: null,
			last_used_at: null,
			owner: ownerOf(owner),
		});
		return {};
	});
	return items;
}

export const adminApiKeys = new CollectionStore<AdminApiKey>({
	path: '/organization/admin_api_keys',
	idParam: 'key_id',
	noun: 'admin API key',
	object: 'organization.admin_api_key',
	idPrefix: 'key_',
	idLength: 16,
	scope: organization,
	items: (_, state) => adminKeysOf(state),
	order: 'asc',
	events: { created: 'api_key.created', deleted: 'api_key.deleted' },
	eventData: () => ({ scopes: ['api.management.read', 'api.management.write'] }),
});

export const routes: Route[] = [
	adminApiKeys.listRoute('admin-api-keys-list'),
	route('admin-api-keys-create', {
		rules: { name: { minLength: 1 }, expires_in_seconds: { minimum: 1 } },
		handler: (ctx) => {
			const seconds = ctx.body.expires_in_seconds as number | undefined;
			if (seconds !== undefined && seconds > MAX_LIFETIME) {
				throw badRequest(`Invalid 'expires_in_seconds': integer above maximum value. Expected a value <= ${MAX_LIFETIME}, but got ${seconds} instead.`, 'expires_in_seconds');
			}
			const value = ctx.state.newSecret('sk-admin-');
			const now = ctx.now();
			const key = adminApiKeys.insert(ctx, ctx.state, {
				object: 'organization.admin_api_key',
				id: adminApiKeys.newId(ctx.state),
				name: (ctx.body.name as string).trim(),
				redacted_value: redact(value),
				created_at: now,
				expires_at: seconds === undefined ? null : now + seconds,
				last_used_at: null,
				owner: ownerOf(ctx.state.organizationUsers.find((u) => u.role === 'owner')),
			});
			ctx.state.rememberSecret(value, key.id);
			return { ...key, value };
		},
	}),
	adminApiKeys.getRoute('admin-api-keys-get'),
	adminApiKeys.deleteRoute('admin-api-keys-delete'),
];
