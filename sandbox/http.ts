/**
 * The pieces every route shares: the error body, request-body validation, query parsing and the
 * one pagination routine all list endpoints use.
 */
import type { SandboxState } from './state';

export interface ErrorBody {
	error: { message: string; type: string; param: string | null; code: string | null };
}

export class ApiError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly param: string | null = null,
		readonly code: string | null = null,
		readonly type: string = 'invalid_request_error',
	) {
		super(message);
	}

	toBody(): ErrorBody {
		return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
	}
}

export const badRequest = (message: string, param: string | null = null, code: string | null = null) =>
	new ApiError(400, message, param, code);

export const notFound = (message: string, param: string | null = null) => new ApiError(404, message, param);

// ------------------------------------------------------------------------ request bodies

export type FieldType = 'string' | 'integer' | 'boolean' | 'array';

export interface FieldSpec {
	type: FieldType;
	required?: boolean;
	nullable?: boolean;
	enum?: readonly string[];
	/** Strings: minimum length. */
	minLength?: number;
	/** Integers: minimum value. */
	minimum?: number;
	/** Arrays: element type. */
	items?: 'string';
}

export type BodySpec = Record<string, FieldSpec>;

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
	if (typeof value === 'string') return 'a string';
	if (typeof value === 'boolean') return 'a boolean';
	return 'an object';
}

const ARTICLE: Record<FieldType, string> = {
	string: 'a string',
	integer: 'an integer',
	boolean: 'a boolean',
	array: 'an array',
};

function hasType(value: unknown, type: FieldType): boolean {
	switch (type) {
		case 'string':
			return typeof value === 'string';
		case 'integer':
			return typeof value === 'number' && Number.isInteger(value);
		case 'boolean':
			return typeof value === 'boolean';
		case 'array':
			return Array.isArray(value);
	}
}

/**
 * Checks a JSON body against a spec, in the order the real API reports problems: not an object,
 * unknown fields, missing required fields, wrong types, values outside an enum or range.
 * Returns the body as a record (absent body = {}).
 */
export function validateBody(body: unknown, spec: BodySpec): Record<string, unknown> {
	if (body === undefined) body = {};
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw badRequest(`Invalid body: expected a JSON object, but got ${describe(body)} instead.`, null, 'invalid_type');
	}
	const record = body as Record<string, unknown>;
	for (const key of Object.keys(record)) {
		if (!(key in spec)) throw badRequest(`Unknown parameter: '${key}'.`, key, 'unknown_parameter');
	}
	for (const [key, field] of Object.entries(spec)) {
		if (field.required && record[key] === undefined) {
			throw badRequest(`Missing required parameter: '${key}'.`, key, 'missing_required_parameter');
		}
	}
	for (const [key, field] of Object.entries(spec)) {
		const value = record[key];
		if (value === undefined) continue;
		if (value === null) {
			if (field.nullable) continue;
			throw badRequest(
				`Invalid type for '${key}': expected ${ARTICLE[field.type]}, but got null instead.`,
				key,
				'invalid_type',
			);
		}
		if (!hasType(value, field.type)) {
			throw badRequest(
				`Invalid type for '${key}': expected ${ARTICLE[field.type]}, but got ${describe(value)} instead.`,
				key,
				'invalid_type',
			);
		}
		if (field.enum && !field.enum.includes(value as string)) {
			const supported = field.enum.map((v) => `'${v}'`);
			const list = supported.length > 1 ? `${supported.slice(0, -1).join(', ')} and ${supported.at(-1)}` : supported[0];
			throw badRequest(`Invalid value: '${String(value)}'. Supported values are: ${list}.`, key, 'invalid_value');
		}
		if (field.minLength !== undefined && typeof value === 'string' && value.trim().length < field.minLength) {
			throw badRequest(
				`Invalid '${key}': string too short. Expected a string with minimum length ${field.minLength}, but got an empty string instead.`,
				key,
				'string_below_min_length',
			);
		}
		if (field.minimum !== undefined && typeof value === 'number' && value < field.minimum) {
			throw badRequest(
				`Invalid '${key}': integer below minimum value. Expected a value >= ${field.minimum}, but got ${value} instead.`,
				key,
				'integer_below_min_value',
			);
		}
		if (field.items === 'string' && Array.isArray(value)) {
			const bad = value.findIndex((v) => typeof v !== 'string');
			if (bad >= 0) {
				throw badRequest(
					`Invalid type for '${key}[${bad}]': expected a string, but got ${describe(value[bad])} instead.`,
					`${key}[${bad}]`,
					'invalid_type',
				);
			}
		}
	}
	return record;
}

// ------------------------------------------------------------------------ query parameters

export function queryBoolean(query: URLSearchParams, name: string, fallback: boolean): boolean {
	const raw = query.get(name);
	if (raw === null) return fallback;
	const value = raw.toLowerCase();
	if (value === 'true') return true;
	if (value === 'false') return false;
	throw badRequest(`Invalid '${name}': expected a boolean ('true' or 'false'), but got '${raw}' instead.`, name);
}

export function queryEnum<T extends string>(query: URLSearchParams, name: string, values: readonly T[]): T | undefined {
	const raw = query.get(name);
	if (raw === null) return undefined;
	if (!values.includes(raw as T)) {
		const list = values.map((v) => `'${v}'`).join(', ');
		throw badRequest(`Invalid value for '${name}': '${raw}'. Supported values are: ${list}.`, name, 'invalid_value');
	}
	return raw as T;
}

/** All values of a repeated or array query parameter: `a=1&a=2`, `a[]=1&a[]=2` and `a=1,2` alike. */
export function queryList(query: URLSearchParams, name: string): string[] {
	return [...query.getAll(name), ...query.getAll(`${name}[]`)]
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter((v) => v.length > 0);
}

export const MAX_LIMIT = 100;

/** `limit`: an integer in 1..100 (the error bodies carry param 'limit' and code null). */
export function parseLimit(query: URLSearchParams, fallback: number): number {
	const raw = query.get('limit');
	if (raw === null) return fallback;
	if (!/^[+-]?\d+$/.test(raw.trim())) {
		throw badRequest(`Invalid 'limit': expected an integer, but got '${raw}' instead.`, 'limit');
	}
	const limit = Number(raw);
	if (limit < 1) {
		throw badRequest(`Invalid 'limit': integer below minimum value. Expected a value >= 1, but got ${limit} instead.`, 'limit');
	}
	if (limit > MAX_LIMIT) {
		throw badRequest(
			`Invalid 'limit': integer above maximum value. Expected a value <= ${MAX_LIMIT}, but got ${limit} instead.`,
			'limit',
		);
	}
	return limit;
}

// ------------------------------------------------------------------------ pagination

export interface ListEnvelope<T> {
	object: 'list';
	data: T[];
	first_id: string | null;
	last_id: string | null;
	has_more: boolean;
}

export interface PageOptions<T> {
	defaultLimit?: number;
	/** Accept a `before` cursor (rate limits). */
	allowBefore?: boolean;
	/** Hide items (archived projects, inactive-owner keys); cursors may still name hidden items. */
	visible?: (item: T) => boolean;
}

/**
 * The single cursor routine behind every list. `after` (and `before` where allowed) name an object
 * of the full collection; a cursor naming an object deleted through the API continues from where it
 * stood; a cursor that never named an object of this collection is a 400 with param 'after'/'before'.
 */
export function paginate<T extends { id: string }, R>(
	state: SandboxState,
	items: T[],
	query: URLSearchParams,
	serialize: (item: T) => R,
	options: PageOptions<T> = {},
): ListEnvelope<R> {
	const limit = parseLimit(query, options.defaultLimit ?? 20);
	const visible = options.visible ?? (() => true);
	const cursor = (name: 'after' | 'before'): number | undefined => {
		const id = query.get(name);
		if (id === null || id === '') return undefined;
		const index = state.cursorIndex(items, id);
		if (index === undefined) {
			throw badRequest(`Invalid '${name}': no object with id '${id}' in this list.`, name);
		}
		return index;
	};
	const after = cursor('after');
	const before = options.allowBefore ? cursor('before') : undefined;

	const start = after === undefined ? 0 : after + 1;
	// A deleted `before` object resolves to its predecessor, which must then be included.
	const beforeId = options.allowBefore ? query.get('before') : null;
	const beforeExists = beforeId ? items.some((x) => x.id === beforeId) : false;
	const end = before === undefined ? items.length : beforeExists ? before : before + 1;
	const range = items.slice(start, Math.max(start, end)).filter(visible);

	let page: T[];
	let hasMore: boolean;
	if (before !== undefined && after === undefined) {
		// Walking backwards: the `limit` items right before the cursor, still in list order.
		page = range.slice(Math.max(0, range.length - limit));
		hasMore = range.length > limit;
	} else {
		page = range.slice(0, limit);
		hasMore = range.length > limit;
	}
	return {
		object: 'list',
		data: page.map(serialize),
		first_id: page.length > 0 ? page[0].id : null,
		last_id: page.length > 0 ? page[page.length - 1].id : null,
		has_more: hasMore,
	};
}
