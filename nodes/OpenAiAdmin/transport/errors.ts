import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { OPENAI_API_BASE_URL } from '../../../credentials/baseUrl';

const ADMIN_KEY_HELP =
	'The Administration API needs an organization admin key (sk-admin-…) from Settings → Organization → Admin keys. Project and user keys (sk-proj-…) are refused.';

/**
 * The API's own message. Errors normally come as `{error: {message, type, param, code}}`, but the
 * live API sometimes answers a permission problem with a bare string in `error`.
 */
export function apiErrorMessage(body: unknown): string | undefined {
	// An HTML page (a proxy's 502, a captive portal) is no message: the status says more.
	if (typeof body === 'string') return /^\s*</.test(body) ? undefined : body.trim() || undefined;
	if (body === null || typeof body !== 'object') return undefined;
	const error = (body as { error?: unknown }).error;
	if (typeof error === 'string') return error;
	if (error && typeof error === 'object') {
		const message = (error as { message?: unknown }).message;
		if (typeof message === 'string' && message) return message;
	}
	const message = (body as { message?: unknown }).message;
	return typeof message === 'string' ? message : undefined;
}

function apiErrorParam(body: unknown): string | undefined {
	const error = (body as { error?: { param?: unknown } } | null)?.error;
	return error && typeof error === 'object' && typeof error.param === 'string' ? error.param : undefined;
}

/** Removes every occurrence of the secret from a text that came back from the server. */
export function redact(text: string, secret: string | undefined): string {
	if (!secret || secret.length < 4) return text;
	return text.split(secret).join('[redacted admin key]');
}

export function apiError(
	node: INode,
	status: number,
	body: unknown,
	itemIndex: number,
	adminKey: string | undefined,
): NodeApiError {
	const message = redact(apiErrorMessage(body) ?? `The API answered with HTTP ${status}`, adminKey);
	const param = apiErrorParam(body);
	let description: string | undefined;
	if (status === 401 || status === 403) description = ADMIN_KEY_HELP;
	else if (param) description = redact(`The API rejected the field "${param}".`, adminKey);
	// The body is rebuilt from the parsed message rather than passed through: nothing of the request
	// (and so nothing of its Authorization header) can reach the error.
	return new NodeApiError(node, { message, status }, {
		message,
		description,
		httpCode: String(status),
		itemIndex,
	});
}

/** Where a Location points, as scheme and host: its path and query may carry tokens of their own. */
function redirectTarget(location: unknown, requestUrl: string): string | undefined {
	const first: unknown = Array.isArray(location) ? location[0] : location;
	if (typeof first !== 'string' || first.trim() === '') return undefined;
	try {
		const url = new URL(first, requestUrl);
		return `${url.protocol}//${url.host}`;
	} catch {
		return undefined;
	}
}

/**
 * A 3xx. The node does not follow it: n8n would send the request, Authorization header and all, to
 * wherever the Location points.
 */
export function redirectError(
	node: INode,
	status: number,
	headers: Record<string, unknown>,
	requestUrl: string,
	itemIndex: number,
	adminKey: string | undefined,
): NodeApiError {
	const target = redirectTarget(headers.location, requestUrl);
	const message = redact(
		`The API answered with a redirect${target ? ` to ${target}` : ''} (HTTP ${status}), which the node does not follow`,
		adminKey,
	);
	const error = new NodeApiError(node, { message, status }, {
		message,
		description: `The node follows no redirect, so that the admin key goes nowhere but to the credential's Base URL. Set the Base URL of the OpenAI Admin API credential to the address the API answers at, such as ${OPENAI_API_BASE_URL}.`,
		httpCode: String(status),
		itemIndex,
	});
	// NodeApiError swaps a message that contains a network error code for its own text: keep ours.
	error.message = message;
	return error;
}
