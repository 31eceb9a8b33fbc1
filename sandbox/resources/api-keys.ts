/**
 * /organization/projects/{project_id}/api_keys. A key's owner_project_access is derived: 'active' while
 * its owner (user or service account) is still in the project. Without owner_project_access the list
 * hides keys of inactive owners, as the spec's "existing membership-based visibility rules" do.
 */
import { badRequest, queryEnum } from '../http';
import { SEEDED_COLLECTIONS } from '../collections';
import { CollectionStore, project } from '../store';
import type { ApiKey, Project } from '../types';
import type { Route } from './context';

export function ownerIsActive(project: Project, key: ApiKey): boolean {
	return key.owner.type === 'user'
		? project.users.some((u) => u.id === (key.owner as { user: { id: string } }).user.id)
		: project.serviceAccounts.some((a) => a.id === (key.owner as { service_account: { id: string } }).service_account.id);
}

export function serializeApiKey(key: ApiKey, project: Project) {
	let owner: ApiKey['owner'];
	if (key.owner.type === 'user') {
		const snapshot = key.owner.user;
		const member = project.users.find((u) => u.id === snapshot.id);
		owner = {
			type: 'user',
			user: member
				? { id: member.id, email: member.email, name: member.name, created_at: snapshot.created_at, role: member.role }
				: { ...snapshot },
		};
	} else {
		const snapshot = key.owner.service_account;
		const account = project.serviceAccounts.find((a) => a.id === snapshot.id);
		owner = {
			type: 'service_account',
			service_account: account
				? { id: account.id, name: account.name, created_at: account.created_at, role: account.role }
				: { ...snapshot },
		};
	}
	return {
		object: 'organization.project.api_key' as const,
		redacted_value: key.redacted_value,
		name: key.name,
		created_at: key.created_at,
		last_used_at: key.last_used_at,
		id: key.id,
		owner_project_access: ownerIsActive(project, key) ? ('active' as const) : ('inactive' as const),
		owner,
	};
}

export const apiKeys = new CollectionStore<ApiKey, Project>({
	path: SEEDED_COLLECTIONS.apiKeys,
	idParam: 'api_key_id',
	noun: 'API key',
	object: 'organization.project.api_key',
	idPrefix: 'key_',
	idLength: 16,
	scope: project,
	serialize: serializeApiKey,
	events: { created: 'api_key.created', deleted: 'api_key.deleted' },
	eventData: () => ({ scopes: [] }),
	// Keys owned by a service account go with the service account.
	beforeRemove: (key) => {
		if (key.owner.type === 'service_account') {
			throw badRequest(
				`API key ${key.id} belongs to service account ${key.owner.service_account.id}; service account keys cannot be deleted directly. Delete the service account instead.`,
			);
		}
	},
});

export const routes: Route[] = [
	apiKeys.listRoute('list-project-api-keys', {
		filter: (ctx, p) => {
			const access = queryEnum(ctx.query, 'owner_project_access', ['active', 'inactive', 'any'] as const);
			if (access === 'any') return undefined;
			return (key) => ownerIsActive(p, key) === (access !== 'inactive');
		},
	}),
	apiKeys.getRoute('retrieve-project-api-key'),
	apiKeys.deleteRoute('delete-project-api-key'),
];
