/**
 * Shapes of the sandbox's stored objects and of its fault and rate-limit options. Stored objects
 * carry the spec's field names; a few facts are derived when an object is served instead of stored
 * (a project's `status` comes from `archived_at`, a key's `owner_project_access` from the
 * project's current members), so tests that write `state` directly cannot make them disagree.
 */

export type OrgRole = 'owner' | 'reader';
export type ProjectRole = 'owner' | 'member';
export type ServiceAccountRole = 'owner' | 'member' | 'none';

export interface OrganizationUser {
	object: 'organization.user';
	id: string;
	name: string;
	email: string;
	role: OrgRole;
	added_at: number;
}

export interface ProjectUser {
	object: 'organization.project.user';
	id: string;
	name: string;
	email: string;
	role: ProjectRole;
	added_at: number;
}

export interface ServiceAccount {
	object: 'organization.project.service_account';
	id: string;
	name: string;
	role: ServiceAccountRole;
	created_at: number;
}

export interface ApiKeyOwnerUser {
	id: string;
	email: string;
	name: string;
	created_at: number;
	role: string;
}

export interface ApiKeyOwnerServiceAccount {
	id: string;
	name: string;
	created_at: number;
	role: string;
}

export type ApiKeyOwner =
	| { type: 'user'; user: ApiKeyOwnerUser }
	| { type: 'service_account'; service_account: ApiKeyOwnerServiceAccount };

export interface ApiKey {
	object: 'organization.project.api_key';
	id: string;
	name: string;
	redacted_value: string;
	created_at: number;
	last_used_at: number | null;
	/** A snapshot taken when the key was made; served fresh while the owner is still in the project. */
	owner: ApiKeyOwner;
}

export interface RateLimit {
	object: 'project.rate_limit';
	id: string;
	model: string;
	max_requests_per_1_minute: number;
	max_tokens_per_1_minute: number;
	max_images_per_1_minute?: number;
	max_audio_megabytes_per_1_minute?: number;
	max_requests_per_1_day?: number;
	batch_1_day_max_input_tokens?: number;
}

export interface Project {
	object: 'organization.project';
	id: string;
	name: string;
	created_at: number;
	/** `status` is served as 'archived' when this is set, else 'active'. */
	archived_at: number | null;
	external_key_id: string | null;
	residency: string;
	/** The organization's "Default project": cannot be modified or archived. */
	is_default: boolean;
	/** The project's collections in the state (state.collection under their store's path and the project's id). */
	readonly users: ProjectUser[];
	readonly serviceAccounts: ServiceAccount[];
	readonly apiKeys: ApiKey[];
	readonly rateLimits: RateLimit[];
}

export interface RateLimitOption {
	requests: number;
	windowMs: number;
	/** Send Retry-After / retry-after-ms on the bucket's 429s (default true). */
	retryAfterHeaders?: boolean;
}

export interface FaultRule {
	/** e.g. 'GET'; default any method. */
	method?: string;
	/** Matched against the raw path after '/v1' (no query): string = exact match, RegExp = test. */
	path?: string | RegExp;
	/** Let this many matching requests through first. */
	skip?: number;
	/** Then affect this many (default: every one). */
	times?: number;
	/** 0..1, drawn from a seeded PRNG. */
	probability?: number;
	kind: 'latency' | 'status' | 'drop' | 'malformed_json' | 'bad_page' | 'redirect';
	/** For 'latency': fixed, or a random [min, max] range. The request then proceeds normally. */
	latencyMs?: number | [number, number];
	/**
	 * For 'status': 429, 500, 502, 503, ... (for 'malformed_json': the status sent with the broken body,
	 * default 200; for 'redirect': 301, 302, 303, 307 or 308, default 307).
	 */
	status?: number;
	/**
	 * For 'redirect': where the answer sends the client, an absolute http(s) URL; the request's path
	 * after '/v1' and its query string are appended, as a moved host or an http→https redirect does.
	 */
	location?: string;
	/** For 'status' (typically 429): which retry headers to send; omit = no header at all. */
	retryAfter?: { seconds?: number; ms?: number; httpDate?: boolean };
	/**
	 * For 'bad_page', how a list page misbehaves (the list is served, then its page spoiled):
	 * `empty`: no items, but `has_more: true` and a cursor; `no_cursor`: `has_more: true` without a
	 * cursor; `repeat`: the cursor is ignored, so the first page comes again, cursor and all.
	 */
	page?: 'empty' | 'no_cursor' | 'repeat';
	/** Apply the request to state first, then fail (an ambiguous failure: the server acted). */
	afterHandler?: boolean;
}

export interface RecordedRequest {
	method: string;
	/** Raw path as received, after '/v1', without the query string (not decoded). */
	path: string;
	rawUrl: string;
	/** Decoded query parameters; a repeated key keeps its last value. */
	query: Record<string, string>;
	/** Parsed JSON body; the raw text when it did not parse; undefined when empty. */
	body: unknown;
	/** Lower-cased header names. */
	headers: Record<string, string>;
	/** Status sent; 0 while in flight or when the connection was dropped. */
	status: number;
	/** Which fault (if any) shaped the answer: 'latency', 'status', 'drop', 'malformed_json', 'redirect', 'rate_limit'. */
	fault?: string;
	/** The delay latency faults added to this request, in ms (tests read it instead of timing the call). */
	latencyMs?: number;
	/** Wall-clock ms when the request arrived. */
	at: number;
	/**
	 * Requests the sandbox was busy with when this one arrived, itself included: the most a client had
	 * in flight is the largest of these (tests read it instead of timing overlaps).
	 */
	inFlight: number;
}
