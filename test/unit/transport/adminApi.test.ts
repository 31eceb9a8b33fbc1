/**
 * AdminApi.request with a mocked execution context: the HTTP helper is a function answering from a
 * script, and `sleep` from n8n-workflow advances a fake clock instead of waiting, so that the exact
 * waits and attempt counts can be checked in milliseconds of real time. The same behaviour is
 * checked end to end, through n8n and a real HTTP server, in test/reliability/.
 */
let clock = 0;
const sleeps: number[] = [];

jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: jest.fn(async (ms: number) => {
		sleeps.push(ms);
		clock += ms;
	}),
}));

import type { IExecuteFunctions, IHttpRequestOptions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { AdminApi } from '../../../nodes/OpenAiAdmin/transport';
import type { AdminApiRequest } from '../../../nodes/OpenAiAdmin/transport';
import { RequestPacer } from '../../../nodes/OpenAiAdmin/transport/pacer';
import { listAll } from '../../../nodes/OpenAiAdmin/transport/pagination';
import type { RetrySettings } from '../../../nodes/OpenAiAdmin/transport/retryPolicy';
import { DEFAULT_RETRY_SETTINGS } from '../../../nodes/OpenAiAdmin/transport/retryPolicy';

const ADMIN_KEY = 'sk-admin-UNITTESTSECRET0123456789';
const NODE: INode = {
	id: 'n',
	name: 'OpenAI Admin',
	type: 'n8n-nodes-openai-admin.openAiAdmin',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

interface Reply {
	statusCode: number;
	body?: unknown;
	headers?: Record<string, unknown>;
}
type Answer = Reply | Error | ((options: IHttpRequestOptions) => Reply | Error);

/** What n8n-core's httpRequestWithAuthentication throws for a network error: a NodeApiError around it. */
function n8nNetworkError(code: string, message = 'socket hang up'): NodeApiError {
	return new NodeApiError(NODE, Object.assign(new Error(message), { code }) as unknown as JsonObject);
}

function context(answers: Answer[], credentials: Record<string, unknown> = {}) {
	const sent: IHttpRequestOptions[] = [];
	const helper = jest.fn(async function (this: unknown, _type: string, options: IHttpRequestOptions) {
		sent.push(options);
		const next = answers.length > 1 ? answers.shift()! : answers[0];
		const answer = typeof next === 'function' ? next(options) : next;
		if (answer instanceof Error) throw answer;
		return { headers: {}, ...answer };
	});
	const ctx = {
		getCredentials: jest.fn(async () => ({ apiKey: ADMIN_KEY, baseUrl: 'https://api.test/v1/', ...credentials })),
		getNode: () => NODE,
		helpers: { httpRequestWithAuthentication: helper },
	} as unknown as IExecuteFunctions;
	return { ctx, sent };
}

const GET: AdminApiRequest = { method: 'GET', path: '/organization/projects/proj_1' };
const CREATE: AdminApiRequest = {
	method: 'POST',
	path: '/organization/projects',
	body: { name: 'x' },
	createsResource: true,
};
const ok = (body: unknown = { id: 'proj_1' }): Reply => ({ statusCode: 200, body });
const fail = (statusCode: number, headers: Record<string, unknown> = {}, body: unknown = { error: { message: `HTTP ${statusCode} from the test` } }): Reply => ({
	statusCode,
	headers,
	body,
});

async function run(answers: Answer[], request: AdminApiRequest, retry?: RetrySettings) {
	const { ctx, sent } = context(answers);
	const api = new AdminApi(ctx, 3, retry);
	try {
		return { result: await api.request(request), sent, error: undefined };
	} catch (error) {
		return { result: undefined, sent, error: error as NodeApiError };
	}
}

beforeEach(() => {
	clock = Date.parse('2026-01-01T00:00:00Z');
	sleeps.length = 0;
	jest.spyOn(Date, 'now').mockImplementation(() => clock);
});

afterEach(() => jest.restoreAllMocks());

describe('AdminApi.request', () => {
	it('sends one request to the credential base URL and returns the body', async () => {
		const { ctx, sent } = context([ok({ id: 'proj_1', name: 'A' })], { organizationId: ' org-1 ' });
		const result = await new AdminApi(ctx).request({ ...GET, qs: { limit: 5 } });
		expect(result).toEqual({ id: 'proj_1', name: 'A' });
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({
			method: 'GET',
			url: 'https://api.test/v1/organization/projects/proj_1',
			qs: { limit: 5 },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			headers: { 'OpenAI-Organization': 'org-1' },
		});
		expect(sleeps).toEqual([]);
	});

	it('asks n8n not to follow redirects, and fails on a 3xx at once, naming only where it pointed', async () => {
		const location = 'https://elsewhere.test:8443/v1/organization/projects/proj_1?token=LOCATIONSECRET';
		const { sent, error } = await run([fail(301, { location }, '<html>Moved</html>'), ok()], GET);
		expect(sent).toHaveLength(1);
		expect(sent[0].disableFollowRedirect).toBe(true);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toBe('The API answered with a redirect to https://elsewhere.test:8443 (HTTP 301), which the node does not follow');
		expect(error?.httpCode).toBe('301');
		expect(error?.context.itemIndex).toBe(3);
		expect(JSON.stringify(error)).not.toContain('LOCATIONSECRET');
		expect(sleeps).toEqual([]);
	});

	it('names no target for a 3xx without a usable Location', async () => {
		const { error } = await run([fail(302, {}, '')], GET);
		expect(error?.message).toBe('The API answered with a redirect (HTTP 302), which the node does not follow');
	});

	it('refuses a plain http Base URL on another machine before calling n8n, as a node error for the item', async () => {
		const { ctx, sent } = context([ok()], { baseUrl: 'http://api.test/v1' });
		const error = await new AdminApi(ctx, 2).request(GET).catch((caught: Error) => caught);
		expect(sent).toEqual([]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('The Base URL of the OpenAI Admin API credential is plain http:// to api.test: the admin key would travel unencrypted');
		expect((error as NodeOperationError).context.itemIndex).toBe(2);
	});

	it('sends to a plain http Base URL on another machine when the credential allows it', async () => {
		const { ctx, sent } = context([ok()], { baseUrl: 'http://api.test/v1', allowUnencryptedHttp: true });
		await new AdminApi(ctx).request(GET);
		expect(sent[0].url).toBe('http://api.test/v1/organization/projects/proj_1');
	});

	it('gives each attempt its own headers object', async () => {
		const { ctx, sent } = context([fail(503), ok()]);
		await new AdminApi(ctx).request(GET);
		expect(sent).toHaveLength(2);
		expect(sent[0].headers).not.toBe(sent[1].headers);
	});

	it('honours retry-after-ms exactly', async () => {
		const { sent, error } = await run([fail(429, { 'retry-after-ms': '37' }), ok()], GET);
		expect(error).toBeUndefined();
		expect(sent).toHaveLength(2);
		expect(sleeps).toEqual([37]);
	});

	it('waits for Retry-After when retry-after-ms is empty', async () => {
		const { sent } = await run([fail(429, { 'retry-after-ms': '', 'retry-after': '2' }), ok()], GET);
		expect(sent).toHaveLength(2);
		expect(sleeps).toEqual([2000]);
	});

	it('honours Retry-After in seconds and as an HTTP date', async () => {
		await run([fail(429, { 'retry-after': '3' }), fail(429, { 'retry-after': 'Thu, 01 Jan 2026 00:00:13 GMT' }), ok()], GET);
		// The second wait is measured from the clock after the first one: 13 s - 3 s.
		expect(sleeps).toEqual([3000, 10_000]);
	});

	it('backs off 2 s, 4 s, ... on a 429 without a header', async () => {
		const { sent } = await run([fail(429), fail(429), fail(429), ok()], GET);
		expect(sent).toHaveLength(4);
		expect(sleeps).toHaveLength(3);
		[2000, 4000, 8000].forEach((base, i) => {
			expect(sleeps[i]).toBeGreaterThanOrEqual(base);
			expect(sleeps[i]).toBeLessThanOrEqual(base * 1.2);
		});
	});

	it.each([408, 409, 500, 502, 503, 504])('retries a read after HTTP %i, backing off from 0.5 s', async (status) => {
		const { result, sent } = await run([fail(status), fail(status), ok()], GET);
		expect(result).toEqual({ id: 'proj_1' });
		expect(sent).toHaveLength(3);
		expect(sleeps[0]).toBeGreaterThanOrEqual(500);
		expect(sleeps[0]).toBeLessThanOrEqual(600);
		expect(sleeps[1]).toBeGreaterThanOrEqual(1000);
		expect(sleeps[1]).toBeLessThanOrEqual(1200);
	});

	it.each([400, 401, 403, 404])('does not retry HTTP %i', async (status) => {
		const { sent, error } = await run([fail(status), ok()], GET);
		expect(sent).toHaveLength(1);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.httpCode).toBe(String(status));
		expect(error?.message).toBe(`HTTP ${status} from the test`);
		expect(error?.context.itemIndex).toBe(3);
	});

	it('retries a read after a dropped connection, as n8n reports it', async () => {
		const { result, sent } = await run([n8nNetworkError('ECONNRESET'), ok()], GET);
		expect(result).toEqual({ id: 'proj_1' });
		expect(sent).toHaveLength(2);
	});

	it.each(['ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN'])(
		'retries a read after %s, as n8n reports it',
		async (code) => {
			const { sent, error } = await run([n8nNetworkError(code, `connect ${code}`), ok()], GET);
			expect(error).toBeUndefined();
			expect(sent).toHaveLength(2);
		},
	);

	it('retries a read after a plain network error with a code or a hang-up message', async () => {
		const plain = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
		const wrapped = new Error('request failed', { cause: plain });
		const hangUp = new Error('socket hang up');
		const { sent, error } = await run([plain, wrapped, hangUp, ok()], GET);
		expect(error).toBeUndefined();
		expect(sent).toHaveLength(4);
	});

	it('retries a read after a body that is not JSON', async () => {
		const { result, sent } = await run([ok('{"id": "pro'), ok()], GET);
		expect(result).toEqual({ id: 'proj_1' });
		expect(sent).toHaveLength(2);
	});

	it('takes an empty 2xx body as an empty object', async () => {
		const { result } = await run([ok('')], GET);
		expect(result).toEqual({});
	});

	it('keeps its own message and the attempt count for a network error', async () => {
		const { error } = await run([n8nNetworkError('ECONNRESET')], GET, { maxRetries: 1, maxTotalWaitMs: 300_000 });
		expect(error?.message).toBe('Could not reach the OpenAI Administration API (ECONNRESET) (after 2 attempts)');
		expect(error?.description).toBe('GET /organization/projects/proj_1.');
	});

	describe('a delete', () => {
		const deletedAnswer = { object: 'organization.project.api_key.deleted', id: 'key_a:b', deleted: true };
		const DELETE: AdminApiRequest = {
			method: 'DELETE',
			path: '/organization/projects/proj_1/api_keys/key_a%3Ab',
			deletedAnswer,
		};
		const notFound = fail(404, {}, { error: { message: 'The API key key_a:b was not found' } });

		it.each<[string, Answer]>([
			['HTTP 502', fail(502)],
			['HTTP 500', fail(500)],
			['a dropped connection', n8nNetworkError('ECONNRESET')],
			['a body that is not JSON', ok('{"obj')],
		])('answers as deleted when a retry after %s finds it gone', async (_name, first) => {
			const { result, sent } = await run([first, notFound], DELETE);
			expect(sent).toHaveLength(2);
			expect(result).toEqual({ object: 'organization.project.api_key.deleted', id: 'key_a:b', deleted: true });
		});

		it('reports the 404 when the request does not say what a deletion answers', async () => {
			const { error } = await run([fail(503), notFound], { ...DELETE, deletedAnswer: undefined });
			expect(error?.httpCode).toBe('404');
		});

		it('reports a 404 after a 429: the first attempt certainly did nothing', async () => {
			const { error } = await run([fail(429, { 'retry-after-ms': '1' }), notFound], DELETE);
			expect(error?.httpCode).toBe('404');
		});

		it('reports a 404 on the first attempt', async () => {
			const { sent, error } = await run([notFound], DELETE);
			expect(sent).toHaveLength(1);
			expect(error?.httpCode).toBe('404');
			expect(error?.message).toBe('The API key key_a:b was not found');
		});

		it('reports a 404 for anything but a delete', async () => {
			const { error } = await run([fail(502), notFound], GET);
			expect(error?.httpCode).toBe('404');
		});
	});

	describe('a request that creates something', () => {
		it('is retried after a 429', async () => {
			const { sent, error } = await run([fail(429, { 'retry-after-ms': '5' }), ok()], CREATE);
			expect(error).toBeUndefined();
			expect(sent).toHaveLength(2);
		});

		it('is retried after a refused connection (nothing was sent)', async () => {
			const { sent, error } = await run([n8nNetworkError('ECONNREFUSED', 'connect ECONNREFUSED'), ok()], CREATE);
			expect(error).toBeUndefined();
			expect(sent).toHaveLength(2);
		});

		it.each<[string, Answer]>([
			['HTTP 500', fail(500)],
			['HTTP 502', fail(502, {}, '<html><title>502 Bad Gateway</title></html>')],
			['HTTP 503', fail(503)],
		])('is not retried after %s, and the error says it may have happened', async (_name, answer) => {
			const { sent, error } = await run([answer, ok()], CREATE);
			expect(sent).toHaveLength(1);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error?.description).toMatch(/may have been carried out/);
		});

		it.each<[string, Answer]>([
			['a dropped connection', n8nNetworkError('ECONNRESET')],
			['a timeout', n8nNetworkError('ECONNABORTED', 'timeout of 60000ms exceeded')],
			['a body that is not JSON', ok('{"id": "pro')],
		])('is not retried after %s, and the error says it may have happened', async (_name, answer) => {
			const { sent, error } = await run([answer, ok()], CREATE);
			expect(sent).toHaveLength(1);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error?.description).toMatch(/POST \/organization\/projects\. The request may have been carried out/);
		});

		it.each([400, 404, 408, 409])('is not retried after HTTP %i, which says nothing of that', async (status) => {
			const { sent, error } = await run([fail(status), ok()], CREATE);
			expect(sent).toHaveLength(1);
			expect(error?.description ?? '').not.toMatch(/may have been carried out/);
		});
	});

	describe('limits', () => {
		it('stops after Max Retries and says how many attempts were made', async () => {
			const { sent, error } = await run([fail(429, { 'retry-after-ms': '1' })], GET, { maxRetries: 3, maxTotalWaitMs: 300_000 });
			expect(sent).toHaveLength(4);
			expect(sleeps).toEqual([1, 1, 1]);
			expect(error?.httpCode).toBe('429');
			expect(error?.message).toMatch(/\(after 4 attempts\)$/);
		});

		it('makes one attempt only with Max Retries 0', async () => {
			const { sent, error } = await run([fail(503)], GET, { maxRetries: 0, maxTotalWaitMs: 300_000 });
			expect(sent).toHaveLength(1);
			expect(error?.message).not.toMatch(/attempts/);
		});

		it('does not start a wait that would go past Max Retry Wait', async () => {
			const { sent, error } = await run([fail(429, { 'retry-after': '10' }), ok()], GET, { maxRetries: 6, maxTotalWaitMs: 9_000 });
			expect(sent).toHaveLength(1);
			expect(sleeps).toEqual([]);
			expect(error?.httpCode).toBe('429');
		});

		it('counts every wait of one request against Max Retry Wait', async () => {
			const { sent } = await run([fail(429, { 'retry-after': '4' })], GET, { maxRetries: 20, maxTotalWaitMs: 10_000 });
			expect(sleeps).toEqual([4000, 4000]);
			expect(sent).toHaveLength(3);
		});

		it('uses the documented defaults', () => {
			expect(DEFAULT_RETRY_SETTINGS).toEqual({ maxRetries: 6, maxTotalWaitMs: 300_000 });
		});
	});

	describe('errors', () => {
		it('passes on only the text of an error that is not a network error, without the key', async () => {
			const leaky = Object.assign(new Error(`bad header Authorization: Bearer ${ADMIN_KEY}`), {
				config: { headers: { Authorization: `Bearer ${ADMIN_KEY}` } },
			});
			const { sent, error } = await run([leaky, ok()], GET);
			expect(sent).toHaveLength(1);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error?.message).toBe('bad header Authorization: Bearer [redacted admin key]');
			expect(JSON.stringify(error)).not.toContain(ADMIN_KEY);
			expect(String(error?.stack)).not.toContain(ADMIN_KEY);
		});

		it('removes the key from an API error message that echoes it', async () => {
			const { error } = await run([fail(401, {}, { error: { message: `Incorrect API key provided: ${ADMIN_KEY}.` } })], GET);
			expect(error?.message).toBe('Incorrect API key provided: [redacted admin key].');
			expect(error?.description).toMatch(/admin key/);
		});

		it('does not put an HTML error page into the message', async () => {
			const html = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>cloudflare</body>\r\n</html>\r\n';
			const { error } = await run([fail(502, {}, html)], GET, { maxRetries: 0, maxTotalWaitMs: 0 });
			expect(error?.httpCode).toBe('502');
			expect(error?.message).not.toMatch(/<|cloudflare/);
			expect(error?.message).toMatch(/502/);
		});
	});
});

describe('against a 10-requests-per-minute limit that sends no Retry-After', () => {
	/** A token bucket on the fake clock: 10 per minute, bursting to 10, 429 without headers when empty. */
	function limitedServer(pages: number) {
		let tokens = 10;
		let last = clock;
		let rejected = 0;
		const answer = (options: IHttpRequestOptions): Reply => {
			tokens = Math.min(10, tokens + ((clock - last) * 10) / 60_000);
			last = clock;
			if (tokens < 1) {
				rejected++;
				return fail(429, {}, { error: { message: 'Rate limit reached' } });
			}
			tokens -= 1;
			const page = options.qs?.after === undefined ? 0 : Number(String(options.qs.after).slice(5)) + 1;
			return ok({ data: [{ id: `page-${page}` }], last_id: `page-${page}`, has_more: page + 1 < pages });
		};
		return { answer, rejected: () => rejected };
	}

	it('finishes a 40-page Return All with the default settings, every page once', async () => {
		const server = limitedServer(40);
		const { ctx, sent } = context([server.answer]);
		const items = await listAll(new AdminApi(ctx), '/things', {}, { returnAll: true, limit: Infinity });
		expect(items.map((item) => item.id)).toEqual(Array.from({ length: 40 }, (_, i) => `page-${i}`));
		expect(sent.length - server.rejected()).toBe(40);
		// No single request ever came close to giving up.
		expect(Math.max(...sleeps)).toBeLessThan(60_000);
	});

	it('finishes it without a single 429 when paced at 10 per minute, in the minimum time', async () => {
		const server = limitedServer(40);
		const { ctx, sent } = context([server.answer]);
		const start = clock;
		const api = new AdminApi(ctx, 0, DEFAULT_RETRY_SETTINGS, RequestPacer.perMinute(10));
		await listAll(api, '/things', {}, { returnAll: true, limit: Infinity });
		expect(server.rejected()).toBe(0);
		expect(sent).toHaveLength(40);
		// 39 gaps of 6 s: the limit allows no faster.
		expect(clock - start).toBeCloseTo(39 * 6000, 0);
	});
});
