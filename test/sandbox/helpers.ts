import type { Sandbox, SandboxOptions } from '../../sandbox';
import { useSandbox } from '../helpers/sandbox';

export interface CallResult<T = any> {
	status: number;
	body: T;
	text: string;
	headers: Headers;
}

export interface CallOptions {
	body?: unknown;
	/** Sent as is (for malformed JSON). */
	rawBody?: string;
	/** An array goes as `a,b`, which the sandbox reads like repeated parameters. */
	query?: Record<string, string | number | boolean | string[]>;
	/** Authorization: `Bearer ${key}`; null = no Authorization header. Default: the admin key. */
	key?: string | null;
	headers?: Record<string, string>;
	/** fetch's own: 'manual' hands back a redirect instead of following it. Default 'follow'. */
	redirect?: RequestInit['redirect'];
}

export type Call = ReturnType<typeof client>;

/** The client of whichever sandbox `sandbox()` is running (`useSandbox` starts one per test). */
export const clientOf =
	(sandbox: () => Sandbox): Call =>
	async (method, path, options) =>
		await client(sandbox())(method, path, options);

/**
 * A sandbox per test, its client, the first project besides the default one, and the path of one of
 * that project's collections: what the tests of one project route need.
 */
export function projectRoute(options: SandboxOptions, collection: string) {
	const sandbox = useSandbox(options);
	const project = () => sandbox().state.projects[1];
	return { sandbox, call: clientOf(sandbox), project, base: () => `/organization/projects/${project().id}/${collection}` };
}

/** A tiny client for the sandbox: call('GET', '/organization/projects', {query: {limit: 5}}). */
export function client(sandbox: Sandbox) {
	return async function call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
		const qs = options.query
			? '?' + new URLSearchParams(Object.entries(options.query).map(([k, v]): [string, string] => [k, String(v)])).toString()
			: '';
		const headers: Record<string, string> = { ...options.headers };
		const key = options.key === undefined ? sandbox.adminKey : options.key;
		if (key !== null) headers.authorization = `Bearer ${key}`;
		let body: string | undefined;
		if (options.rawBody !== undefined) body = options.rawBody;
		else if (options.body !== undefined) body = JSON.stringify(options.body);
		if (body !== undefined) headers['content-type'] = 'application/json';
		const res = await fetch(`${sandbox.baseUrl}${path}${qs}`, { method, headers, body, redirect: options.redirect });
		const text = await res.text();
		let parsed: unknown = undefined;
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = undefined;
		}
		return { status: res.status, body: parsed as T, text, headers: res.headers };
	};
}

/** Follows `after` = last_id while has_more; returns every item and the pages seen. */
export async function walk(
	call: ReturnType<typeof client>,
	path: string,
	query: Record<string, string | number | boolean> = {},
): Promise<{ items: any[]; pages: any[] }> {
	const items: any[] = [];
	const pages: any[] = [];
	let after: string | undefined;
	for (let guard = 0; guard < 1000; guard++) {
		const res = await call('GET', path, { query: after ? { ...query, after } : query });
		if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${res.text}`);
		pages.push(res.body);
		items.push(...res.body.data);
		if (!res.body.has_more) return { items, pages };
		after = res.body.last_id;
	}
	throw new Error('pagination did not end');
}

/** The standard error envelope: {error: {message, type, param, code}} with the given status (and param). */
export function expectError(res: CallResult, status: number, param?: string | null) {
	expect(res.status).toBe(status);
	expect(Object.keys(res.body ?? {})).toEqual(['error']);
	const error = res.body.error;
	expect(Object.keys(error).sort()).toEqual(['code', 'message', 'param', 'type']);
	expect(typeof error.message).toBe('string');
	expect(error.message.length).toBeGreaterThan(0);
	expect(typeof error.type).toBe('string');
	expect(error.code === null || typeof error.code === 'string').toBe(true);
	if (param !== undefined) expect(error.param).toBe(param);
	else expect(error.param === null || typeof error.param === 'string').toBe(true);
}
