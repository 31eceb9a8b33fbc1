/** What a route handler receives, and what a route is. */
import type { SandboxState } from '../state';
import type { BodyRules } from '../validate';

export interface RouteContext {
	state: SandboxState;
	/** Path parameters, URL-decoded once. */
	params: Record<string, string>;
	query: URLSearchParams;
	/** The request body, already checked against the spec's schema for the route ({} when absent). */
	body: Record<string, unknown>;
	/** Unix seconds, from the sandbox's clock. */
	now: () => number;
}

export interface Route {
	method: 'GET' | 'POST' | 'DELETE';
	/**
	 * Path after '/v1', with `{name}` placeholders, exactly as in the spec: the spec's request body
	 * for this method and path is what the body is checked against (routes whose operation takes no
	 * body ignore it).
	 */
	path: string;
	/** Narrower than the spec for some fields (enums stated only in prose, no blank names). */
	rules?: BodyRules;
	/** Returns the 200 response body, or throws an ApiError. */
	handler: (ctx: RouteContext) => unknown;
}
