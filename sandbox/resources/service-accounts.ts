/**
 * /organization/projects/{project_id}/service_accounts. Creating one returns its API key unredacted,
 * once; afterwards the key is only visible, redacted, in the project's api_keys.
 */
import { notFound, paginate, type BodySpec } from '../http';
import type { Project, ServiceAccount } from '../types';
import { activeProjectOr400, deleted, type RouteContext } from './context';

export function serializeServiceAccount(a: ServiceAccount) {
	return { object: 'organization.project.service_account' as const, id: a.id, name: a.name, role: a.role, created_at: a.created_at };
}

export const createServiceAccountBody: BodySpec = {
	name: { type: 'string', required: true, minLength: 1 },
	create_service_account_only: { type: 'boolean', nullable: true },
};

export const updateServiceAccountBody: BodySpec = {
	name: { type: 'string', minLength: 1 },
	role: { type: 'string', enum: ['member', 'owner'] },
};

export const createServiceAccountKeyBody: BodySpec = {
	name: { type: 'string', minLength: 1 },
	scopes: { type: 'array', items: 'string' },
};

function accountOr404(project: Project, id: string): { account: ServiceAccount; index: number } {
	const index = project.serviceAccounts.findIndex((a) => a.id === id);
	if (index < 0) throw notFound(`The service account ${id} was not found in project ${project.id}`);
	return { account: project.serviceAccounts[index], index };
}

export function listServiceAccounts(ctx: RouteContext) {
	const project = activeProjectOr400(ctx);
	return paginate(ctx.state, project.serviceAccounts, ctx.query, serializeServiceAccount);
}

export function createServiceAccount(ctx: RouteContext) {
	const project = activeProjectOr400(ctx);
	const only = ctx.body.create_service_account_only === true;
	const account: ServiceAccount = {
		object: 'organization.project.service_account',
		id: ctx.state.newId('svc_acct_', 24),
		name: (ctx.body.name as string).trim(),
		role: only ? 'none' : 'member',
		created_at: ctx.now(),
	};
	project.serviceAccounts.push(account);
	if (only) return { ...serializeServiceAccount(account), api_key: null };
	const { key, value } = ctx.state.makeServiceAccountKey(account, account.created_at);
	project.apiKeys.push(key);
	return {
		...serializeServiceAccount(account),
		api_key: {
			object: 'organization.project.service_account.api_key' as const,
			value,
			name: key.name,
			created_at: key.created_at,
			id: key.id,
		},
	};
}

export function retrieveServiceAccount(ctx: RouteContext) {
	const project = activeProjectOr400(ctx);
	return serializeServiceAccount(accountOr404(project, ctx.params.service_account_id).account);
}

export function updateServiceAccount(ctx: RouteContext) {
	const project = activeProjectOr400(ctx);
	const { account } = accountOr404(project, ctx.params.service_account_id);
	if (typeof ctx.body.name === 'string') account.name = ctx.body.name.trim();
	if (typeof ctx.body.role === 'string') account.role = ctx.body.role as ServiceAccount['role'];
	return serializeServiceAccount(account);
}

/** Deleting a service account deletes its API keys with it. */
export function deleteServiceAccount(ctx: RouteContext) {
	const project = activeProjectOr400(ctx);
	const { account, index } = accountOr404(project, ctx.params.service_account_id);
	ctx.state.removeAt(project.serviceAccounts, index);
	for (let i = project.apiKeys.length - 1; i >= 0; i--) {
		const owner = project.apiKeys[i].owner;
		if (owner.type === 'service_account' && owner.service_account.id === account.id) ctx.state.removeAt(project.apiKeys, i);
	}
	return deleted('organization.project.service_account.deleted', account.id);
}

/** An additional key for a service account; like the first one, its value is returned only here. */
export function createServiceAccountKey(ctx: RouteContext) {
	const project = activeProjectOr400(ctx);
	const { account } = accountOr404(project, ctx.params.service_account_id);
	const name = typeof ctx.body.name === 'string' ? ctx.body.name.trim() : 'Secret Key';
	const { key, value } = ctx.state.makeServiceAccountKey(account, ctx.now(), name);
	project.apiKeys.push(key);
	return {
		object: 'organization.project.service_account.api_key' as const,
		value,
		name: key.name,
		created_at: key.created_at,
		id: key.id,
	};
}
