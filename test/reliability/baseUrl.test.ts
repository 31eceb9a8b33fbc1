/**
 * Where the admin key may go, through real n8n execution: the node, its pickers and the trigger
 * send it only to the credential's Base URL. A redirect is an error, never followed (n8n would
 * follow it to any host with the Authorization header on); a plain http:// Base URL on another
 * machine is refused before any request unless the credential allows it. The sandbox answers the
 * redirects; a second local server stands for wherever they point and must hear nothing.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import type { LocalServer } from '../helpers/httpServer';
import { startServer } from '../helpers/httpServer';
import type { NodeRun } from '../helpers/runNode';
import { byId, pollTrigger, searchList } from '../helpers/runNode';
import { runAgainst, useSandbox } from '../helpers/sandbox';
import { firstProject } from './support';

type ShownError = Error & { description?: string | null; httpCode?: string | null };

/** Everything of an error a user or a log could see. */
const shown = (error: ShownError) => `${error.message}\n${error.description ?? ''}\n${JSON.stringify(error)}\n${error.stack ?? ''}`;

describe('redirects', () => {
	const sandbox = useSandbox({ projects: 2 });
	let elsewhere: LocalServer;
	beforeEach(async () => {
		elsewhere = await startServer(() => ({ object: 'list', data: [], has_more: false }));
	});
	afterEach(() => elsewhere.close());

	/** The sandbox sends matching requests to the other server, keeping their path and query. */
	const redirect = (status: number, rule: { method?: string; skip?: number } = {}) =>
		sandbox().addFault({ kind: 'redirect', status, location: `${elsewhere.baseUrl}/v1`, ...rule });

	function expectRefusedRedirect(error: ShownError | undefined, status: number) {
		expect(error?.message).toBe(`The API answered with a redirect to ${elsewhere.baseUrl} (HTTP ${status}), which the node does not follow`);
		expect(error?.description).toMatch(/follows no redirect, so that the admin key goes nowhere but to the credential's Base URL\. Set the Base URL/);
		expect(error?.httpCode).toBe(String(status));
		// The Location's path and query are not repeated, the key appears nowhere.
		expect(shown(error!)).not.toContain('/organization/');
		expect(shown(error!)).not.toContain(sandbox().adminKey);
		expect(elsewhere.requests).toEqual([]);
	}

	it.each([301, 302, 303, 307, 308])('a get answered %i fails at once, and the other server hears nothing', async (status) => {
		redirect(status);
		const run = await runAgainst(sandbox(), { resource: 'project', operation: 'get', projectId: byId(firstProject(sandbox()).id) });
		expectRefusedRedirect(run.error, status);
		// Not retried: a second attempt would be sent away the same way.
		expect(sandbox().requests).toHaveLength(1);
	});

	it('a create answered 307 sends its body nowhere else', async () => {
		redirect(307, { method: 'POST' });
		const run = await runAgainst(sandbox(), { resource: 'project', operation: 'create', name: 'Moved' });
		expectRefusedRedirect(run.error, 307);
		expect(sandbox().requests).toHaveLength(1);
		expect(sandbox().state.projects.map((project) => project.name)).not.toContain('Moved');
	});

	it('a Return All redirected on its second page fails with no partial list', async () => {
		const project = firstProject(sandbox());
		sandbox().state.addApiKeys(project.id, 150);
		redirect(308, { skip: 1 });
		const run = await runAgainst(sandbox(), { resource: 'projectApiKey', operation: 'getMany', projectId: byId(project.id), returnAll: true });
		expectRefusedRedirect(run.error, 308);
		expect(run.json).toEqual([]);
		expect(sandbox().requests).toHaveLength(2);
	});

	it('with Continue On Fail, each item gets the error and the others go on', async () => {
		const [first, second] = sandbox().state.projects;
		sandbox().addFault({ kind: 'redirect', location: `${elsewhere.baseUrl}/v1`, times: 1 });
		const run: NodeRun = await runAgainst(
			sandbox(),
			{ resource: 'project', operation: 'get', projectId: byId('={{ $json.id }}') },
			{ input: [{ id: first.id }, { id: second.id }], continueOnFail: true },
		);
		expect(run.json).toEqual([
			{ error: `The API answered with a redirect to ${elsewhere.baseUrl} (HTTP 307), which the node does not follow`, description: expect.any(String), httpCode: '307' },
			expect.objectContaining({ id: second.id }),
		]);
		expect(elsewhere.requests).toEqual([]);
	});

	it('a picker ("From List") fails the same way', async () => {
		redirect(302);
		await expect(searchList('list-projects', {}, { api: sandbox() })).rejects.toThrow(
			`The API answered with a redirect to ${elsewhere.baseUrl} (HTTP 302), which the node does not follow`,
		);
		expect(elsewhere.requests).toEqual([]);
	});

	it('the trigger fails its poll, its position unchanged', async () => {
		redirect(301);
		const result = await pollTrigger({}, { api: sandbox() });
		expect(result.changed).toBe(false);
		expect(result.error?.message).toBe(`The API answered with a redirect to ${elsewhere.baseUrl} (HTTP 301), which the node does not follow`);
		expect(shown(result.error!)).not.toContain(sandbox().adminKey);
		expect(elsewhere.requests).toEqual([]);
		expect(sandbox().requests).toHaveLength(1);
	});
});

describe('plain http', () => {
	const sandbox = useSandbox({ projects: 1 });
	const get = (project = firstProject(sandbox())): INodeParameters => ({ resource: 'project', operation: 'get', projectId: byId(project.id) });
	/** The sandbox at an address that is not loopback, which Linux still delivers to this machine. */
	const notLoopback = (sb: Sandbox) => sb.baseUrl.replace('127.0.0.1', '0.0.0.0');
	const REFUSED = /^The Base URL of the OpenAI Admin API credential is plain http:\/\/ to (.+): the admin key would travel unencrypted$/;

	it('to another machine is refused before any request, naming the host and the way out', async () => {
		const run = await runAgainst(sandbox(), get(), { credential: { baseUrl: notLoopback(sandbox()) } });
		expect(run.error?.message).toMatch(REFUSED);
		expect(REFUSED.exec(run.error!.message)![1]).toBe(`0.0.0.0:${sandbox().port}`);
		expect(run.error?.description).toMatch(/Set the Base URL of the OpenAI Admin API credential to its https:\/\/ address.*"Allow Unencrypted HTTP"/);
		expect(shown(run.error!)).not.toContain(sandbox().adminKey);
		expect(sandbox().requests).toEqual([]);
	});

	it.each(['http://example.invalid/v1', 'http://10.255.255.1/v1'])('%s is refused without trying it', async (baseUrl) => {
		const run = await runAgainst(sandbox(), get(), { credential: { baseUrl } });
		expect(run.error?.message).toBe(
			`The Base URL of the OpenAI Admin API credential is plain http:// to ${new URL(baseUrl).host}: the admin key would travel unencrypted`,
		);
	});

	it('with Continue On Fail, every item gets the refusal', async () => {
		const run = await runAgainst(sandbox(), get(), { credential: { baseUrl: notLoopback(sandbox()) }, input: [{}, {}], continueOnFail: true });
		expect(run.json).toEqual([
			{ error: expect.stringMatching(REFUSED), description: expect.stringMatching(/Allow Unencrypted HTTP/) },
			{ error: expect.stringMatching(REFUSED), description: expect.stringMatching(/Allow Unencrypted HTTP/) },
		]);
		expect(sandbox().requests).toEqual([]);
	});

	it('to another machine goes through when the credential allows unencrypted HTTP', async () => {
		const project = firstProject(sandbox());
		const run = await runAgainst(sandbox(), get(project), { credential: { baseUrl: notLoopback(sandbox()), allowUnencryptedHttp: true } });
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([expect.objectContaining({ id: project.id })]);
		expect(sandbox().requests).toHaveLength(1);
	});

	it('to localhost works', async () => {
		const project = firstProject(sandbox());
		const run = await runAgainst(sandbox(), get(project), { credential: { baseUrl: sandbox().baseUrl.replace('127.0.0.1', 'localhost') } });
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([expect.objectContaining({ id: project.id })]);
	});

	it('the trigger refuses it too', async () => {
		const result = await pollTrigger({}, { api: sandbox(), credential: { baseUrl: notLoopback(sandbox()) } });
		expect(result.error?.message).toMatch(REFUSED);
		expect(result.changed).toBe(false);
		expect(sandbox().requests).toEqual([]);
	});
});

describe('plain http to ::1', () => {
	const sandbox = useSandbox({ projects: 1, host: '::1' });

	it('works: it is this machine', async () => {
		expect(sandbox().baseUrl).toMatch(/^http:\/\/\[::1\]:\d+\/v1$/);
		const project = firstProject(sandbox());
		const run = await runAgainst(sandbox(), { resource: 'project', operation: 'get', projectId: byId(project.id) });
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([expect.objectContaining({ id: project.id })]);
	});
});
