/**
 * Every fault the sandbox can inject × every kind of operation, through real n8n execution against
 * the sandbox on 127.0.0.1. Each cell asserts the final output, the exact number of requests, and
 * the sandbox state (nothing lost, nothing done twice). Cells run concurrently, each with its own
 * sandbox, so the real waits (up to ~2.4 s for a 429 without a header) overlap.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FaultRule, Sandbox } from '../../sandbox';
import type { NodeRun } from '../helpers/runNode';
import { byId } from '../helpers/runNode';
import { runAgainst } from '../helpers/sandbox';
import { cursors, EMPTY_ORG, firstProject, REFUSING_BASE_URL, withSandbox } from './support';

type Fault = Omit<FaultRule, 'method' | 'path' | 'skip' | 'times'>;

const FAULTS: Array<[name: string, fault: Fault]> = [
	['429 with Retry-After in seconds', { kind: 'status', status: 429, retryAfter: { seconds: 1 } }],
	['429 with retry-after-ms', { kind: 'status', status: 429, retryAfter: { ms: 30 } }],
	['429 with Retry-After as an HTTP date', { kind: 'status', status: 429, retryAfter: { httpDate: true } }],
	['429 without a header', { kind: 'status', status: 429 }],
	['500', { kind: 'status', status: 500 }],
	['502 (HTML page)', { kind: 'status', status: 502 }],
	['503', { kind: 'status', status: 503 }],
	['dropped connection', { kind: 'drop' }],
	['malformed JSON', { kind: 'malformed_json' }],
	['latency', { kind: 'latency', latencyMs: 300 }],
];

/** What the user sees when a create fails on that fault and is (rightly) not retried. */
const CREATE_FAILURES: Record<string, { message: string; httpCode?: string }> = {
	'500': { message: 'The server had an error while processing your request. Sorry about that!', httpCode: '500' },
	'502 (HTML page)': { message: 'The API answered with HTTP 502', httpCode: '502' },
	'503': { message: 'The server is overloaded or not ready yet.', httpCode: '503' },
	'dropped connection': { message: 'Could not reach the OpenAI Administration API (ECONNRESET)' },
	'malformed JSON': { message: 'The OpenAI Administration API sent a response that is not valid JSON' },
};

const KEYS = 250;

interface Kind {
	name: string;
	/** A create: retried only when the API certainly did not act. */
	creates: boolean;
	/** Requests made when nothing goes wrong. */
	requests: number;
	/** Where the fault is aimed: the request it hits first. */
	target: { method: string; path: RegExp; skip: number };
	parameters(sandbox: Sandbox): INodeParameters;
	/** Checks the output and the sandbox state after a run that succeeded. */
	succeeded(sandbox: Sandbox, run: NodeRun): void;
	/** Checks that the sandbox state is as before, after a run that failed without acting. */
	untouched(sandbox: Sandbox): void;
}

const KINDS: Kind[] = [
	{
		name: 'get',
		creates: false,
		requests: 1,
		target: { method: 'GET', path: /^\/organization\/projects\/proj_\w+$/, skip: 0 },
		parameters: (sandbox) => ({ resource: 'project', operation: 'get', projectId: byId(firstProject(sandbox).id) }),
		succeeded(sandbox, run) {
			const project = firstProject(sandbox);
			expect(run.json).toEqual([expect.objectContaining({ id: project.id, name: project.name, status: 'active' })]);
		},
		untouched() {},
	},
	{
		name: 'list (Return All over 3 pages)',
		creates: false,
		requests: 3,
		// The second page fails: Return All must resume at the same cursor.
		target: { method: 'GET', path: /\/api_keys$/, skip: 1 },
		parameters: (sandbox) => ({
			resource: 'projectApiKey',
			operation: 'getMany',
			projectId: byId(firstProject(sandbox).id),
			returnAll: true,
		}),
		succeeded(sandbox, run) {
			const ids = firstProject(sandbox).apiKeys.map((key) => key.id);
			expect(ids).toHaveLength(KEYS);
			expect(run.json.map((item) => item.id)).toEqual(ids);
		},
		untouched() {},
	},
	{
		name: 'create',
		creates: true,
		requests: 1,
		target: { method: 'POST', path: /^\/organization\/projects$/, skip: 0 },
		parameters: () => ({ resource: 'project', operation: 'create', name: 'Reliability' }),
		succeeded(sandbox, run) {
			const created = sandbox.state.projects.filter((project) => project.name === 'Reliability');
			expect(created).toHaveLength(1);
			expect(run.json).toEqual([expect.objectContaining({ id: created[0].id, name: 'Reliability' })]);
		},
		untouched(sandbox) {
			expect(sandbox.state.projects.filter((project) => project.name === 'Reliability')).toHaveLength(0);
		},
	},
	{
		name: 'update',
		creates: false,
		requests: 1,
		target: { method: 'POST', path: /^\/organization\/projects\/proj_\w+$/, skip: 0 },
		parameters: (sandbox) => ({
			resource: 'project',
			operation: 'update',
			projectId: byId(firstProject(sandbox).id),
			updateFields: { name: 'Renamed' },
		}),
		succeeded(sandbox, run) {
			const project = firstProject(sandbox);
			expect(project.name).toBe('Renamed');
			expect(run.json).toEqual([expect.objectContaining({ id: project.id, name: 'Renamed' })]);
		},
		untouched() {},
	},
	{
		name: 'delete',
		creates: false,
		requests: 1,
		target: { method: 'DELETE', path: /\/api_keys\/key_\w+$/, skip: 0 },
		parameters: (sandbox) => {
			const project = firstProject(sandbox);
			return {
				resource: 'projectApiKey',
				operation: 'delete',
				projectId: byId(project.id),
				apiKeyId: byId(project.apiKeys[0].id),
			};
		},
		succeeded(sandbox, run) {
			const project = firstProject(sandbox);
			expect(project.apiKeys).toHaveLength(KEYS - 1);
			expect(run.json).toEqual([
				{ object: 'organization.project.api_key.deleted', id: expect.stringMatching(/^key_/), deleted: true },
			]);
			expect(project.apiKeys.some((key) => key.id === run.json[0].id)).toBe(false);
		},
		untouched() {},
	},
];

const CELLS = KINDS.flatMap((kind) => FAULTS.map(([faultName, fault]) => [kind.name, faultName, kind, fault] as const));

describe('fault matrix', () => {
	it.concurrent.each(CELLS)('%s × %s', async (_kindName, faultName, kind, fault) => {
		await withSandbox(EMPTY_ORG, async (sandbox) => {
			sandbox.state.addApiKeys(firstProject(sandbox).id, KEYS);
			sandbox.addFault({ ...fault, ...kind.target, times: 1 } as FaultRule);

			const run = await runAgainst(sandbox, kind.parameters(sandbox));

			const hit = sandbox.requests.filter((request) => request.fault === fault.kind);
			expect(hit).toHaveLength(1);
			const retried = fault.kind !== 'latency' && (!kind.creates || fault.status === 429);
			const failsAmbiguously = kind.creates && !retried && fault.kind !== 'latency';

			if (failsAmbiguously) {
				// Not sent again: the API may have acted on it. The user is told so.
				expect(sandbox.requests).toHaveLength(1);
				expect(run.json).toEqual([]);
				const expected = CREATE_FAILURES[faultName];
				expect(run.error?.message).toBe(expected.message);
				if (expected.httpCode) expect(run.error?.httpCode).toBe(expected.httpCode);
				expect(run.error?.description).toMatch(/may have been carried out: check before running it again/);
				kind.untouched(sandbox);
				return;
			}

			expect(run.error).toBeUndefined();
			expect(sandbox.requests).toHaveLength(kind.requests + (retried ? 1 : 0));
			expect(sandbox.requests.every((request) => request.fault === undefined || request === hit[0])).toBe(true);
			kind.succeeded(sandbox, run);
			if (kind.requests > 1) {
				// Return All went on from the page that failed: no page skipped, none fetched twice.
				const keys = firstProject(sandbox).apiKeys;
				const afterPage = (page: number) => keys[page * 100 - 1].id;
				expect(cursors(sandbox, /\/api_keys$/)).toEqual(
					retried
						? [undefined, afterPage(1), afterPage(1), afterPage(2)]
						: [undefined, afterPage(1), afterPage(2)],
				);
			}
		});
	});
});

describe('creates after an ambiguous failure where the server did act', () => {
	interface CreateKind {
		name: string;
		path: RegExp;
		parameters(sandbox: Sandbox): INodeParameters;
		/** The objects that an attempt would have created. */
		created(sandbox: Sandbox): IDataObject[];
	}

	const CREATES: CreateKind[] = [
		{
			name: 'project',
			path: /^\/organization\/projects$/,
			parameters: () => ({ resource: 'project', operation: 'create', name: 'Once only' }),
			created: (sandbox) => sandbox.state.projects.filter((project) => project.name === 'Once only') as unknown as IDataObject[],
		},
		{
			name: 'service account',
			path: /\/service_accounts$/,
			parameters: (sandbox) => ({
				resource: 'projectServiceAccount',
				operation: 'create',
				projectId: byId(firstProject(sandbox).id),
				name: 'Once only',
			}),
			created: (sandbox) =>
				firstProject(sandbox).serviceAccounts.filter((account) => account.name === 'Once only') as unknown as IDataObject[],
		},
		{
			name: 'project user',
			path: /\/users$/,
			parameters: (sandbox) => ({
				resource: 'projectUser',
				operation: 'add',
				projectId: byId(firstProject(sandbox).id),
				identifyBy: 'email',
				email: sandbox.state.organizationUsers[1].email,
				role: 'member',
			}),
			created: (sandbox) =>
				firstProject(sandbox).users.filter((user) => user.id === sandbox.state.organizationUsers[1].id) as unknown as IDataObject[],
		},
	];

	const AMBIGUOUS = FAULTS.filter(([name]) => name in CREATE_FAILURES);
	const cells = CREATES.flatMap((create) => AMBIGUOUS.map(([faultName, fault]) => [create.name, faultName, create, fault] as const));

	it.concurrent.each(cells)('%s × %s: sent once, exists once, the user is told to check', async (_c, faultName, create, fault) => {
		await withSandbox(EMPTY_ORG, async (sandbox) => {
			sandbox.addFault({ ...fault, method: 'POST', path: create.path, afterHandler: true, times: 1 } as FaultRule);
			const run = await runAgainst(sandbox, create.parameters(sandbox));

			expect(sandbox.requests).toHaveLength(1);
			expect(create.created(sandbox)).toHaveLength(1);
			expect(run.json).toEqual([]);
			expect(run.error?.message).toBe(CREATE_FAILURES[faultName].message);
			expect(run.error?.description).toMatch(/may have been carried out/);
		});
	});

	it.concurrent.each(CREATES.map((create) => [create.name, create] as const))(
		'%s × 429: sent again, exists once, returned',
		async (_name, create) => {
			await withSandbox(EMPTY_ORG, async (sandbox) => {
				sandbox.addFault({ kind: 'status', status: 429, retryAfter: { ms: 20 }, method: 'POST', path: create.path, times: 2 });
				const run = await runAgainst(sandbox, create.parameters(sandbox));

				expect(run.error).toBeUndefined();
				expect(sandbox.requests.map((request) => request.status)).toEqual([429, 429, 200]);
				const created = create.created(sandbox);
				expect(created).toHaveLength(1);
				expect(run.json).toEqual([expect.objectContaining({ id: created[0].id })]);
			});
		},
	);

	it.concurrent('a refused connection is retried for a create: nothing was sent', async () => {
		await withSandbox(EMPTY_ORG, async (sandbox) => {
			const run = await runAgainst(
				sandbox,
				{ resource: 'project', operation: 'create', name: 'Refused', options: { maxRetries: 1 } },
				{ credential: { baseUrl: REFUSING_BASE_URL } },
			);
			expect(run.error?.message).toBe('Could not reach the OpenAI Administration API (ECONNREFUSED) (after 2 attempts)');
			expect(run.error?.description).toMatch(/may have been carried out/);
			expect(sandbox.requests).toHaveLength(0);
		});
	});
});

describe('idempotent requests after an ambiguous failure where the server did act', () => {
	it.concurrent('an update is sent again and ends in the same state', async () => {
		await withSandbox(EMPTY_ORG, async (sandbox) => {
			const project = firstProject(sandbox);
			sandbox.addFault({ kind: 'drop', method: 'POST', afterHandler: true, times: 1 });
			const run = await runAgainst(sandbox, {
				resource: 'project',
				operation: 'update',
				projectId: byId(project.id),
				updateFields: { name: 'Renamed' },
			});
			expect(run.error).toBeUndefined();
			expect(sandbox.requests).toHaveLength(2);
			expect(project.name).toBe('Renamed');
			expect(run.json).toEqual([expect.objectContaining({ id: project.id, name: 'Renamed' })]);
		});
	});

	it.concurrent('a delete that already happened reports the deletion, not a 404', async () => {
		await withSandbox(EMPTY_ORG, async (sandbox) => {
			const project = firstProject(sandbox);
			const [key] = sandbox.state.addApiKeys(project.id, 2);
			sandbox.addFault({ kind: 'status', status: 502, method: 'DELETE', afterHandler: true, times: 1 });
			const run = await runAgainst(sandbox, {
				resource: 'projectApiKey',
				operation: 'delete',
				projectId: byId(project.id),
				apiKeyId: byId(key.id),
			});
			expect(sandbox.requests.map((request) => request.status)).toEqual([502, 404]);
			expect(project.apiKeys.map((k) => k.id)).not.toContain(key.id);
			expect(run.error).toBeUndefined();
			expect(run.json).toEqual([{ object: 'organization.project.api_key.deleted', id: key.id, deleted: true }]);
		});
	});
});

describe('giving up', () => {
	/** Project → Get, under a status every GET answers, with these options. */
	async function getUnder(sandbox: Sandbox, status: number, options: INodeParameters) {
		sandbox.addFault({ kind: 'status', status, method: 'GET' });
		return await runAgainst(sandbox, { resource: 'project', operation: 'get', projectId: byId(firstProject(sandbox).id), options });
	}

	it.concurrent('stops after Max Retries on a fault that persists, and says how often it tried', async () => {
		await withSandbox(EMPTY_ORG, async (sandbox) => {
			const run = await getUnder(sandbox, 503, { maxRetries: 2 });
			expect(sandbox.requests).toHaveLength(3);
			expect(run.error?.message).toBe('The server is overloaded or not ready yet. (after 3 attempts)');
			expect(run.error?.httpCode).toBe('503');
		});
	});

	it.concurrent('does not start a wait longer than Max Retry Wait', async () => {
		await withSandbox(EMPTY_ORG, async (sandbox) => {
			const run = await getUnder(sandbox, 429, { maxRetryWaitSeconds: 1 });
			// The first header-less backoff is 2 s or more: over the limit, so no retry at all.
			expect(sandbox.requests).toHaveLength(1);
			expect(run.error?.httpCode).toBe('429');
			expect(run.error?.message).toBe('Rate limit reached for requests. Please try again later.');
		});
	});

	it.concurrent('a Return All that gives up on page 2 returns nothing rather than a partial list', async () => {
		await withSandbox(EMPTY_ORG, async (sandbox) => {
			const project = firstProject(sandbox);
			sandbox.state.addApiKeys(project.id, 150);
			sandbox.addFault({ kind: 'status', status: 429, retryAfter: { ms: 10 }, method: 'GET', skip: 1 });
			const run = await runAgainst(
				sandbox,
				{ resource: 'projectApiKey', operation: 'getMany', projectId: byId(project.id), returnAll: true, options: { maxRetries: 2 } },
				{ continueOnFail: true },
			);
			expect(sandbox.requests).toHaveLength(4);
			expect(run.items).toEqual([
				{
					json: { error: 'Rate limit reached for requests. Please try again later. (after 3 attempts)', httpCode: '429' },
					pairedItem: { item: 0 },
				},
			]);
		});
	});
});
