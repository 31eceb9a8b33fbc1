/**
 * Bad input over every operation, through real n8n execution against the sandbox. Every field is
 * filled from the input item by an expression (as in a real workflow, and so that n8n's own
 * required-field check does not stop the workflow before the node runs), and each run mixes valid
 * and invalid items with Continue On Fail: the invalid ones must fail with the field and the item
 * named, before any request; the valid ones must still succeed, each output keeping its pairedItem.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeParameters } from 'n8n-workflow';

import { listSearch } from '../../nodes/OpenAiAdmin/methods/listSearch';
import type { Sandbox } from '../../sandbox';
import { runAgainst } from '../helpers/sandbox';
import { registry } from '../../nodes/OpenAiAdmin/actions/registry';
import { ORG, seed } from '../helpers/world';
import { namesFieldAndItem, OPERATIONS, toolOnly, WRITTEN } from './operations';
import { withSandbox } from './support';

describe('every operation is covered', () => {
	const named = (entry: { resource: string; value: string }) => `${entry.resource} → ${entry.value}`;

	it('by this table', () => {
		const { resources } = jest.requireActual('../../nodes/OpenAiAdmin/actions/router') as typeof import('../../nodes/OpenAiAdmin/actions/router');
		const all = resources.flatMap((resource) => resource.operations.map((operation) => `${resource.value} → ${operation.value}`));
		const covered = new Set(OPERATIONS.map((spec) => spec.name.replace(/ \(.*\)$/, '')));
		expect(all.filter((name) => !covered.has(name))).toEqual([]);
	});

	it('written out only where an operation has rules of its own: every plain one is derived from its declaration', () => {
		expect(registry.filter((entry) => entry.plain && WRITTEN.has(named(entry))).map(named)).toEqual([]);
		expect(registry.filter((entry) => !entry.plain && !WRITTEN.has(named(entry))).map(named)).toEqual([]);
	});

	it('gives every field of a plain operation bad values, those of its collections too', () => {
		const cells = new Map(OPERATIONS.map((spec) => [spec.name, new Set(spec.fields.map(([, key]) => key))]));
		const missing = registry
			.filter((entry) => entry.plain && entry.method === 'POST')
			.flatMap((entry) =>
				entry.properties
					.flatMap((property) => (property.type === 'collection' ? (property.options as typeof entry.properties) : [property]))
					.filter((property) => property.type !== 'notice' && !toolOnly(property) && !cells.get(named(entry))?.has(property.name))
					.map((property) => `${named(entry)}: ${property.name}`),
			);
		expect(missing).toEqual([]);
	});
});

const CELLS = OPERATIONS.flatMap((spec) => spec.fields.map((field) => [spec.name, field[0], spec, field] as const));

describe('bad input with Continue On Fail: [valid, bad..., valid]', () => {
	it.concurrent.each(CELLS)('%s: %s', async (_op, _field, spec, [field, key, badValues]) => {
		await withSandbox(ORG, async (sandbox) => {
			const world = seed(sandbox);
			const first = spec.valid(world, 0);
			const input = [first, ...badValues.map((value) => ({ ...first, [key]: value })), spec.valid(world, 1)];
			const last = input.length - 1;

			const run = await runAgainst(sandbox, spec.parameters, { input, continueOnFail: true });

			expect(run.error).toBeUndefined();
			// A run over all items ends with its summary, paired with the items it read.
			const overAllItems = spec.perRun !== undefined;
			const items = overAllItems ? run.items.slice(0, -1) : run.items;
			if (overAllItems) expect(run.items.at(-1)?.pairedItem).toEqual([{ item: 0 }, { item: last }]);
			const paired = items.map((item) => (item.pairedItem as { item: number }).item);
			const firstSeen = [...new Set(paired)];
			expect(overAllItems ? firstSeen.sort((a, b) => a - b) : spec.manyOutputs ? firstSeen : paired).toEqual(input.map((_, index) => index));
			items.forEach((item, position) => {
				const index = paired[position];
				if (index === 0 || index === last) {
					expect(item.json.error).toBeUndefined();
				} else {
					expect(item.json).toEqual({
						error: expect.stringMatching(namesFieldAndItem(field, index)),
						description: `Check the "${field}" field of item ${index}.`,
					});
				}
			});
			// Only the two valid items reached the sandbox, each on its own route.
			expect(sandbox.requests).toHaveLength((spec.perRun ?? 0) + 2 * spec.requests);
			for (const request of sandbox.requests) expect(request.path).toMatch(spec.route);
		});
	});
});

describe('bad input without Continue On Fail', () => {
	it.concurrent.each(CELLS)('%s: %s stops the run, naming field and item, before any request', async (_op, _field, spec, [field, key, badValues]) => {
		await withSandbox(ORG, async (sandbox) => {
			const world = seed(sandbox);
			const run = await runAgainst(sandbox, spec.parameters, { input: [{ ...spec.valid(world, 0), [key]: badValues[badValues.length - 1] }] });
			expect(run.error?.message).toMatch(namesFieldAndItem(field, 0));
			expect(run.json).toEqual([]);
			expect(sandbox.requests).toHaveLength(0);
		});
	});
});

describe('bad request options, on every operation', () => {
	const OPTIONS: Array<[string, INodeParameters]> = [
		['Pacing (Requests Per Minute)', { maxRequestsPerMinute: -1 }],
		['Pacing (Requests Per Minute)', { maxRequestsPerMinute: 1.5 }],
		['Max Retries', { maxRetries: -1 }],
		['Max Retries', { maxRetries: 2.5 }],
		['Max Retry Wait (Seconds)', { maxRetryWaitSeconds: -3 }],
	];
	const cells = OPERATIONS.flatMap((spec) => OPTIONS.map(([field, options]) => [spec.name, JSON.stringify(options), spec, field, options] as const));

	it.concurrent.each(cells)('%s with %s', async (_op, _options, spec, field, options) => {
		await withSandbox(ORG, async (sandbox) => {
			const world = seed(sandbox);
			const run = await runAgainst(sandbox, { ...spec.parameters, options }, { input: [spec.valid(world, 0)] });
			expect(run.error?.message).toMatch(namesFieldAndItem(field, 0));
			expect(sandbox.requests).toHaveLength(0);
		});
	});
});

describe('path injection in the editor\'s list search', () => {
	/** A load-options context whose HTTP helper makes real requests to the sandbox. */
	function loadOptionsContext(sandbox: Sandbox, projectId: string): ILoadOptionsFunctions {
		return {
			getNode: () => ({ id: 'n', name: 'OpenAI Admin', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} }),
			getCurrentNodeParameter: () => projectId,
			getCredentials: async () => ({ apiKey: sandbox.adminKey, baseUrl: sandbox.baseUrl }),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: { method: string; url: string; qs?: IDataObject }) => {
					const url = new URL(options.url);
					for (const [name, value] of Object.entries(options.qs ?? {})) url.searchParams.set(name, String(value));
					const response = await fetch(url, { method: options.method, headers: { authorization: `Bearer ${sandbox.adminKey}` } });
					return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.json() };
				},
			},
		} as unknown as ILoadOptionsFunctions;
	}

	it.concurrent.each(['..', '.', '   '])('refuses %j as the project before any request', async (projectId) => {
		await withSandbox(ORG, async (sandbox) => {
			await expect(listSearch['list-project-users'].call(loadOptionsContext(sandbox, projectId))).rejects.toThrow();
			expect(sandbox.requests).toHaveLength(0);
		});
	});

	it.concurrent.each(['../../users', 'x?after=1', 'x#', '%2e%2e'])('keeps %j inside the project segment', async (projectId) => {
		await withSandbox(ORG, async (sandbox) => {
			await expect(listSearch['list-project-users'].call(loadOptionsContext(sandbox, projectId))).rejects.toThrow(/not found|No project/i);
			expect(sandbox.requests).toHaveLength(1);
			expect(sandbox.requests[0].path).toBe(`/organization/projects/${encodeURIComponent(projectId)}/users`);
		});
	});

	it.concurrent('lists a real project\'s users', async () => {
		await withSandbox(ORG, async (sandbox) => {
			const { p0 } = seed(sandbox);
			const result = await listSearch['list-project-users'].call(loadOptionsContext(sandbox, p0.id));
			expect(result.results.map((entry) => entry.value)).toEqual(p0.users.map((user) => user.id));
		});
	});
});
