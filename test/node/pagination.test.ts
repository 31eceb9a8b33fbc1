/**
 * Return All and Limit on every list, at the collection sizes where cursor bugs live: empty, one
 * item, exactly one page, one more than a page, and several pages.
 */
import type { RegistryEntry } from '../../nodes/OpenAiAdmin/actions/registry';
import { registry } from '../../nodes/OpenAiAdmin/actions/registry';
import type { Sandbox } from '../../sandbox';
import { collectionStoreAt } from '../../sandbox/store';
import { fillList, OUTSIDE_STORES, servedId } from '../helpers/lists';
import { runAgainst, useSandbox } from '../helpers/sandbox';
import { ORG, seed } from '../helpers/world';

const lists = registry.filter((entry) => entry.pager).map((entry) => ({ resource: entry.resource, entry, page: entry.pager!.maxLimit }));

it('fills every list the registry declares from the sandbox store of its path, none by hand but those kept outside a store', () => {
	expect(lists.filter(({ entry }) => !collectionStoreAt(entry.path)).map(({ entry }) => entry.operationId)).toEqual(Object.keys(OUTSIDE_STORES));
});

/** The seeded organization (no usage: lists only), its list of `entry` holding exactly `size` items. */
const filled = (sandbox: Sandbox, entry: RegistryEntry, size: number) => fillList(sandbox, seed(sandbox), entry, size);
const WORLD = { ...ORG, usageDays: 0 };

describe.each(lists)('Get Many of $resource', ({ resource, entry, page }) => {
	const SIZES = [0, 1, page, page + 1, page * 2.5];
	const sandbox = useSandbox(WORLD);

	it.each(SIZES)(`Return All over %i items: every item once, in ceil(n/${page}) requests`, async (size) => {
		const { ids, parameters } = await filled(sandbox(), entry, size);
		const run = await runAgainst(sandbox(), { resource, operation: 'getMany', returnAll: true, ...parameters });

		expect(run.error).toBeUndefined();
		expect(run.json.map((item) => servedId(item))).toEqual(ids);
		const requests = sandbox().requests;
		expect(requests).toHaveLength(Math.max(1, Math.ceil(size / page)));
		expect(requests.every((request) => request.query.limit === String(page))).toBe(true);
		// Each page starts after the last id of the one before (the sandbox's `next` is that id, too).
		expect(requests.map((request) => request.query.after)).toEqual(
			requests.map((_, index) => (index === 0 ? undefined : ids[index * page - 1])),
		);
	});

	it.each([
		[0, 1, 1],
		[1, 100, 1],
		[100, 100, 1],
		[101, 100, 1],
		[250, 37, 1],
	])('Limit over %i items with Limit %i: at most Limit items in %i request', async (size, limit, expectedRequests) => {
		const { ids, parameters } = await filled(sandbox(), entry, size);
		const run = await runAgainst(sandbox(), { resource, operation: 'getMany', returnAll: false, limit, ...parameters });

		expect(run.error).toBeUndefined();
		expect(run.json.map((item) => servedId(item))).toEqual(ids.slice(0, limit));
		expect(sandbox().requests).toHaveLength(expectedRequests);
		expect(sandbox().requests[0].query.limit).toBe(String(limit));
	});
});

describe.each(lists)('Return All of $resource when the API cuts the list short', ({ resource, entry, page }) => {
	const sandbox = useSandbox(WORLD);

	it.each([
		['is empty but says has_more', 'empty', 'an empty page that says has_more: true'],
		['says has_more without a cursor', 'no_cursor', 'has_more: true without a'],
		['is the first page again', 'repeat', 'a second time'],
	] as const)('a second page that %s fails the item instead of returning part of the list', async (_case, kind, said) => {
		const { parameters, path } = await filled(sandbox(), entry, page * 2.5);
		sandbox().addFault({ kind: 'bad_page', page: kind, method: 'GET', skip: 1, times: 1 });
		const run = await runAgainst(sandbox(), { resource, operation: 'getMany', returnAll: true, ...parameters });

		expect(run.json).toEqual([]);
		expect(run.error?.message).toContain(said);
		expect(run.error?.message).toContain(`(page 2 of GET ${path})`);
		expect(run.error?.description).toMatch(/would be incomplete/);
	});

	it('with Continue On Fail, the item becomes one error item and the others still run', async () => {
		const { ids, parameters } = await filled(sandbox(), entry, page * 2.5);
		sandbox().addFault({ kind: 'bad_page', page: 'empty', method: 'GET', skip: 1, times: 1 });
		const run = await runAgainst(
			sandbox(),
			{ resource, operation: 'getMany', returnAll: true, ...parameters },
			{ continueOnFail: true, input: [{ n: 1 }, { n: 2 }] },
		);

		expect(run.error).toBeUndefined();
		expect(run.items[0]).toMatchObject({ json: { error: expect.stringContaining('has_more: true') }, pairedItem: { item: 0 } });
		expect(run.json.slice(1).map((item) => servedId(item))).toEqual(ids);
		expect(run.items.slice(1).every((item) => (item.pairedItem as { item: number }).item === 1)).toBe(true);
	});
});

describe('Return All of 200,000 items', () => {
	const sandbox = useSandbox({ projects: 1, users: 2 });

	it('comes out whole, each item once and paired with its input item', async () => {
		const now = Math.floor(Date.now() / 1000);
		const ids = sandbox().state.recordBacklog(200_000, { from: now - 20_000, to: now });
		const run = await runAgainst(sandbox(), {
			resource: 'auditLog',
			operation: 'getMany',
			returnAll: true,
			filters: { effectiveAtOrAfter: now - 20_000 },
		});

		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(200_000);
		expect(run.json[0].id).toBe(ids[199_999]);
		expect(run.json[199_999].id).toBe(ids[0]);
		expect(new Set(run.json.map((item) => item.id)).size).toBe(200_000);
		expect(run.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(sandbox().requests).toHaveLength(2000);
	}, 120_000);
});
