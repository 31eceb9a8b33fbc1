/**
 * Spend alerts and hard spend limits, of the organization and of each project. Alerts are a list
 * (`after`/`before` cursors, `order`); a spend limit is one setting that does not exist until set:
 * reading an unset limit is a 404, deleting one answers the deletion either way. Bodies are checked
 * against the spec (threshold ≥ 0 for alerts, ≥ 1 for limits, USD, month, email channel). Changes are
 * recorded as `organization.updated` or `project.updated`, the spec's event types for them.
 */
import { queryEnum } from '../http';
import { paginate } from '../pagers';
import type { SandboxState } from '../state';
import { CollectionStore, SingletonStore, organization, project, type Scope } from '../store';
import type { Project } from '../types';
import { route, type Route } from './context';

export interface SpendAlert {
	id: string;
	threshold_amount: number;
	currency: string;
	interval: string;
	notification_channel: { type: string; recipients: string[]; subject_prefix?: string | null };
}

/** The spend alerts of the organization or of a project: the spec names their operations after the owner. */
function alerts<S>(owner: 'organization' | 'project', path: string, object: string, scope: Scope<S>, event: string) {
	const store = new CollectionStore<SpendAlert, S>({
		path,
		idParam: 'alert_id',
		noun: 'spend alert',
		object,
		idPrefix: 'alert_',
		scope,
		serialize: (alert) => ({ object, ...alert }),
		events: { created: event, updated: event, deleted: event },
	});
	const fromBody = (body: Record<string, unknown>) => ({
		threshold_amount: body.threshold_amount as number,
		currency: body.currency as string,
		interval: body.interval as string,
		notification_channel: body.notification_channel as SpendAlert['notification_channel'],
	});
	const list = route(`list-${owner}-spend-alerts`, {
		handler: (ctx) => {
			const parent = scope.read(ctx);
			const items = store.items(parent, ctx.state);
			const ordered = queryEnum(ctx.query, 'order', ['asc', 'desc'] as const) === 'desc' ? [...items].reverse() : items;
			return paginate(ordered, ctx.query, (alert) => store.serialize(alert, parent), { allowBefore: true });
		},
	});
	const routes: Route[] = [
		list,
		store.createRoute(`create-${owner}-spend-alert`, { build: (ctx) => ({ id: store.newId(ctx.state), ...fromBody(ctx.body) }) }),
		store.getRoute(`retrieve-${owner}-spend-alert`),
		// An update takes the whole alert, as a create does.
		store.updateRoute(`update-${owner}-spend-alert`, { apply: (alert, ctx) => Object.assign(alert, fromBody(ctx.body)) }),
		store.deleteRoute(`delete-${owner}-spend-alert`),
	];
	return { store, routes };
}

export const organizationAlerts = alerts<SandboxState>('organization', '/organization/spend_alerts', 'organization.spend_alert', organization, 'organization.updated');
export const projectAlerts = alerts<Project>('project', '/organization/projects/{project_id}/spend_alerts', 'project.spend_alert', project, 'project.updated');

export interface SpendLimit {
	threshold_amount: number | null;
	currency: string;
	interval: string;
}

function limit<S>(owner: 'organization' | 'project', path: string, object: string, scope: Scope<S>, event: string, named: (scope: S) => string) {
	const store = new SingletonStore<SpendLimit, S>({
		path,
		scope,
		defaults: () => ({ threshold_amount: null, currency: 'USD', interval: 'month' }),
		serialize: (value) => ({ object, ...value, enforcement: { status: 'inactive' } }),
		event,
		missing: (value, parent) => (value.threshold_amount === null ? `No hard spend limit is set for ${named(parent)}.` : undefined),
		deleted: () => ({ object: `${object}.deleted`, deleted: true }),
	});
	const routes = [store.getRoute(`Get${owner}spendlimit`), store.updateRoute(`Update${owner}spendlimit`), store.resetRoute(`Delete${owner}spendlimit`)];
	return { store, routes };
}

export const organizationLimit = limit<SandboxState>('organization', '/organization/spend_limit', 'organization.spend_limit', organization, 'organization.updated', () => 'the organization');
export const projectLimit = limit<Project>('project', '/organization/projects/{project_id}/spend_limit', 'project.spend_limit', project, 'project.updated', (p) => `project ${p.id}`);

export const routes: Route[] = [
	...organizationAlerts.routes,
	...projectAlerts.routes,
	...organizationLimit.routes,
	...projectLimit.routes,
];

/** Adds n spend alerts to the organization, or to a project: thresholds of 100, 200, ... dollars. */
export function addSpendAlerts(state: SandboxState, n: number, parent?: Project): SpendAlert[] {
	const store = parent ? projectAlerts.store : organizationAlerts.store;
	const items = parent ? projectAlerts.store.items(parent, state) : organizationAlerts.store.items(state, state);
	const added = Array.from({ length: n }, (_, i): SpendAlert => ({
		id: store.newId(state),
		threshold_amount: (items.length + i + 1) * 10000,
		currency: 'USD',
		interval: 'month',
		notification_channel: { type: 'email', recipients: ['finance@example.com'], subject_prefix: null },
	}));
	items.push(...added);
	return added;
}

/** Sets a hard spend limit directly (tests), as a POST would. */
export function setSpendLimit(state: SandboxState, thresholdAmount: number, parent?: Project): void {
	const value = { threshold_amount: thresholdAmount, currency: 'USD', interval: 'month' };
	if (parent) Object.assign(projectLimit.store.value(parent, state), value);
	else Object.assign(organizationLimit.store.value(state, state), value);
}
