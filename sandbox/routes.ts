/**
 * The route table: one entry per endpoint (method, spec path, body spec, handler). Adding another
 * /organization/* endpoint is one entry here plus its handler.
 */
import type { Route } from './resources/context';
import * as apiKeys from './resources/api-keys';
import * as projects from './resources/projects';
import * as projectUsers from './resources/project-users';
import * as rateLimits from './resources/rate-limits';
import * as serviceAccounts from './resources/service-accounts';
import * as users from './resources/users';

const P = '/organization/projects/{project_id}';

export const routes: Route[] = [
	{ method: 'GET', path: '/organization/projects', handler: projects.listProjects },
	{ method: 'POST', path: '/organization/projects', body: projects.createProjectBody, handler: projects.createProject },
	{ method: 'GET', path: P, handler: projects.retrieveProject },
	{ method: 'POST', path: P, body: projects.updateProjectBody, handler: projects.modifyProject },
	{ method: 'POST', path: `${P}/archive`, handler: projects.archiveProject },

	{ method: 'GET', path: `${P}/users`, handler: projectUsers.listProjectUsers },
	{ method: 'POST', path: `${P}/users`, body: projectUsers.createProjectUserBody, handler: projectUsers.createProjectUser },
	{ method: 'GET', path: `${P}/users/{user_id}`, handler: projectUsers.retrieveProjectUser },
	{ method: 'POST', path: `${P}/users/{user_id}`, body: projectUsers.updateProjectUserBody, handler: projectUsers.modifyProjectUser },
	{ method: 'DELETE', path: `${P}/users/{user_id}`, handler: projectUsers.deleteProjectUser },

	{ method: 'GET', path: `${P}/service_accounts`, handler: serviceAccounts.listServiceAccounts },
	{ method: 'POST', path: `${P}/service_accounts`, body: serviceAccounts.createServiceAccountBody, handler: serviceAccounts.createServiceAccount },
	{ method: 'GET', path: `${P}/service_accounts/{service_account_id}`, handler: serviceAccounts.retrieveServiceAccount },
	{ method: 'POST', path: `${P}/service_accounts/{service_account_id}`, body: serviceAccounts.updateServiceAccountBody, handler: serviceAccounts.updateServiceAccount },
	{ method: 'DELETE', path: `${P}/service_accounts/{service_account_id}`, handler: serviceAccounts.deleteServiceAccount },
	{ method: 'POST', path: `${P}/service_accounts/{service_account_id}/api_keys`, body: serviceAccounts.createServiceAccountKeyBody, handler: serviceAccounts.createServiceAccountKey },

	{ method: 'GET', path: `${P}/api_keys`, handler: apiKeys.listApiKeys },
	{ method: 'GET', path: `${P}/api_keys/{api_key_id}`, handler: apiKeys.retrieveApiKey },
	{ method: 'DELETE', path: `${P}/api_keys/{api_key_id}`, handler: apiKeys.deleteApiKey },

	{ method: 'GET', path: `${P}/rate_limits`, handler: rateLimits.listRateLimits },
	{ method: 'POST', path: `${P}/rate_limits/{rate_limit_id}`, body: rateLimits.updateRateLimitBody, handler: rateLimits.updateRateLimit },

	{ method: 'GET', path: '/organization/users', handler: users.listUsers },
	{ method: 'GET', path: '/organization/users/{user_id}', handler: users.retrieveUser },
];

export interface CompiledRoute extends Route {
	regex: RegExp;
	names: string[];
}

export function compileRoutes(table: Route[]): CompiledRoute[] {
	return table.map((route) => {
		const names: string[] = [];
		const pattern = route.path
			.split('/')
			.map((segment) => {
				const m = /^\{(\w+)\}$/.exec(segment);
				if (!m) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
				names.push(m[1]);
				return '([^/]+)';
			})
			.join('/');
		return { ...route, regex: new RegExp(`^${pattern}$`), names };
	});
}

export type RouteMatch =
	| { route: CompiledRoute; params: Record<string, string> }
	| { route: undefined; params: undefined };

/** Matches a raw path; parameters are URL-decoded once (a malformed escape matches nothing). */
export function matchRoute(table: CompiledRoute[], method: string, rawPath: string): RouteMatch {
	for (const route of table) {
		if (route.method !== method) continue;
		const m = route.regex.exec(rawPath);
		if (!m) continue;
		const params: Record<string, string> = {};
		try {
			route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1])));
		} catch {
			continue;
		}
		return { route, params };
	}
	return { route: undefined, params: undefined };
}
