/**
 * Every operation of the registry through real n8n execution against the sandbox, from the catalogue
 * the bad-input suite uses (test/reliability/operations.ts): each succeeds on a valid item with its
 * requests to its own route, an unknown id in its path comes back as the API's 404 naming it, and a
 * delete whose first attempt did delete (its answer lost) reports the deletion as the API would
 * have. Validation errors are the bad-input suite's.
 */
import { registry } from '../../../nodes/OpenAiAdmin/actions/registry';
import { runAgainst } from '../../helpers/sandbox';
import { ORG, seed } from '../../helpers/world';
import { OPERATIONS } from '../../reliability/operations';
import { withSandbox } from '../../reliability/support';

const entryOf = (name: string) => registry.find((entry) => `${entry.resource} → ${entry.value}` === name.replace(/ \(.*\)$/, ''))!;

describe.each(OPERATIONS.map((spec) => [spec.name, spec] as const))('%s', (name, spec) => {
	it.concurrent('succeeds on a valid item, with its requests to its route', async () => {
		await withSandbox(ORG, async (sandbox) => {
			const run = await runAgainst(sandbox, spec.parameters, { input: [spec.valid(seed(sandbox), 0)] });
			expect(run.error).toBeUndefined();
			expect(run.json.length).toBeGreaterThan(0);
			expect(sandbox.requests.map((request) => [spec.route.test(request.path), request.status])).toEqual(
				Array.from({ length: (spec.perRun ?? 0) + spec.requests }, () => [true, 200]),
			);
		});
	});

	// The last id of the path: a get's or delete's object, or the parent of a list or create.
	const idKey = Object.values(entryOf(name).locators).at(-1)?.name;
	if (idKey) {
		it.concurrent("answers the API's 404 for an unknown id, naming it", async () => {
			await withSandbox(ORG, async (sandbox) => {
				const input = { ...spec.valid(seed(sandbox), 0), [idKey]: 'unknown_1' };
				const run = await runAgainst(sandbox, spec.parameters, { input: [input], continueOnFail: true });
				expect(run.json).toEqual([expect.objectContaining({ httpCode: '404', error: expect.stringContaining('unknown_1') })]);
			});
		});
	}
});

// A plain delete; Retire, whose first call is a delete, deletes only after reading, and is tested on its own.
const deletes = OPERATIONS.filter((spec) => entryOf(spec.name).plain && entryOf(spec.name).method === 'DELETE');

describe.each(deletes.map((spec) => [spec.name, spec] as const))('%s after a first attempt that did delete', (_name, spec) => {
	it.concurrent('tries again and answers as the API answers a delete, not with the 404 the retry gets', async () => {
		await withSandbox(ORG, async (sandbox) => {
			const world = seed(sandbox);
			const [first, second] = [spec.valid(world, 0), spec.valid(world, 1)];
			// The second item's delete happens, but its answer never arrives.
			sandbox.addFault({ kind: 'drop', method: 'DELETE', afterHandler: true, skip: 1, times: 1 });
			const run = await runAgainst(sandbox, spec.parameters, { input: [first, second] });

			expect(run.error).toBeUndefined();
			expect(sandbox.requests.map((request) => request.status).slice(0, 2)).toEqual([200, 0]);
			expect(sandbox.requests).toHaveLength(3);
			// What it reports for the second object is what the API answered for the first, but its id.
			const idKey = Object.values(entryOf(spec.name).locators).at(-1)?.name;
			const answered = JSON.stringify(run.json[0]);
			const expected = idKey ? answered.split(JSON.stringify(first[idKey])).join(JSON.stringify(second[idKey])) : answered;
			expect(run.json[1]).toEqual(JSON.parse(expected));
		});
	});
});
