/**
 * The route table, gathered from the resource files: each declares its stores and serves their plain
 * endpoints from them, with hand-written routes only where there are rules of their own. Every route
 * names the spec operation it serves, and serves it alone.
 */
import type { Endpoint, Route } from './resources/context';
import * as apiKeys from './resources/api-keys';
import * as auditLogs from './resources/audit-logs';
import * as projects from './resources/projects';
import * as projectUsers from './resources/project-users';
import * as rateLimits from './resources/rate-limits';
import * as serviceAccounts from './resources/service-accounts';
import * as users from './resources/users';
import * as spend from './resources/spend';
import * as projectSettings from './resources/project-settings';
import * as usage from './resources/usage';
import * as invites from './resources/invites';
import * as adminApiKeys from './resources/admin-api-keys';
import * as groups from './resources/groups';
import * as roles from './resources/roles';
import * as projectRoles from './resources/project-roles';
import * as certificates from './resources/certificates';
import * as keyUse from './resources/key-use';

/** The table, refused when two routes serve one operation (the first would hide the second). */
export function oneRoutePerOperation(table: Route[]): Route[] {
	const seen = new Set<string>();
	for (const { operationId } of table) {
		if (seen.has(operationId)) throw new Error(`sandbox: two routes serve the operation '${operationId}'`);
		seen.add(operationId);
	}
	return table;
}

export const routes: Route[] = oneRoutePerOperation([
	...projects.routes,
	...projectUsers.routes,
	...serviceAccounts.routes,
	...apiKeys.routes,
	...rateLimits.routes,
	...users.routes,
	...auditLogs.routes,
	...usage.routes,
	...spend.routes,
	...projectSettings.routes,
	...invites.routes,
	...adminApiKeys.routes,
	...groups.routes,
	...roles.routes,
	...projectRoles.routes,
	...certificates.routes,
]);

/** Controls only the sandbox has, beside the Admin API (not in the spec): see sandbox/README.md. */
export const controlRoutes: Endpoint[] = [...invites.controlRoutes, ...keyUse.controlRoutes];

export interface CompiledRoute extends Endpoint {
	regex: RegExp;
	names: string[];
}

export function compileRoutes(table: Endpoint[]): CompiledRoute[] {
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
