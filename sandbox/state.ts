/**
 * The sandbox's in-memory organization. Arrays are in list order (insertion order); tests may read
 * and write them directly. Every collection, the seeded ones included, is kept by store path and
 * parent (`collection()`); `projects`, `organizationUsers` and a project's `users`, `serviceAccounts`,
 * `apiKeys` and `rateLimits` are those same arrays by name. The add* helpers build collections of
 * exact sizes deterministically, and record the audit events the same changes made through the API
 * would (as the organization owner's session, at the objects' own timestamps), so a seeded
 * organization has a history.
 */
import { insertEvent, mergeEvents, payloadFor, type AuditActor, type AuditEventInput, type AuditLog } from './audit';
import { ORGANIZATION, SEEDED_COLLECTIONS } from './collections';
import { Rng } from './random';
import {
	API_KEY_NAMES,
	FIRST_NAMES,
	LAST_NAMES,
	PROJECT_PURPOSES,
	PROJECT_TEAMS,
	SERVICE_ACCOUNT_NAMES,
	catalogModel,
} from './seed-data';
import { BILLED_ONLY, billedRecord, insertRecord, type UsageRecord } from './usage';
import type {
	ApiKey,
	OrganizationUser,
	Project,
	ProjectRole,
	ProjectUser,
	RateLimit,
	ServiceAccount,
} from './types';

const DAY = 86400;
/** The line item of the record `setCost` keeps a day's revised total in. */
const REVISION_LINE_ITEM = 'billing revision';
export const DEFAULT_EPOCH = 1767225600; // 2026-01-01T00:00:00Z

export interface ProjectContents {
	users?: number;
	serviceAccounts?: number;
	apiKeys?: number;
	rateLimits?: number;
	/** Seed keys as a realistic mix (owners, access, last use) instead of plain active user keys. */
	mixedKeys?: boolean;
	archived?: boolean;
}

export interface ApiKeyOverrides {
	/** Default 'user'. A service-account key uses an existing service account of the project (or adds one). */
	owner?: 'user' | 'service_account';
	/** 'inactive' = owned by an organization user who is not a member of the project. Default 'active'. */
	ownerProjectAccess?: 'active' | 'inactive';
	name?: string;
	created_at?: number;
	last_used_at?: number | null;
}

export interface StateOptions {
	seed: number;
	epoch?: number;
	now?: () => number;
	/** Expected number of seeded objects, to spread seeded timestamps over ~540 days before epoch. */
	plannedEvents?: number;
}

export class SandboxState {
	get organizationUsers(): OrganizationUser[] {
		return this.collection(SEEDED_COLLECTIONS.organizationUsers, ORGANIZATION);
	}

	get projects(): Project[] {
		return this.collection(SEEDED_COLLECTIONS.projects, ORGANIZATION);
	}
	/** Newest first, as GET /organization/audit_logs lists them. */
	auditLogs: AuditLog[] = [];
	/**
	 * Activity, oldest first, that the usage and costs endpoints aggregate: seeded, plus the costs
	 * tests add or revise (`addCost`, `setCost`).
	 */
	usage: UsageRecord[] = [];
	/**
	 * Whether the organization's audit logging is on. Off, events are still kept (so turning it back
	 * on shows them) but GET /organization/audit_logs answers 403, as for an organization that never
	 * turned it on.
	 */
	auditLogging = true;
	/** The tracking id of the sandbox's admin key, the actor of every change made through the API. */
	adminKeyId: string;
	/** How the sandbox's own admin key is listed: redacted from its value (set at start). */
	adminKeyRedacted = 'sk-admin...sbox';

	/** How many model rate limits a project created through the API starts with. */
	rateLimitsForNewProjects = 6;

	readonly seed: number;
	readonly epoch: number;
	now: () => number;

	/** For seeded data and the ids of objects created through the API. */
	readonly rng: Rng;
	private clock: number;
	private step: number;
	private readonly issued = new Set<string>();
	/**
	 * The secret value of every key this state made, by value: the id of its key. The API shows a
	 * value once; the sandbox keeps it so that a key used later (to call the API, or by an app, see
	 * `useKey`) can be told apart.
	 */
	private readonly secrets = new Map<string, string>();
	private userKeyCounter = 0;
	private keyCounter = 0;
	/** Audit ids come from their own stream, so recording events does not shift any other id. */
	private readonly auditRng: Rng;
	/** Objects of generic stores, by store path and parent. */
	private readonly collections = new Map<string, Map<string, unknown[]>>();
	private readonly settings = new Map<string, object>();
	/** Deleted ids and the id that preceded them, per collection, so a cursor on a deleted object still works. */
	private readonly tombstones = new WeakMap<object, Map<string, string | null>>();

	constructor(options: StateOptions) {
		this.seed = options.seed;
		this.epoch = options.epoch ?? DEFAULT_EPOCH;
		this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
		this.rng = Rng.derive(options.seed, 0x5eed);
		this.auditRng = Rng.derive(options.seed, 0xa0d17);
		this.adminKeyId = `key_${Rng.derive(options.seed, 0xad317).chars(16)}`;
		const span = 540 * DAY;
		this.clock = this.epoch - span;
		this.step = Math.max(60, Math.floor(span / Math.max(1, options.plannedEvents ?? 100)));
	}

	// ---------------------------------------------------------------- lookups

	findProject(id: string): Project | undefined {
		return this.projects.find((p) => p.id === id);
	}

	findOrganizationUser(id: string): OrganizationUser | undefined {
		return this.organizationUsers.find((u) => u.id === id);
	}

	findOrganizationUserByEmail(email: string): OrganizationUser | undefined {
		const wanted = email.trim().toLowerCase();
		return this.organizationUsers.find((u) => u.email.toLowerCase() === wanted);
	}

	get defaultProject(): Project | undefined {
		return this.projects.find((p) => p.is_default);
	}

	// ---------------------------------------------------------------- ids and time

	/** A fresh id: prefix + random alphanumerics, never issued before by this state. */
	newId(prefix: string, length: number): string {
		for (;;) {
			const id = prefix + this.rng.chars(length);
			if (!this.issued.has(id)) {
				this.issued.add(id);
				return id;
			}
		}
	}

	/** The id of the key whose secret value this is, if this state made it. */
	keyIdOfSecret(value: string): string | undefined {
		return this.secrets.get(value);
	}

	/** Remembers which key a secret value belongs to (see `secrets`). */
	rememberSecret(value: string, keyId: string): void {
		this.secrets.set(value, keyId);
	}

	newSecret(prefix: string): string {
		return prefix + this.rng.keyChars(64);
	}

	/** The seeded timeline: monotonically increasing unix seconds leading up to `epoch`. */
	tick(): number {
		this.clock += Math.floor(this.step * (0.5 + this.rng.next()));
		return this.clock;
	}

	// ---------------------------------------------------------------- generic stores

	/** A generic store's objects under one parent, created empty on first use. */
	collection<T>(path: string, parent: string): T[] {
		let byParent = this.collections.get(path);
		if (!byParent) this.collections.set(path, (byParent = new Map()));
		let items = byParent.get(parent);
		if (!items) byParent.set(parent, (items = []));
		return items as T[];
	}

	/** A singleton store's settings, made from its defaults on first use. */
	setting<T extends object>(key: string, init: () => T): T {
		let value = this.settings.get(key);
		if (!value) this.settings.set(key, (value = init()));
		return value as T;
	}

	replaceSetting(key: string, value: object): void {
		this.settings.set(key, value);
	}

	// ---------------------------------------------------------------- audit log

	/** Records one event (tests may call it to seed a history); returns the stored event. */
	recordEvent(input: AuditEventInput): AuditLog {
		const event: AuditLog = {
			id: `audit_log-${this.auditRng.chars(24)}`,
			type: input.type,
			effective_at: input.at ?? this.now(),
			actor: input.actor === undefined ? this.apiActor() : input.actor,
		};
		if (input.project) event.project = { id: input.project.id, name: input.project.name };
		const payload = payloadFor(input.type, input.payload);
		if (payload) event[input.type] = payload;
		insertEvent(this.auditLogs, event);
		return event;
	}

	/**
	 * Records a backlog of `count` events spread evenly from `from` to `to` (Unix seconds, several a
	 * second when there are more events than seconds), as if they happened in that order: rate-limit,
	 * key and project updates in turn. For tests and demos of a trigger catching up; one pass, however
	 * many events. Returns their ids, oldest first.
	 */
	recordBacklog(count: number, { from, to, project = this.projects[0] }: { from: number; to: number; project?: Project }): string[] {
		const kinds = ['rate_limit.updated', 'api_key.updated', 'project.updated'];
		const events: AuditLog[] = [];
		for (let index = 0; index < count; index++) {
			const type = kinds[index % kinds.length];
			const at = count === 1 ? from : from + Math.floor(((to - from) * index) / (count - 1));
			const payload = type === 'rate_limit.updated' ? { id: `rl-${index}`, changes_requested: { max_requests_per_1_minute: index } } : { id: project?.id ?? `proj_${index}` };
			const event: AuditLog = { id: `audit_log-${this.auditRng.chars(24)}`, type, effective_at: at, actor: this.apiActor() };
			if (project) event.project = { id: project.id, name: project.name };
			const shaped = payloadFor(type, payload);
			if (shaped) event[type] = shaped;
			events.push(event);
		}
		mergeEvents(this.auditLogs, events.slice().reverse());
		return events.map((event) => event.id);
	}

	/** The admin key the API is called with, owned by the organization's first owner. */
	apiActor(): AuditActor {
		const owner = this.organizationUsers.find((u) => u.role === 'owner');
		return {
			type: 'api_key',
			api_key: { id: this.adminKeyId, type: 'user', user: { id: owner?.id ?? 'user-admin', email: owner?.email ?? 'admin@example.com' } },
		};
	}

	/** The organization owner in the platform's settings pages: the actor of seeded history. */
	private ownerSession(): AuditActor | null {
		const owner = this.organizationUsers.find((u) => u.role === 'owner');
		return owner ? { type: 'session', session: { user: { id: owner.id, email: owner.email }, ip_address: '203.0.113.7' } } : null;
	}

	private seeded(type: string, at: number, payload: AuditEventInput['payload'], project?: Project): void {
		this.recordEvent({ type, at, payload, project, actor: this.ownerSession() });
	}

	// ---------------------------------------------------------------- builders

	addOrganizationUsers(n: number, overrides: Partial<OrganizationUser> = {}): OrganizationUser[] {
		const out: OrganizationUser[] = [];
		for (let i = 0; i < n; i++) {
			const first = this.rng.pick(FIRST_NAMES);
			const last = this.rng.pick(LAST_NAMES);
			const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
			let email = `${local}@example.com`;
			for (let k = 2; this.findOrganizationUserByEmail(email); k++) email = `${local}${k}@example.com`;
			const index = this.organizationUsers.length;
			const user: OrganizationUser = {
				object: 'organization.user',
				id: this.newId('user-', 24),
				name: `${first} ${last}`,
				email,
				// The first user created the organization; about one in five of the rest are owners.
				role: index === 0 || this.rng.next() < 0.2 ? 'owner' : 'reader',
				added_at: this.tick(),
				...overrides,
			};
			this.organizationUsers.push(user);
			this.seeded('user.added', user.added_at, { id: user.id, data: { role: user.role } });
			out.push(user);
		}
		return out;
	}

	/** The organization's "Default project" (created once, first in the list). */
	addDefaultProject(contents: ProjectContents = {}): Project {
		const existing = this.defaultProject;
		if (existing) return existing;
		const project = this.makeProject('Default project');
		project.is_default = true;
		this.projects.unshift(project);
		this.seededProject(project);
		this.fillProject(project, contents);
		return project;
	}

	/** Appends n projects. Contents default to empty (no users, keys, service accounts or rate limits). */
	addProjects(n: number, contents: ProjectContents = {}): Project[] {
		const out: Project[] = [];
		for (let i = 0; i < n; i++) {
			const project = this.newProject();
			this.projects.push(project);
			this.seededProject(project);
			this.fillProject(project, contents);
			if (contents.archived) this.archiveProject(project.id, this.tick());
			out.push(project);
		}
		return out;
	}

	/** Adds n organization users to the project (adding organization users when all are members already). */
	addProjectUsers(projectId: string, n: number, role?: ProjectRole): ProjectUser[] {
		const project = this.requireProject(projectId);
		const out: ProjectUser[] = [];
		for (let i = 0; i < n; i++) {
			const candidates = this.organizationUsers.filter((u) => !project.users.some((m) => m.id === u.id));
			const orgUser = candidates.length > 0 ? this.rng.pick(candidates) : this.addOrganizationUsers(1)[0];
			const member: ProjectUser = {
				object: 'organization.project.user',
				id: orgUser.id,
				name: orgUser.name,
				email: orgUser.email,
				role: role ?? (project.users.length === 0 ? 'owner' : 'member'),
				added_at: this.tick(),
			};
			project.users.push(member);
			this.seeded('user.added', member.added_at, { id: member.id, data: { role: member.role } }, project);
			out.push(member);
		}
		return out;
	}

	/** Adds n service accounts (role 'member', no keys: add those with addApiKeys owner 'service_account'). */
	addServiceAccounts(projectId: string, n: number): ServiceAccount[] {
		const project = this.requireProject(projectId);
		const out: ServiceAccount[] = [];
		for (let i = 0; i < n; i++) {
			const base = SERVICE_ACCOUNT_NAMES[project.serviceAccounts.length % SERVICE_ACCOUNT_NAMES.length];
			const round = Math.floor(project.serviceAccounts.length / SERVICE_ACCOUNT_NAMES.length);
			const account: ServiceAccount = {
				object: 'organization.project.service_account',
				id: this.newId('svc_acct_', 24),
				name: round === 0 ? base : `${base}-${round + 1}`,
				role: 'member',
				created_at: this.tick(),
			};
			project.serviceAccounts.push(account);
			this.seeded('service_account.created', account.created_at, { id: account.id, data: { role: account.role } }, project);
			out.push(account);
		}
		return out;
	}

	/**
	 * Adds n project API keys. By default every key is owned by an active project member (adding one if
	 * the project has none), so all n are listed without owner_project_access.
	 */
	addApiKeys(projectId: string, n: number, overrides: ApiKeyOverrides = {}): ApiKey[] {
		const project = this.requireProject(projectId);
		const out: ApiKey[] = [];
		for (let i = 0; i < n; i++) {
			const created_at = overrides.created_at ?? this.tick();
			let key: ApiKey;
			if (overrides.owner === 'service_account') {
				const account =
					project.serviceAccounts.length > 0
						? project.serviceAccounts[i % project.serviceAccounts.length]
						: this.addServiceAccounts(project.id, 1)[0];
				key = this.makeServiceAccountKey(account, created_at).key;
			} else if (overrides.ownerProjectAccess === 'inactive') {
				key = this.makeUserKey(this.outsider(project), 'member', created_at);
			} else {
				const member =
					project.users.length > 0 ? project.users[i % project.users.length] : this.addProjectUsers(project.id, 1)[0];
				const orgUser = this.findOrganizationUser(member.id);
				key = this.makeUserKey(orgUser ?? { ...member, object: 'organization.user', role: 'reader' }, member.role, created_at);
			}
			if (overrides.name !== undefined) key.name = overrides.name;
			if (overrides.last_used_at !== undefined) key.last_used_at = overrides.last_used_at;
			project.apiKeys.push(key);
			this.seeded('api_key.created', key.created_at, { id: key.id, data: { scopes: [] } }, project);
			out.push(key);
		}
		return out;
	}

	/** Adds rate limits for n models the project does not have a limit for yet. */
	addRateLimits(projectId: string, n: number): RateLimit[] {
		const project = this.requireProject(projectId);
		const out: RateLimit[] = [];
		for (let k = 0; out.length < n; k++) {
			const limits = catalogModel(k);
			const id = `rl-${limits.model}`;
			if (project.rateLimits.some((r) => r.id === id)) continue;
			const limit: RateLimit = { object: 'project.rate_limit', id, ...limits };
			project.rateLimits.push(limit);
			out.push(limit);
		}
		return out;
	}

	// ---------------------------------------------------------------- costs

	/**
	 * Bills `amount` dollars to a project at `at` (Unix seconds): a cost that only
	 * `/organization/costs` shows, in the bucket of that day. With the clock (`now`) moved forward,
	 * tests play spend that grows over a day, or costs that arrive after their day ended.
	 */
	addCost(projectId: string, at: number, amount: number, lineItem = 'billing adjustment'): UsageRecord {
		const record = billedRecord(this.requireProject(projectId).id, at, Math.round(amount * 1e6), lineItem);
		insertRecord(this.usage, record);
		return record;
	}

	/**
	 * Makes a project's costs of the UTC day that holds `day` (any Unix second of it) add up to exactly
	 * `amount` dollars, as a revision of the bill does: the difference from what the day holds goes into
	 * one billed record of the project at the day's first second (line item `billing revision`), made on
	 * the first call and changed on the next. Below the seeded usage's cost, that record is negative, a
	 * credit. Returns the record.
	 */
	setCost(projectId: string, day: number, amount: number): UsageRecord {
		const project = this.requireProject(projectId);
		const start = Math.floor(day / DAY) * DAY;
		const inDay = this.usage.filter((record) => record.project_id === project.id && record.at >= start && record.at < start + DAY);
		let revision = inDay.find((record) => record.line_item === REVISION_LINE_ITEM && record.at === start && record.kind === BILLED_ONLY);
		if (!revision) {
			revision = billedRecord(project.id, start, 0, REVISION_LINE_ITEM);
			insertRecord(this.usage, revision);
		}
		const others = inDay.reduce((sum, record) => (record === revision ? sum : sum + record.cost_micros), 0);
		revision.cost_micros = Math.round(amount * 1e6) - others;
		return revision;
	}

	archiveProject(projectId: string, at?: number): Project {
		const project = this.requireProject(projectId);
		project.archived_at = at ?? this.now();
		this.seeded('project.archived', project.archived_at, { id: project.id }, project);
		return project;
	}

	// ---------------------------------------------------------------- used by route handlers

	/** A service account key: the stored (redacted) project key plus the secret value, shown once. */
	makeServiceAccountKey(account: ServiceAccount, created_at: number, name = 'Secret Key'): { key: ApiKey; value: string } {
		const value = this.newSecret('sk-svcacct-');
		const key: ApiKey = {
			object: 'organization.project.api_key',
			id: this.newId('key_', 16),
			name,
			redacted_value: redact(value),
			created_at,
			last_used_at: null,
			owner: {
				type: 'service_account',
				service_account: { id: account.id, name: account.name, created_at: account.created_at, role: account.role },
			},
		};
		this.rememberSecret(value, key.id);
		return { key, value };
	}

	/** Removes items[index], remembering its predecessor so an `after` cursor naming it keeps working. */
	removeAt<T extends { id: string }>(items: T[], index: number): T {
		const [removed] = items.splice(index, 1);
		let stones = this.tombstones.get(items);
		if (!stones) {
			stones = new Map();
			this.tombstones.set(items, stones);
		}
		stones.set(removed.id, index > 0 ? items[index - 1].id : null);
		return removed;
	}

	/**
	 * Where a cursor points in a collection: the index of the object, or for a deleted object the index
	 * of the nearest surviving predecessor (-1 = before the first). undefined = never part of it.
	 */
	cursorIndex(items: ReadonlyArray<{ id: string }>, id: string): number | undefined {
		const index = items.findIndex((x) => x.id === id);
		if (index >= 0) return index;
		const stones = this.tombstones.get(items);
		const seen = new Set<string>();
		let current: string | null | undefined = id;
		while (current !== null && current !== undefined && stones?.has(current) && !seen.has(current)) {
			seen.add(current);
			current = stones.get(current);
			if (current === null) return -1;
			const at = items.findIndex((x) => x.id === current);
			if (at >= 0) return at;
		}
		return undefined;
	}

	// ---------------------------------------------------------------- internals

	private requireProject(projectId: string): Project {
		const project = this.findProject(projectId);
		if (!project) throw new Error(`sandbox state: no project ${projectId}`);
		return project;
	}

	private seededProject(project: Project): void {
		this.seeded('project.created', project.created_at, { id: project.id, data: { name: project.name, title: project.name } }, project);
	}

	/** A project that is not in the list yet (the API's create adds it, with its event). */
	newProject(): Project {
		return this.makeProject(this.uniqueProjectName());
	}

	private makeProject(name: string): Project {
		const id = this.newId('proj_', 24);
		// What hangs under the project is its stores' collections, reached from the project by name
		// (enumerable, so a project still prints and compares with its contents).
		const under = (path: string): PropertyDescriptor => ({ get: () => this.collection(path, id), enumerable: true });
		const fields = {
			object: 'organization.project',
			id,
			name,
			created_at: this.tick(),
			archived_at: null,
			external_key_id: null,
			residency: 'GLOBAL',
			is_default: false,
		};
		return Object.defineProperties(fields, {
			users: under(SEEDED_COLLECTIONS.projectUsers),
			serviceAccounts: under(SEEDED_COLLECTIONS.serviceAccounts),
			apiKeys: under(SEEDED_COLLECTIONS.apiKeys),
			rateLimits: under(SEEDED_COLLECTIONS.rateLimits),
		}) as Project;
	}

	private uniqueProjectName(): string {
		const base = `${this.rng.pick(PROJECT_TEAMS)} ${this.rng.pick(PROJECT_PURPOSES)}`;
		let name = base;
		for (let k = 2; this.projects.some((p) => p.name === name); k++) name = `${base} ${k}`;
		return name;
	}

	private fillProject(project: Project, contents: ProjectContents): void {
		if (contents.users) this.addProjectUsers(project.id, contents.users);
		if (contents.serviceAccounts) this.addServiceAccounts(project.id, contents.serviceAccounts);
		if (contents.apiKeys) {
			if (contents.mixedKeys) this.addMixedKeys(project, contents.apiKeys);
			else this.addApiKeys(project.id, contents.apiKeys);
		}
		if (contents.rateLimits) this.addRateLimits(project.id, contents.rateLimits);
	}

	/**
	 * The realistic mix used when seeding: odd keys belong to service accounts (when the project has
	 * any), every third user key to someone no longer in the project; last use cycles never / long ago /
	 * recently.
	 */
	private addMixedKeys(project: Project, n: number): void {
		for (let i = 0; i < n; i++) {
			const pattern = this.keyCounter++ % 3;
			let key: ApiKey;
			if (i % 2 === 1 && project.serviceAccounts.length > 0) {
				key = this.addApiKeys(project.id, 1, { owner: 'service_account' })[0];
			} else {
				const inactive = this.userKeyCounter++ % 3 === 2;
				key = this.addApiKeys(project.id, 1, { ownerProjectAccess: inactive ? 'inactive' : 'active' })[0];
			}
			key.name = API_KEY_NAMES[(project.apiKeys.length - 1) % API_KEY_NAMES.length];
			if (pattern === 0) key.last_used_at = null;
			else if (pattern === 1) {
				// long ago: within a month of creation, and at least 100 days before epoch when possible
				const latest = Math.max(key.created_at, Math.min(key.created_at + 30 * DAY, this.epoch - 100 * DAY));
				key.last_used_at = this.rng.int(key.created_at, latest);
			} else {
				key.last_used_at = Math.max(key.created_at, this.epoch - this.rng.int(0, 3 * DAY));
			}
		}
	}

	/** An organization user who is not a member of the project (added to the organization if needed). */
	private outsider(project: Project): OrganizationUser {
		const candidates = this.organizationUsers.filter((u) => !project.users.some((m) => m.id === u.id));
		return candidates.length > 0 ? this.rng.pick(candidates) : this.addOrganizationUsers(1)[0];
	}

	private makeUserKey(user: OrganizationUser, projectRole: string, created_at: number): ApiKey {
		const value = this.newSecret('sk-proj-');
		const key: ApiKey = {
			object: 'organization.project.api_key',
			id: this.newId('key_', 16),
			name: API_KEY_NAMES[this.rng.int(0, API_KEY_NAMES.length - 1)],
			redacted_value: redact(value),
			created_at,
			last_used_at: null,
			owner: {
				type: 'user',
				user: { id: user.id, email: user.email, name: user.name, created_at: user.added_at, role: projectRole },
			},
		};
		this.rememberSecret(value, key.id);
		return key;
	}
}

/** 'sk-proj-…' -> 'sk-proj-...Ab3d' (the prefix that names the key kind, then the last four characters). */
export function redact(value: string): string {
	const prefix = /^sk-(?:[a-z]+-)?/.exec(value)?.[0] ?? 'sk-';
	return `${prefix}...${value.slice(-4)}`;
}
