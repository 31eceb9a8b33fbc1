import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { resolveBaseUrl } from '../../../credentials/baseUrl';
import { apiError, redact, redirectError } from './errors';
import { RequestPacer } from './pacer';
import type { Failure, RetrySettings } from './retryPolicy';
import { DEFAULT_RETRY_SETTINGS, isRetryable, mayHaveActed, retryDelayMs } from './retryPolicy';

export const CREDENTIAL_TYPE = 'openAiAdminApi';

const REQUEST_TIMEOUT_MS = 60_000;

export interface AdminApiRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, built with `apiPath` so that every id is encoded. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** A POST that creates something: sent again only when the API certainly did not act. */
	createsResource?: boolean;
	/**
	 * For a delete: the API's answer to a successful deletion. When an attempt failed in a way that
	 * may have deleted the object and the retry then finds it gone (404), this is the answer.
	 */
	deletedAnswer?: IDataObject;
}

type ApiContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** A list that came back contradicting itself (see `pages()`): what was read of it is not used. */
export class IncompleteListError extends NodeApiError {}

/**
 * A poll runs again on its own schedule, and n8n does not start the next poll while one still waits:
 * a poll gives up sooner than a workflow step and leaves the rest to the next poll.
 */
export const POLL_RETRY_SETTINGS: RetrySettings = { maxRetries: 3, maxTotalWaitMs: 60_000 };

interface AttemptResult {
	body?: unknown;
	failure?: Failure;
}

const CONNECTION_ERROR_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ECONNABORTED',
	'EPIPE',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EAI_AGAIN',
	'UND_ERR_SOCKET',
]);

/**
 * Finds a network error code anywhere along an error's cause chain. n8n's request helper wraps a
 * network error in a NodeApiError that drops the cause and keeps the code only as `httpCode`.
 */
function connectionErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
		const { code, httpCode, message } = current as { code?: unknown; httpCode?: unknown; message?: unknown };
		if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) return code;
		if (typeof httpCode === 'string' && CONNECTION_ERROR_CODES.has(httpCode)) return httpCode;
		if (typeof message === 'string' && /socket hang up/i.test(message)) return 'ECONNRESET';
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

function isNotFound(failure: Failure): boolean {
	return failure.kind === 'status' && failure.status === 404;
}

function parseBody(body: unknown): { ok: true; value: unknown } | { ok: false } {
	if (typeof body !== 'string') return { ok: true, value: body };
	if (body.trim() === '') return { ok: true, value: {} };
	try {
		return { ok: true, value: JSON.parse(body) as unknown };
	} catch {
		return { ok: false };
	}
}

/**
 * The only place that talks HTTP to the Administration API: base URL and authentication from the
 * credential, request-level retries, pacing and error translation. One instance serves one item of
 * one execution; the pacer it is given is shared by the items of that execution only.
 */
export class AdminApi {
	/**
	 * The credential, read once for this item and handed to n8n's request helper, which would read it
	 * again otherwise. In n8n each read is a database query, a decryption and the credential's
	 * defaults and expressions applied (1.4 to 2.5 ms each, median, in n8n 1.123 on SQLite): read twice
	 * per request, that was a sixth of a 10,000-key Return All. Per item, not per execution, since a
	 * credential's expressions may depend on the item.
	 */
	private credential?: Promise<ICredentialDataDecryptedObject>;

	constructor(
		private readonly context: ApiContext,
		private readonly itemIndex = 0,
		private readonly retry: RetrySettings = DEFAULT_RETRY_SETTINGS,
		private readonly pacer: RequestPacer = new RequestPacer(0),
	) {}

	/** For a polling trigger: item 0, no pacing, the poll's own retry budget. */
	static forPoll(context: IPollFunctions): AdminApi {
		return new AdminApi(context, 0, POLL_RETRY_SETTINGS);
	}

	private async readCredential(): Promise<ICredentialDataDecryptedObject> {
		this.credential ??= this.context.getCredentials(CREDENTIAL_TYPE, this.itemIndex);
		return await this.credential;
	}

	async request<T = IDataObject>(request: AdminApiRequest): Promise<T> {
		const credentials = await this.readCredential();
		const adminKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : undefined;
		let baseUrl: string;
		try {
			baseUrl = resolveBaseUrl(credentials);
		} catch (error) {
			const { message, description } = error as Error & { description?: string };
			throw new NodeOperationError(this.context.getNode(), message, { description, itemIndex: this.itemIndex });
		}
		const headers: IDataObject = {};
		if (typeof credentials.organizationId === 'string' && credentials.organizationId.trim()) {
			headers['OpenAI-Organization'] = credentials.organizationId.trim();
		}
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${baseUrl}${request.path}`,
			qs: request.qs,
			// Array query parameters repeat their name, which is the spec's own (`project_ids[]` on audit
			// logs, `project_ids` on costs); object ones become `effective_at[gte]=…`.
			arrayFormat: 'repeat',
			body: request.body,
			headers,
			json: true,
			timeout: REQUEST_TIMEOUT_MS,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// n8n would follow a redirect to any host, over http too, with the admin key still in the
			// Authorization header. A 3xx comes back as the response instead, and fails the request.
			disableFollowRedirect: true,
		};

		let waitedMs = 0;
		let earlierAttemptMayHaveActed = false;
		for (let attempt = 0; ; attempt++) {
			await this.pacer.waitForSlot();
			const result = await this.attempt(options, credentials, adminKey);
			if (!result.failure) return result.body as T;

			const { failure } = result;
			if (request.deletedAnswer && earlierAttemptMayHaveActed && isNotFound(failure)) {
				// The attempt that failed deleted it: answer as the API would have then.
				return request.deletedAnswer as T;
			}
			earlierAttemptMayHaveActed ||= mayHaveActed(failure);
			const delayMs = retryDelayMs(failure, attempt, Date.now());
			const canRetry =
				attempt < this.retry.maxRetries &&
				isRetryable(failure, request.createsResource === true) &&
				waitedMs + delayMs <= this.retry.maxTotalWaitMs;
			if (!canRetry) throw this.toError(failure, result.body, request, attempt, adminKey);
			waitedMs += delayMs;
			await sleep(delayMs);
		}
	}

	/**
	 * A list page that cannot belong to a complete list. Nothing is returned from the list: the
	 * caller would otherwise take a part for the whole.
	 */
	incompleteList(request: string, pageNumber: number, problem: string): IncompleteListError {
		const message = `The OpenAI Administration API sent ${problem} (page ${pageNumber} of ${request})`;
		return new IncompleteListError(
			this.context.getNode(),
			{ message },
			{
				message,
				description:
					'The list would be incomplete, so nothing of it was used. This is a problem on the API side; run it again later.',
				itemIndex: this.itemIndex,
			},
		);
	}

	private async attempt(
		options: IHttpRequestOptions,
		credentials: ICredentialDataDecryptedObject,
		adminKey: string | undefined,
	): Promise<AttemptResult> {
		const reference = this.context.getNode().credentials?.[CREDENTIAL_TYPE];
		// n8n's helper takes only `data` from it; the id and name say which credential it is.
		const credentialsDecrypted: ICredentialsDecrypted = {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: CREDENTIAL_TYPE,
			// A copy: the helper may add what a credential's pre-authentication returns to it.
			data: { ...credentials },
		};
		let response: { body: unknown; headers: Record<string, unknown>; statusCode: number };
		try {
			response = (await this.context.helpers.httpRequestWithAuthentication.call(
				this.context,
				CREDENTIAL_TYPE,
				// Each attempt gets its own copy: the credential helper writes the auth header into it.
				{ ...options, headers: { ...options.headers } },
				{ credentialsDecrypted },
			)) as typeof response;
		} catch (error) {
			const code = connectionErrorCode(error);
			if (!code) {
				// n8n's own error keeps the request it failed on, headers included: pass on only its text.
				const message = redact(error instanceof Error ? error.message : String(error), adminKey);
				throw new NodeApiError(this.context.getNode(), { message }, { message, itemIndex: this.itemIndex });
			}
			return { failure: { kind: 'connection', code, beforeSending: code === 'ECONNREFUSED' } };
		}
		if (response.statusCode >= 300 && response.statusCode < 400) {
			// Not retried: the next attempt would be sent away the same way.
			throw redirectError(this.context.getNode(), response.statusCode, response.headers, options.url, this.itemIndex, adminKey);
		}
		const parsed = parseBody(response.body);
		if (response.statusCode >= 200 && response.statusCode < 300) {
			return parsed.ok ? { body: parsed.value } : { failure: { kind: 'malformed' } };
		}
		return {
			body: parsed.ok ? parsed.value : response.body,
			failure: { kind: 'status', status: response.statusCode, headers: response.headers ?? {} },
		};
	}

	private toError(
		failure: Failure,
		body: unknown,
		request: AdminApiRequest,
		retries: number,
		adminKey: string | undefined,
	): NodeApiError {
		const node = this.context.getNode();
		const tried = retries > 0 ? ` (after ${retries + 1} attempts)` : '';
		const ambiguous = request.createsResource
			? ' The request may have been carried out: check before running it again.'
			: '';
		if (failure.kind === 'status') {
			const error = apiError(node, failure.status, body, this.itemIndex, adminKey);
			if (tried) error.message += tried;
			// A server error after the body was sent leaves a create as ambiguous as a dropped connection.
			if (ambiguous && failure.status >= 500) {
				error.description = `${request.method} ${request.path}.${ambiguous}`;
			}
			return error;
		}
		const message =
			failure.kind === 'connection'
				? `Could not reach the OpenAI Administration API (${failure.code})${tried}`
				: `The OpenAI Administration API sent a response that is not valid JSON${tried}`;
		const error = new NodeApiError(
			node,
			{ message },
			{
				message: redact(message, adminKey),
				description: `${request.method} ${request.path}.${ambiguous}`,
				itemIndex: this.itemIndex,
			},
		);
		// NodeApiError swaps a message naming a network code (ECONNRESET) for a generic one that
		// advises an immediate retry and drops the attempt count: keep ours.
		error.message = redact(message, adminKey);
		return error;
	}
}
