/**
 * What the real server does with a request once it is through the sandbox's faults and rate limit:
 * auth, routing, the body checked against the spec, the handler, and the answer or the API's error.
 */
import { ApiError } from './http';
import { errorReply, json, refusedKey, sandboxError, unknownUrl, type Reply } from './replies';
import { useAdminKey } from './resources/key-use';
import { matchRoute, type CompiledRoute } from './routes';
import type { SandboxState } from './state';
import { bodySchemaFor, validateBody, type BodyRules, type ContractSchema } from './validate';

export interface ApiRequest {
	method: string;
	/** Raw path after '/v1'. */
	path: string;
	query: URLSearchParams;
	bodyText: string;
	authorization: string | undefined;
}

const UNPARSABLE_JSON =
	"We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)";

/** The body as the handler gets it: parsed and checked, `{}` for operations that take none. */
function checkedBody(bodyText: string, schema: ContractSchema | undefined, rules: BodyRules | undefined, asItIs = false): Record<string, unknown> {
	if (!schema && !asItIs) return {};
	let parsed: unknown;
	if (bodyText.trim().length > 0) {
		try {
			parsed = JSON.parse(bodyText);
		} catch {
			throw new ApiError(400, UNPARSABLE_JSON);
		}
	}
	if (!schema) return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
	return validateBody(parsed, schema, rules);
}

/** Answers requests to the routes of `table`, for `state`, to whoever holds `adminKey`. */
export function dispatcher(state: SandboxState, adminKey: string, table: CompiledRoute[]): (request: ApiRequest) => Reply {
	return ({ method, path, query, bodyText, authorization }) => {
		// Every admin key of the organization calls the API, and each use is recorded on it; the
		// sandbox's own key works even when deleted through the API, so that a test can go on.
		const refused = refusedKey(authorization, (key) => useAdminKey(state, key) || key === adminKey);
		if (refused) return refused;
		const { route, params } = matchRoute(table, method, path);
		if (!route) return unknownUrl(method, `/v1${path}`);
		try {
			const body = checkedBody(bodyText, bodySchemaFor(route.method, route.path), route.rules, route.jsonBody === true);
			return json(200, route.handler({ state, params, query, body, now: state.now }));
		} catch (err) {
			return err instanceof ApiError ? errorReply(err) : sandboxError(err);
		}
	};
}
