/** The pieces every route shares: the error body and query parsing. */

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
export function parseLimit(query: URLSearchParams, fallback: number, max = MAX_LIMIT): number {
	const raw = query.get('limit');
	if (raw === null) return fallback;
	if (!/^[+-]?\d+$/.test(raw.trim())) {
		throw badRequest(`Invalid 'limit': expected an integer, but got '${raw}' instead.`, 'limit');
	}
	const limit = Number(raw);
	if (limit < 1) {
		throw badRequest(`Invalid 'limit': integer below minimum value. Expected a value >= 1, but got ${limit} instead.`, 'limit');
	}
	if (limit > max) {
		throw badRequest(
			`Invalid 'limit': integer above maximum value. Expected a value <= ${max}, but got ${limit} instead.`,
			'limit',
		);
	}
	return limit;
}
