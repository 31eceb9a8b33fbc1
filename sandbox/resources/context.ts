/**
 * What a route handler receives, and what a route is. A route of the Admin API names the spec
 * operation it serves; its method and path come from the operation table (nodes/shared/spec.ts,
 * generated from the spec), so a route cannot drift from the spec or serve a path the spec lacks.
 */
import { SPEC_OPERATIONS, type OperationId } from '../../nodes/shared/spec';
import type { SpecOperation } from '../../nodes/shared/specTypes';
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

/** What a route does with a request: returns the 200 response body, or throws an ApiError. */
export type Handler = (ctx: RouteContext) => unknown;

/** What the server matches a request against. */
export interface Endpoint {
	method: SpecOperation['method'];
	/**
	 * Path after '/v1', with `{name}` placeholders, as the spec writes it: the spec's request body for
	 * this method and path is what the body is checked against (operations without a body ignore it).
	 */
	path: string;
	/** Narrower than the spec for some fields (enums stated only in prose, no blank names). */
	rules?: BodyRules;
	/** A control route outside the spec: its JSON body is handed over as it is. */
	jsonBody?: true;
	handler: Handler;
}

/** An endpoint of the Admin API: one operation of the spec. */
export interface Route extends Endpoint {
	operationId: OperationId;
}

/** What a route declares besides its operation. */
export interface Serving {
	rules?: BodyRules;
	handler: Handler;
}

/** The route serving one operation of the spec; an id the operation table lacks fails at load. */
export function route(operationId: OperationId, serving: Serving): Route {
	const operation: SpecOperation | undefined = SPEC_OPERATIONS[operationId];
	if (!operation) throw new Error(`sandbox: '${operationId}' is not an operation of the spec (nodes/shared/spec.ts)`);
	return { operationId, method: operation.method, path: operation.path, ...serving };
}
