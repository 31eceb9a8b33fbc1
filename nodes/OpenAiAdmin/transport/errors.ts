import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

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
