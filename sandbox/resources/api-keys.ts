/**
 * /organization/projects/{project_id}/api_keys. A key's owner_project_access is derived: 'active' while
 * its owner (user or service account) is still in the project. Without owner_project_access the list
 * hides keys of inactive owners, as the spec's "existing membership-based visibility rules" do.
 */
import { badRequest, notFound, paginate, queryEnum } from '../http';
import type { ApiKey, Project } from '../types';
import { activeProjectOr400, deleted, projectOr404, type RouteContext } from './context';

export function ownerIsActive(project: Project, key: ApiKey): boolean {
	return key.owner.type === 'user'
		? project.users.some((u) => u.id === (key.owner as { user: { id: string } }).user.id)
		: project.serviceAccounts.some((a) => a.id === (key.owner as { service_account: { id: string } }).service_account.id);
}

export function serializeApiKey(project: Project, key: ApiKey) {
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

function keyOr404(project: Project, id: string): { key: ApiKey; index: number } {
	const index = project.apiKeys.findIndex((k) => k.id === id);
	if (index < 0) throw notFound(`The API key ${id} was not found in project ${project.id}`);
	return { key: project.apiKeys[index], index };
}

export function listApiKeys(ctx: RouteContext) {
	const project = projectOr404(ctx);
	const access = queryEnum(ctx.query, 'owner_project_access', ['active', 'inactive', 'any'] as const);
	const visible = (key: ApiKey) => {
		if (access === 'any') return true;
		const active = ownerIsActive(project, key);
		return access === 'inactive' ? !active : active;
	};
	return paginate(ctx.state, project.apiKeys, ctx.query, (k) => serializeApiKey(project, k), { visible });
}

export function retrieveApiKey(ctx: RouteContext) {
	const project = projectOr404(ctx);
	return serializeApiKey(project, keyOr404(project, ctx.params.api_key_id).key);
}

/** Keys owned by a service account go with the service account: deleting one directly is a 400. */
export function deleteApiKey(ctx: RouteContext) {
	const project = activeProjectOr400(ctx);
	const { key, index } = keyOr404(project, ctx.params.api_key_id);
	if (key.owner.type === 'service_account') {
		throw badRequest(
			`API key ${key.id} belongs to service account ${key.owner.service_account.id}; service account keys cannot be deleted directly. Delete the service account instead.`,
		);
	}
	ctx.state.removeAt(project.apiKeys, index);
	return deleted('organization.project.api_key.deleted', key.id);
}
