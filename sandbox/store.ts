/**
 * Generic stores: what most Admin API endpoints are. A CollectionStore is a list of objects with ids
 * under an optional parent (a project); a SingletonStore is one settings object per parent. Each store
 * serves its plain endpoints (list, get, create, update, delete; get, update, reset) from one
 * declaration, records the audit event of every change it makes, and leaves hand-written handlers to
 * what has rules of its own.
 */
import type { OperationId } from '../nodes/shared/spec';
import { creationPayload } from './audit';
import { ORGANIZATION } from './collections';
import { badRequest, notFound, queryEnum } from './http';
import { paginate, type PagerStyle } from './pagers';
import { route, type Route, type RouteContext, type Serving } from './resources/context';
import type { SandboxState } from './state';
import type { Project } from './types';
import type { BodyRules } from './validate';

/** Where a store's objects hang: the organization, or one project. */
export interface Scope<S> {
	/** The parent named by the request's path, for reading (404 when there is none). */
	read(ctx: RouteContext): S;
	/** The same, for changing it (an archived project refuses: 400). */
	write(ctx: RouteContext): S;
	/** Tells the parents apart, for objects the state keeps per parent. */
	key(scope: S): string;
	/** The project an audit event of this scope concerns. */
	project(scope: S): Project | undefined;
}

export function projectOr404(ctx: RouteContext): Project {
	const id = ctx.params.project_id;
	const project = ctx.state.findProject(id);
	if (!project) throw notFound(`The project ${id} was not found`);
	return project;
}

/** Archived projects have no users or service accounts and cannot be changed. */
export function activeProjectOr400(ctx: RouteContext): Project {
	const project = projectOr404(ctx);
	if (project.archived_at !== null) {
		throw badRequest(`Project ${project.id} is archived. Archived projects cannot be used or modified.`);
	}
	return project;
}

export const organization: Scope<SandboxState> = {
	read: (ctx) => ctx.state,
	write: (ctx) => ctx.state,
	key: () => ORGANIZATION,
	project: () => undefined,
};

/** A project's objects: readable while it is archived, changeable only while it is active. */
export const project: Scope<Project> = {
	read: projectOr404,
	write: activeProjectOr400,
	key: (p) => p.id,
	project: (p) => p,
};

/** Objects an archived project no longer has at all (members, service accounts). */
export const activeProject: Scope<Project> = { ...project, read: activeProjectOr400 };

export type AuditPayload = Record<string, unknown>;

/**
 * A store's route for `operationId`, which must be the operation the store serves there: binding a
 * list to a get, or one store's helper to another path, fails at load instead of serving the wrong thing.
 */
function storeRoute(operationId: OperationId, method: Route['method'], path: string, serving: Serving): Route {
	const bound = route(operationId, serving);
	if (bound.method !== method || bound.path !== path) {
		throw new Error(`sandbox: '${operationId}' is ${bound.method} ${bound.path}, not the store's ${method} ${path}`);
	}
	return bound;
}

/** A route that changes what hangs under a parent: the handler gets the parent, checked for writing. */
function changeRoute<S>(
	operationId: OperationId,
	method: Route['method'],
	path: string,
	scope: Scope<S>,
	rules: BodyRules | undefined,
	handle: (ctx: RouteContext, parent: S) => unknown,
): Route {
	return storeRoute(operationId, method, path, { rules, handler: (ctx) => handle(ctx, scope.write(ctx)) });
}

export interface CollectionOptions<T extends { id: string }, S> {
	/** The collection's path after /v1, as in the spec; an object's path adds `/{idParam}`. */
	path: string;
	idParam: string;
	/** For messages: "The {noun} {id} was not found". */
	noun: string;
	/** The serialized object's `object`; a deletion answers `{object: '<object>.deleted', id, deleted: true}`. */
	object: string;
	/** New ids: prefix + random alphanumerics. */
	idPrefix: string;
	idLength?: number;
	scope: Scope<S>;
	/** Where the objects live; by default the state keeps them per parent under the collection's path. */
	items?: (scope: S, state: SandboxState) => T[];
	serialize?: (item: T, scope: S) => unknown;
	pager?: PagerStyle;
	defaultLimit?: number;
	/** The largest `limit` (100 unless the spec says otherwise: groups and roles take 1000). */
	maxLimit?: number;
	allowBefore?: boolean;
	/** Lists with an `order` query parameter (`asc`|`desc`), and its default; items are kept oldest first. */
	order?: 'asc' | 'desc';
	/** Audit event types of the spec's AuditLogEventType enum; a change without one cannot be served. */
	events?: { created?: string; updated?: string; deleted?: string };
	/**
	 * What a creation event tells of the new object (under `data`, or flat where the spec's event type
	 * has no `data`; the spec keeps only the fields its event type names). Default: the object as served.
	 */
	eventData?: (item: T, scope: S) => AuditPayload;
	/** The project an event concerns when it is not the parent (a project's own events). */
	projectOf?: (item: T) => Project | undefined;
	/** The `changes_requested` of an update event, from the body and the object before the change; default the body as sent. */
	eventChanges?: (body: Record<string, unknown>, before: T, scope: S) => AuditPayload;
	/** Refuses a deletion (400) before anything changes. */
	beforeRemove?: (item: T, scope: S, ctx: RouteContext) => void;
	/** Cascades: what goes with the object. */
	afterRemove?: (item: T, scope: S, ctx: RouteContext) => void;
}

type Change = 'created' | 'updated' | 'deleted';

export interface ListOptions<T, S> {
	/** Query-driven visibility (archived projects, key access, email filters). */
	filter?: (ctx: RouteContext, scope: S) => ((item: T) => boolean) | undefined;
}

export interface WriteOptions {
	/** Rules beyond the spec's body schema (enums stated in prose, no blank names). */
	rules?: BodyRules;
}

/** Every collection store by its path, as the resource files declare them (the first one a path gets). */
const STORES = new Map<string, CollectionStore<{ id: string }, unknown>>();

/** The store that keeps the collection at a spec path (`/organization/invites`), if one does. */
export function collectionStoreAt(path: string): CollectionStore<{ id: string }, unknown> | undefined {
	return STORES.get(path);
}

/** Every collection store declared so far. */
export const collectionStores = (): Array<CollectionStore<{ id: string }, unknown>> => [...STORES.values()];

export class CollectionStore<T extends { id: string }, S = SandboxState> {
	readonly itemPath: string;

	constructor(readonly options: CollectionOptions<T, S>) {
		this.itemPath = `${options.path}/{${options.idParam}}`;
		if (!STORES.has(options.path)) STORES.set(options.path, this as unknown as CollectionStore<{ id: string }, unknown>);
	}

	items(scope: S, state: SandboxState): T[] {
		return this.options.items ? this.options.items(scope, state) : state.collection<T>(this.options.path, this.options.scope.key(scope));
	}

	serialize(item: T, scope: S): unknown {
		return this.options.serialize ? this.options.serialize(item, scope) : item;
	}

	find(scope: S, state: SandboxState, id: string): T | undefined {
		return this.items(scope, state).find((x) => x.id === id);
	}

	/** The object, or the API's 404 naming it (and its project). */
	require(scope: S, state: SandboxState, id: string): T {
		const item = this.find(scope, state, id);
		if (item) return item;
		const project = this.options.scope.project(scope);
		throw notFound(`The ${this.options.noun} ${id} was not found${project ? ` in project ${project.id}` : ''}`);
	}

	newId(state: SandboxState): string {
		return state.newId(this.options.idPrefix, this.options.idLength ?? 24);
	}

	/** Adds an object and records its creation event. */
	insert(ctx: RouteContext, scope: S, item: T): T {
		this.items(scope, ctx.state).push(item);
		const details = this.options.eventData?.(item, scope) ?? (this.serialize(item, scope) as AuditPayload);
		this.record(ctx.state, 'created', scope, item, creationPayload(this.eventType('created'), details));
		return item;
	}

	/** Removes an object (cursors naming it keep working), runs cascades, records the event. */
	remove(ctx: RouteContext, scope: S, id: string): T {
		const item = this.require(scope, ctx.state, id);
		this.options.beforeRemove?.(item, scope, ctx);
		const items = this.items(scope, ctx.state);
		ctx.state.removeAt(items, items.indexOf(item));
		this.options.afterRemove?.(item, scope, ctx);
		this.record(ctx.state, 'deleted', scope, item, {});
		return item;
	}

	/** Records a change of `item` made through the API (hand-written handlers call this too). */
	record(state: SandboxState, change: Change, scope: S, item: T, payload: AuditPayload): void {
		const project = this.options.projectOf?.(item) ?? this.options.scope.project(scope);
		state.recordEvent({ type: this.eventType(change), project, payload: { id: item.id, ...payload } });
	}

	/** Checked when a route is declared, so a change that would go unrecorded is never served. */
	private eventType(change: Change): string {
		const type = this.options.events?.[change];
		if (!type) throw new Error(`sandbox: ${this.options.noun} has no '${change}' audit event type`);
		return type;
	}

	// ------------------------------------------------------------ routes

	listRoute(operationId: OperationId, options: ListOptions<T, S> = {}): Route {
		return storeRoute(operationId, 'GET', this.options.path, {
			handler: (ctx) => {
				const scope = this.options.scope.read(ctx);
				const all = this.items(scope, ctx.state);
				const order = this.options.order && (queryEnum(ctx.query, 'order', ['asc', 'desc'] as const) ?? this.options.order);
				return paginate(order === 'desc' ? [...all].reverse() : all, ctx.query, (item) => this.serialize(item, scope), {
					style: this.options.pager,
					defaultLimit: this.options.defaultLimit,
					maxLimit: this.options.maxLimit,
					allowBefore: this.options.allowBefore,
					visible: options.filter?.(ctx, scope),
					cursorIndex: (items, id) => ctx.state.cursorIndex(items, id),
				});
			},
		});
	}

	getRoute(operationId: OperationId): Route {
		return storeRoute(operationId, 'GET', this.itemPath, {
			handler: (ctx) => {
				const scope = this.options.scope.read(ctx);
				return this.serialize(this.require(scope, ctx.state, ctx.params[this.options.idParam]), scope);
			},
		});
	}

	/** POST to the collection: an object made of the body's fields, a fresh id and `created_at`. */
	createRoute(
		operationId: OperationId,
		options: WriteOptions & {
			build?: (ctx: RouteContext, scope: S) => T;
			/** What comes with the new object (a project's rate limits). */
			after?: (ctx: RouteContext, item: T, scope: S) => void;
		} = {},
	): Route {
		this.eventType('created');
		return changeRoute(operationId, 'POST', this.options.path, this.options.scope, options.rules, (ctx, scope) => {
			const build =
				options.build ??
				(() => ({ object: this.options.object, id: this.newId(ctx.state), created_at: ctx.now(), ...ctx.body }) as unknown as T);
			const item = this.insert(ctx, scope, build(ctx, scope));
			options.after?.(ctx, item, scope);
			return this.serialize(item, scope);
		});
	}

	/** POST to the object: the body's fields replace the object's; strings are trimmed. */
	updateRoute(operationId: OperationId, options: WriteOptions & { apply?: (item: T, ctx: RouteContext, scope: S) => void } = {}): Route {
		this.eventType('updated');
		return changeRoute(operationId, 'POST', this.itemPath, this.options.scope, options.rules, (ctx, scope) => {
			const item = this.require(scope, ctx.state, ctx.params[this.options.idParam]);
			const changes = this.options.eventChanges?.(ctx.body, item, scope) ?? ctx.body;
			if (options.apply) options.apply(item, ctx, scope);
			else assignFields(item as Record<string, unknown>, ctx.body);
			this.record(ctx.state, 'updated', scope, item, { changes_requested: changes });
			return this.serialize(item, scope);
		});
	}

	/**
	 * DELETE of the object. `refuse` may refuse this request (400) before anything changes; unlike the
	 * store's `beforeRemove`, it does not hold back a cascade (a user removed from the organization).
	 */
	deleteRoute(operationId: OperationId, options: { refuse?: (item: T, scope: S, ctx: RouteContext) => void } = {}): Route {
		this.eventType('deleted');
		return changeRoute(operationId, 'DELETE', this.itemPath, this.options.scope, undefined, (ctx, scope) => {
			const id = ctx.params[this.options.idParam];
			options.refuse?.(this.require(scope, ctx.state, id), scope, ctx);
			const item = this.remove(ctx, scope, id);
			return { object: `${this.options.object}.deleted`, id: item.id, deleted: true };
		});
	}
}

/** Copies the body's given fields (null included, undefined not); strings lose surrounding blanks. */
export function assignFields(target: Record<string, unknown>, body: Record<string, unknown>): void {
	for (const [key, value] of Object.entries(body)) {
		if (value !== undefined) target[key] = typeof value === 'string' ? value.trim() : value;
	}
}

export interface SingletonOptions<T extends object, S> {
	path: string;
	scope: Scope<S>;
	/** The settings before anything changed them, and after a DELETE. */
	defaults: (scope: S, state: SandboxState) => T;
	serialize?: (value: T, scope: S) => unknown;
	/** The spec's AuditLogEventType for a change; without one, changes cannot be served. */
	event?: string;
	/** Settings that do not exist yet (a spend limit never set): GET answers 404 with this message. */
	missing?: (value: T, scope: S) => string | undefined;
	/** What a DELETE answers (a deletion confirmation); default the settings as reset. */
	deleted?: (scope: S) => unknown;
}

/** One settings object per parent (data retention, a spend limit): GET, POST to change, DELETE to reset. */
export class SingletonStore<T extends object, S = SandboxState> {
	constructor(readonly options: SingletonOptions<T, S>) {}

	value(scope: S, state: SandboxState): T {
		return state.setting(`${this.options.path} ${this.options.scope.key(scope)}`, () => this.options.defaults(scope, state));
	}

	private respond(scope: S, state: SandboxState): unknown {
		const value = this.value(scope, state);
		return this.options.serialize ? this.options.serialize(value, scope) : value;
	}

	private eventType(): string {
		if (!this.options.event) throw new Error(`sandbox: ${this.options.path} has no audit event type`);
		return this.options.event;
	}

	private change(ctx: RouteContext, scope: S, next: T, changes: AuditPayload): unknown {
		ctx.state.replaceSetting(`${this.options.path} ${this.options.scope.key(scope)}`, next);
		ctx.state.recordEvent({
			type: this.eventType(),
			project: this.options.scope.project(scope),
			payload: { id: this.options.scope.key(scope), changes_requested: changes },
		});
		return this.respond(scope, ctx.state);
	}

	getRoute(operationId: OperationId): Route {
		return storeRoute(operationId, 'GET', this.options.path, {
			handler: (ctx) => {
				const scope = this.options.scope.read(ctx);
				const missing = this.options.missing?.(this.value(scope, ctx.state), scope);
				if (missing) throw notFound(missing);
				return this.respond(scope, ctx.state);
			},
		});
	}

	/** POST: by default the body's fields replace the settings'; `apply` maps a body of another shape. */
	updateRoute(
		operationId: OperationId,
		options: WriteOptions & { apply?: (current: T, body: Record<string, unknown>, scope: S) => T } = {},
	): Route {
		this.eventType();
		return changeRoute(operationId, 'POST', this.options.path, this.options.scope, options.rules, (ctx, scope) => {
			const current = this.value(scope, ctx.state);
			let next = { ...current };
			if (options.apply) next = options.apply(current, ctx.body, scope);
			else assignFields(next as Record<string, unknown>, ctx.body);
			return this.change(ctx, scope, next, ctx.body);
		});
	}

	resetRoute(operationId: OperationId): Route {
		this.eventType();
		return changeRoute(operationId, 'DELETE', this.options.path, this.options.scope, undefined, (ctx, scope) => {
			const reset = this.change(ctx, scope, this.options.defaults(scope, ctx.state), {});
			return this.options.deleted ? this.options.deleted(scope) : reset;
		});
	}
}
