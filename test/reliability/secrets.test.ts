/**
 * The admin key never shows: not in output items, not in errors (message, description, stack, the
 * error serialised or inspected in depth), not in anything written to the console, stdout, stderr
 * or n8n's logger, whether the operation succeeds or fails, and even when a server echoes the
 * Authorization header back. A created service account's one-time key is in the output.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';

import { Logger } from '@n8n/backend-common';
import type { INodeParameters } from 'n8n-workflow';

import { registry } from '../../nodes/OpenAiAdmin/actions/registry';
import type { Sandbox } from '../../sandbox';
import type { NodeRun, RunNodeOptions } from '../helpers/runNode';
import { byId, runNode } from '../helpers/runNode';
import { EMPTY_ORG, firstProject, REFUSING_BASE_URL, withSandbox } from './support';

const ADMIN_KEY = 'sk-admin-CANARY0secret0do0not0leak0' + 'Zq7Xw3Vt9Ru5Sp1On8Ml4Kj6Ih2Gf0Ed';
/** Parts a careless error might keep (a header value, the key's tail). */
const FRAGMENTS = [ADMIN_KEY, ADMIN_KEY.slice(9), `Bearer ${ADMIN_KEY}`];

/** Everything written while a run was going on. */
let captured: string[] = [];
const spies: jest.SpyInstance[] = [];

// n8n's logger drops levels below N8N_LOG_LEVEL when it is created (on the first run of this file):
// have it keep everything, so that every line it would log is checked. Restored for later files.
const logLevel = process.env.N8N_LOG_LEVEL;
beforeAll(() => {
	process.env.N8N_LOG_LEVEL = 'debug';
	// n8n's logger (what LoggerProxy forwards to once n8n has set it up), at every level, silenced,
	// for the whole file (the engine's shutdown logs after the last test).
	for (const level of ['error', 'warn', 'info', 'debug'] as const) {
		jest.spyOn(Logger.prototype, level).mockImplementation((message: string, meta?: object) => {
			captured.push(`n8n ${level} ${message} ${inspect(meta, { depth: 8 })}`);
		});
	}
});
afterAll(() => {
	if (logLevel === undefined) delete process.env.N8N_LOG_LEVEL;
	else process.env.N8N_LOG_LEVEL = logLevel;
});

beforeEach(() => {
	captured = [];
	for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
		spies.push(jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
			captured.push(`console.${method} ${args.map((arg) => inspect(arg, { depth: 8 })).join(' ')}`);
		}));
	}
	for (const stream of [process.stdout, process.stderr]) {
		const write = stream.write.bind(stream);
		spies.push(
			jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
				captured.push(String(chunk));
				return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
			}) as typeof stream.write),
		);
	}
});

afterEach(() => {
	for (const spy of spies.splice(0)) spy.mockRestore();
});

/** Every way the run's results and errors could be looked at. */
function exposures(run: NodeRun): string[] {
	const texts = [JSON.stringify(run.items), inspect(run.items, { depth: Infinity })];
	const { error } = run;
	if (error) {
		texts.push(
			error.message,
			String(error.description ?? ''),
			String(error.stack ?? ''),
			inspect(error, { depth: Infinity }),
			JSON.stringify(error, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)),
		);
		for (let cause: unknown = error.cause; cause; cause = (cause as { cause?: unknown }).cause) {
			texts.push(inspect(cause, { depth: Infinity }));
		}
	}
	return texts;
}

function expectNoKey(run: NodeRun) {
	const all = [...exposures(run), ...captured].join('\n');
	for (const fragment of FRAGMENTS) expect(all).not.toContain(fragment);
}

async function run(api: { baseUrl: string }, parameters: INodeParameters, options: Omit<RunNodeOptions, 'api'> = {}) {
	return await runNode(parameters, { ...options, api: { baseUrl: api.baseUrl, adminKey: ADMIN_KEY } });
}

const SANDBOX = { ...EMPTY_ORG, adminKey: ADMIN_KEY };

/** Checks that the sandbox really got the canary, so that the test proves something. */
function expectKeyWasSent(sandbox: Sandbox) {
	expect(sandbox.requests.length).toBeGreaterThan(0);
	for (const request of sandbox.requests) expect(request.headers.authorization).toBe(`Bearer ${ADMIN_KEY}`);
}

describe('operations that succeed', () => {
	it('a Return All, an update, a delete, an add: no key anywhere', async () => {
		await withSandbox(SANDBOX, async (sandbox) => {
			const project = firstProject(sandbox);
			sandbox.state.addApiKeys(project.id, 120);
			const runs = [
				await run(sandbox, { resource: 'projectApiKey', operation: 'getMany', projectId: byId(project.id), returnAll: true }),
				await run(sandbox, { resource: 'project', operation: 'update', projectId: byId(project.id), updateFields: { name: 'Renamed' } }),
				await run(sandbox, { resource: 'projectApiKey', operation: 'delete', projectId: byId(project.id), apiKeyId: byId(project.apiKeys[0].id) }),
				await run(sandbox, {
					resource: 'projectUser',
					operation: 'add',
					projectId: byId(project.id),
					identifyBy: 'email',
					email: sandbox.state.organizationUsers[2].email,
					role: 'member',
				}),
			];
			for (const result of runs) {
				expect(result.error).toBeUndefined();
				expectNoKey(result);
			}
			expect(runs[0].json).toHaveLength(120);
			expectKeyWasSent(sandbox);
			// The capture works: n8n's own log lines of these runs were seen.
			expect(captured.some((line) => line.includes('Running node "OpenAI Admin" finished successfully'))).toBe(true);
		});
	});

	it('a created service account: its one-time key is returned, the admin key is not', async () => {
		await withSandbox(SANDBOX, async (sandbox) => {
			const project = firstProject(sandbox);
			const result = await run(sandbox, { resource: 'projectServiceAccount', operation: 'create', projectId: byId(project.id), name: 'Deployer' });

			expect(result.error).toBeUndefined();
			const apiKey = result.json[0].api_key as { value?: string; id?: string };
			expect(apiKey.value).toMatch(/^sk-/);
			expect(apiKey.value).not.toBe(ADMIN_KEY);
			expectNoKey(result);
			expectKeyWasSent(sandbox);
		});
	});

	it('the create form tells the user the key is shown only once', () => {
		const createServiceAccount = registry.find((entry) => entry.operationId === 'create-project-service-account')!;
		const notice = createServiceAccount.properties.find((property) => property.type === 'notice');
		expect(notice?.displayName).toMatch(/api_key\.value/);
		expect(notice?.displayName).toMatch(/only this once/);
	});
});

describe('operations that fail', () => {
	const failing: Array<[string, (sandbox: Sandbox) => INodeParameters, (sandbox: Sandbox) => void]> = [
		['a 404', () => ({ resource: 'project', operation: 'get', projectId: byId('proj_unknown') }), () => {}],
		[
			'a 400 from the API',
			(sandbox) => ({
				resource: 'projectUser',
				operation: 'add',
				projectId: byId(firstProject(sandbox).id),
				identifyBy: 'email',
				email: 'nobody@example.com',
				role: 'member',
			}),
			() => {},
		],
		['a validation error (no request)', () => ({ resource: 'project', operation: 'get', projectId: byId('={{ "a/b" }}') }), () => {}],
		...([500, 502, 503, 429] as const).map(
			(status): [string, (sandbox: Sandbox) => INodeParameters, (sandbox: Sandbox) => void] => [
				`HTTP ${status}, retried, then given up`,
				(sandbox) => ({ resource: 'project', operation: 'get', projectId: byId(firstProject(sandbox).id), options: { maxRetries: 1 } }),
				(sandbox) => sandbox.addFault({ kind: 'status', status, retryAfter: { ms: 5 } }),
			],
		),
		[
			'a dropped connection on a create',
			() => ({ resource: 'project', operation: 'create', name: 'X' }),
			(sandbox) => sandbox.addFault({ kind: 'drop', afterHandler: true }),
		],
		[
			'malformed JSON',
			(sandbox) => ({ resource: 'project', operation: 'get', projectId: byId(firstProject(sandbox).id), options: { maxRetries: 0 } }),
			(sandbox) => sandbox.addFault({ kind: 'malformed_json' }),
		],
	];

	it.each(failing)('%s, stopping the workflow', async (_name, parameters, setUp) => {
		await withSandbox(SANDBOX, async (sandbox) => {
			setUp(sandbox);
			const result = await run(sandbox, parameters(sandbox));
			expect(result.error).toBeDefined();
			expectNoKey(result);
		});
	});

	it.each(failing)('%s, with Continue On Fail', async (_name, parameters, setUp) => {
		await withSandbox(SANDBOX, async (sandbox) => {
			setUp(sandbox);
			const result = await run(sandbox, parameters(sandbox), { continueOnFail: true });
			expect(result.json[0].error).toEqual(expect.any(String));
			expectNoKey(result);
		});
	});

	it('a refused connection', async () => {
		const result = await run({ baseUrl: REFUSING_BASE_URL }, { resource: 'project', operation: 'getMany', returnAll: true, options: { maxRetries: 0 } });
		expect(result.error?.message).toMatch(/ECONNREFUSED/);
		expectNoKey(result);
	});

	it('a wrong key is not the admin key: neither is shown', async () => {
		await withSandbox(SANDBOX, async (sandbox) => {
			const wrong = 'sk-admin-WRONGKEY0000000000000000000000000000000000000000000000000000';
			const result = await runNode(
				{ resource: 'project', operation: 'getMany', returnAll: true },
				{ api: { baseUrl: sandbox.baseUrl, adminKey: wrong } },
			);
			expect(result.error?.httpCode).toBe('401');
			expect(JSON.stringify([result.error?.message, result.error?.description])).not.toContain(wrong);
			expectNoKey(result);
		});
	});
});

describe('a server that echoes the Authorization header back', () => {
	/** Answers GET /v1/organization/projects/<mode> with the header echoed in the way <mode> says. */
	async function echoServer() {
		const server = http.createServer((req, res) => {
			const auth = String(req.headers.authorization ?? '');
			const mode = (req.url ?? '').split('?')[0].split('/').pop()?.replace(/^proj_/, '');
			const send = (status: number, body: string, type = 'application/json') => {
				res.writeHead(status, { 'content-type': type, 'x-echo': auth });
				res.end(body);
			};
			switch (mode) {
				case 'message':
					return send(400, JSON.stringify({ error: { message: `Invalid header: ${auth}`, type: 'invalid_request_error', param: null, code: null } }));
				case 'param':
					return send(400, JSON.stringify({ error: { message: 'Invalid value', type: 'invalid_request_error', param: auth, code: null } }));
				case 'bare':
					return send(403, JSON.stringify({ error: `Missing scopes for ${auth}` }));
				case 'unauthorized':
					return send(401, JSON.stringify({ error: { message: `Incorrect API key provided: ${auth.slice(7)}.`, code: 'invalid_api_key' } }));
				case 'top_level':
					return send(422, JSON.stringify({ message: `Rejected ${auth}` }));
				case 'text':
					return send(500, `upstream failed for ${auth}`, 'text/plain');
				case 'html':
					return send(502, `<html><body>Bad gateway for ${auth}</body></html>`, 'text/html');
				case 'malformed':
					return send(200, `{"id": "proj_1", "seen": "${auth}`);
				default:
					return send(404, JSON.stringify({ error: { message: 'no such mode' } }));
			}
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		return { baseUrl: `http://127.0.0.1:${port}/v1`, close: () => new Promise((resolve) => server.close(resolve)) };
	}

	let echo: Awaited<ReturnType<typeof echoServer>>;
	beforeAll(async () => {
		echo = await echoServer();
	});
	afterAll(async () => {
		await echo.close();
	});

	it.each(['message', 'param', 'bare', 'unauthorized', 'top_level', 'text', 'html', 'malformed'])(
		'echoed in the %s of an error: redacted everywhere',
		async (mode) => {
			for (const continueOnFail of [false, true]) {
				const result = await run(
					echo,
					{ resource: 'project', operation: 'get', projectId: byId(`proj_${mode}`), options: { maxRetries: 0 } },
					{ continueOnFail },
				);
				expect(continueOnFail ? result.json[0].error : result.error?.message).toEqual(expect.any(String));
				expectNoKey(result);
			}
		},
	);
});
