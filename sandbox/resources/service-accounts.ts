/**
 * /organization/projects/{project_id}/service_accounts. Creating one returns its API key unredacted,
 * once; afterwards the key is only visible, redacted, in the project's api_keys.
 */
import { SEEDED_COLLECTIONS } from '../collections';
import { CollectionStore, activeProject } from '../store';
import type { ApiKey, Project, ServiceAccount } from '../types';
import { apiKeys } from './api-keys';
import { route, type Route, type RouteContext } from './context';

export function serializeServiceAccount(a: ServiceAccount) {
	return { object: 'organization.project.service_account' as const, id: a.id, name: a.name, role: a.role, created_at: a.created_at };
}

const notBlank = { name: { minLength: 1 } };

export const serviceAccounts = new CollectionStore<ServiceAccount, Project>({
	path: SEEDED_COLLECTIONS.serviceAccounts,
	idParam: 'service_account_id',
	noun: 'service account',
	object: 'organization.project.service_account',
	idPrefix: 'svc_acct_',
	scope: activeProject,
	serialize: serializeServiceAccount,
	events: { created: 'service_account.created', updated: 'service_account.updated', deleted: 'service_account.deleted' },
	eventData: (a) => ({ role: a.role }),
	// A service account's API keys are deleted with it.
	afterRemove: (account, project, ctx) => {
		for (let i = project.apiKeys.length - 1; i >= 0; i--) {
			const key = project.apiKeys[i];
			if (key.owner.type === 'service_account' && key.owner.service_account.id === account.id) {
				ctx.state.removeAt(project.apiKeys, i);
				apiKeys.record(ctx.state, 'deleted', project, key, {});
			}
		}
	},
});

/** A new key of the account, recorded with its event; its secret value is only in this answer. */
function issueKey(ctx: RouteContext, project: Project, account: ServiceAccount, created_at: number, name?: string) {
	const { key, value } = ctx.state.makeServiceAccountKey(account, created_at, name);
	apiKeys.insert(ctx, project, key);
	return oneTimeKey(key, value);
}

function oneTimeKey(key: ApiKey, value: string) {
	return { object: 'organization.project.service_account.api_key' as const, value, name: key.name, created_at: key.created_at, id: key.id };
}

export const routes: Route[] = [
	serviceAccounts.listRoute('list-project-service-accounts'),
	// `create_service_account_only: true` gives role 'none' and no key.
	route('create-project-service-account', {
		rules: notBlank,
		handler: (ctx) => {
			const project = activeProject.write(ctx);
			const only = ctx.body.create_service_account_only === true;
			const account = serviceAccounts.insert(ctx, project, {
				object: 'organization.project.service_account',
				id: serviceAccounts.newId(ctx.state),
				name: (ctx.body.name as string).trim(),
				role: only ? 'none' : 'member',
				created_at: ctx.now(),
			});
			return { ...serializeServiceAccount(account), api_key: only ? null : issueKey(ctx, project, account, account.created_at) };
		},
	}),
	serviceAccounts.getRoute('retrieve-project-service-account'),
	serviceAccounts.updateRoute('update-project-service-account', { rules: notBlank }),
	serviceAccounts.deleteRoute('delete-project-service-account'),
	route('CreateanAPIkeyforaserviceaccount', {
		rules: notBlank,
		handler: (ctx) => {
			const project = activeProject.write(ctx);
			const account = serviceAccounts.require(project, ctx.state, ctx.params.service_account_id);
			const name = typeof ctx.body.name === 'string' ? ctx.body.name.trim() : 'Secret Key';
			return issueKey(ctx, project, account, ctx.now(), name);
		},
	}),
];
