/** HTTP requests to a running n8n server: the owner's set-up, production webhooks and forms. */
import type { N8nServer } from './n8n-server';
import { log, sleep } from './processes';

/** The instance owner's account, as created by setupOwner. */
export interface N8nOwner {
	email: string;
	password: string;
	/** Value of the `n8n-auth` cookie n8n issued for the owner: a browser sending it is logged in. */
	authCookie: string;
}

/**
 * Create the instance owner through n8n's REST set-up (`POST /rest/owner/setup`, the call the
 * editor's set-up page makes; same body on both lines), which also logs the caller in. No
 * `browser-id` header is sent, so the cookie is not tied to one browser (n8n checks that only for
 * cookies issued with one) and can be handed to any browser context.
 */
export async function setupOwner(server: N8nServer, owner: Partial<Omit<N8nOwner, 'authCookie'>> = {}): Promise<N8nOwner> {
	const email = owner.email ?? 'owner@example.com';
	// n8n's password rule: 8+ characters with a digit and a capital letter.
	const password = owner.password ?? 'E2e-owner-password-1';
	const res = await fetch(`${server.baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password, firstName: 'Test', lastName: 'Owner' }),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`POST /rest/owner/setup answered ${res.status}: ${text}`);
	const authCookie = res.headers
		.getSetCookie()
		.map((cookie) => /^n8n-auth=([^;]*)/.exec(cookie)?.[1])
		.find(Boolean);
	if (!authCookie) throw new Error(`POST /rest/owner/setup set no n8n-auth cookie (headers: ${JSON.stringify([...res.headers])})`);
	log(`owner ${email} set up on ${server.baseUrl}`);
	return { email, password, authCookie };
}

export type WebhookKind = 'webhook' | 'form';

/**
 * Wait until a production webhook or form path is registered on a running server for `method`
 * (default POST). On line 2, published workflows are activated asynchronously (the workflow
 * publication service) a moment after the server says it is ready, so a request sent at once may
 * get 404 "not registered".
 * Probe: a CORS preflight, `OPTIONS /<kind>/<path>` with an Origin header. n8n then looks the path
 * up: 204 with `Access-Control-Allow-Methods: OPTIONS, <registered methods>` once registered, an
 * error (500) before. Without an Origin header OPTIONS answers 204 for any path, so it is useless.
 * Nothing is executed by the probe.
 */
export async function waitForWebhook(
	server: N8nServer,
	webhookPath: string,
	options: { kind?: WebhookKind; method?: string; timeoutMs?: number } = {},
): Promise<void> {
	const url = `${server.baseUrl}/${options.kind ?? 'webhook'}/${webhookPath.replace(/^\//, '')}`;
	const method = (options.method ?? 'POST').toUpperCase();
	const started = Date.now();
	const deadline = started + (options.timeoutMs ?? 60_000);
	for (;;) {
		const res = await fetch(url, {
			method: 'OPTIONS',
			headers: { origin: server.baseUrl, 'access-control-request-method': method },
		});
		await res.arrayBuffer();
		const allowed = (res.headers.get('access-control-allow-methods') ?? '').split(/,\s*/);
		if (res.ok && allowed.includes(method)) break;
		if (Date.now() > deadline) {
			throw new Error(`${method} ${url} still not registered after ${options.timeoutMs ?? 60000} ms (last: ${res.status})`);
		}
		await sleep(250);
	}
	log(`${method} ${url} registered after ${Date.now() - started} ms`);
}

export interface HttpResult {
	status: number;
	headers: Headers;
	body: unknown;
	text: string;
}

async function readResponse(res: Response): Promise<HttpResult> {
	const text = await res.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		/* not JSON */
	}
	return { status: res.status, headers: res.headers, body, text };
}

/**
 * Call a production webhook (`/webhook/<path>`) of a running server, after waiting for it to be
 * registered. The body is sent as JSON; the response body is parsed as JSON when it is JSON.
 */
export async function callWebhook(
	server: N8nServer,
	webhookPath: string,
	body?: unknown,
	options: { method?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
	const p = webhookPath.replace(/^\//, '');
	await waitForWebhook(server, p, { method: options.method ?? 'POST' });
	const res = await fetch(`${server.baseUrl}/webhook/${p}`, {
		method: options.method ?? 'POST',
		headers: { 'content-type': 'application/json', ...(options.headers ?? {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return await readResponse(res);
}

/** GET a production form (`/form/<path>`): the HTML page n8n renders for a Form Trigger. */
export async function openForm(server: N8nServer, formPath: string): Promise<HttpResult> {
	const p = formPath.replace(/^\//, '');
	await waitForWebhook(server, p, { kind: 'form', method: 'GET' });
	return await readResponse(await fetch(`${server.baseUrl}/form/${p}`));
}

/**
 * Submit a production form (`POST /form/<path>`) as the browser does: multipart/form-data with the
 * fields named `field-0`, `field-1`, ... in the order of the Form Trigger's fields. What comes back
 * depends on the trigger's responseMode: with 'responseNode' it is what the workflow's Respond to
 * Webhook node sends (e.g. JSON of the last item), which is how a test reads the result.
 */
export async function submitForm(server: N8nServer, formPath: string, values: Array<string | number>): Promise<HttpResult> {
	const p = formPath.replace(/^\//, '');
	await waitForWebhook(server, p, { kind: 'form', method: 'POST' });
	const form = new FormData();
	values.forEach((value, index) => form.append(`field-${index}`, String(value)));
	return await readResponse(await fetch(`${server.baseUrl}/form/${p}`, { method: 'POST', body: form }));
}
