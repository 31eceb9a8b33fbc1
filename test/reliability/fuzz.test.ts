/**
 * Randomised runs through real n8n execution against the sandbox: a random operation, 1–4 input
 * items (valid, invalid in one named field, or filled with random text), random faults, random
 * retry options, Continue On Fail on or off. Properties, for every run:
 *
 * - the run settles: no exception escapes n8n, no unhandled rejection;
 * - with Continue On Fail, every output's pairedItem names an input item, in input order, and each
 *   input item yields exactly one error output, or else exactly one result (get, create, update,
 *   delete, ...) or zero or more results (a list);
 * - without it, the run either stops on one item (every output gone, the error naming that item)
 *   or gives what Continue On Fail would have given, minus errors;
 * - an item invalid in a known field always fails, naming that field and that item, and sends
 *   nothing; no request ever leaves the operation's own route; the admin key is in no output.
 *
 * Retries are bounded (Max Retry Wait 0–1 s) so that a run costs at most a second or so.
 */
import fc from 'fast-check';
import type { GenericValue, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { FaultRule } from '../../sandbox';
import { runAgainst } from '../helpers/sandbox';
import type { OperationSpec } from './operations';
import { ORG, seed } from '../helpers/world';
import { ID_SHAPES, namesFieldAndItem, OPERATIONS } from './operations';
import { withSandbox } from './support';

type ItemPlan =
	| { kind: 'valid'; target: 0 | 1 }
	| { kind: 'invalid'; target: 0 | 1; field: number; value: number }
	| { kind: 'junk'; target: 0 | 1; field: number; text: string };

interface Plan {
	operation: number;
	items: ItemPlan[];
	continueOnFail: boolean;
	faults: FaultRule[];
	options: INodeParameters;
}

/** An operation the node does not have (a workflow from a newer version, say): every item must fail. */
const UNKNOWN: OperationSpec = {
	name: 'project → explode',
	parameters: { resource: 'project', operation: 'explode' },
	valid: () => ({}),
	requests: 0,
	route: /^$/,
	fields: [],
};
const SPECS = [...OPERATIONS, UNKNOWN];

const itemPlan: fc.Arbitrary<ItemPlan> = fc.oneof(
	fc.record({ kind: fc.constant('valid' as const), target: fc.constantFrom(0 as const, 1 as const) }),
	fc.record({
		kind: fc.constant('invalid' as const),
		target: fc.constantFrom(0 as const, 1 as const),
		field: fc.nat(),
		value: fc.nat(),
	}),
	fc.record({
		kind: fc.constant('junk' as const),
		target: fc.constantFrom(0 as const, 1 as const),
		field: fc.nat(),
		text: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('../', '%2F', '?x=1', '#', 'proj_ok', '..', ' ')),
	}),
);

const fault: fc.Arbitrary<FaultRule> = fc
	.record({
		kind: fc.constantFrom('status', 'drop', 'malformed_json', 'latency'),
		status: fc.constantFrom(400, 404, 429, 500, 502, 503),
		retryAfterMs: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
		probability: fc.constantFrom(0.3, 0.6, 1),
		times: fc.integer({ min: 1, max: 3 }),
		afterHandler: fc.boolean(),
		latencyMs: fc.integer({ min: 0, max: 20 }),
	})
	.map(({ kind, status, retryAfterMs, probability, times, afterHandler, latencyMs }): FaultRule => {
		if (kind === 'latency') return { kind, latencyMs, probability };
		const rule: FaultRule = { kind: kind as FaultRule['kind'], probability, times, afterHandler };
		if (kind === 'status') {
			rule.status = status;
			if (retryAfterMs !== undefined) rule.retryAfter = { ms: retryAfterMs };
		}
		return rule;
	});

const plan: fc.Arbitrary<Plan> = fc.record({
	operation: fc.nat({ max: SPECS.length - 1 }),
	items: fc.array(itemPlan, { minLength: 1, maxLength: 4 }),
	continueOnFail: fc.boolean(),
	faults: fc.array(fault, { maxLength: 2 }),
	options: fc.constantFrom<INodeParameters>(
		{ maxRetries: 0 },
		{ maxRetries: 2, maxRetryWaitSeconds: 0 },
		{ maxRetries: 3, maxRetryWaitSeconds: 1 },
	),
});

// Project Access makes a change per person only where there is one to make.
const isList = (spec: OperationSpec) => spec.name.endsWith('getMany') || spec.manyOutputs === true || spec.perRun !== undefined;

/** The operation's route with any one segment where an id goes: random text may be a plausible id. */
function routeShape(spec: OperationSpec): RegExp {
	let source = spec.route.source;
	for (const id of ID_SHAPES) {
		source = source.split(id).join('[^/?#]+');
	}
	return new RegExp(source);
}
const itemOf = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;

/** What was made of plan item `index`: its input, and the field it breaks (if it is invalid). */
function buildItem(spec: OperationSpec, world: Parameters<OperationSpec['valid']>[0], item: ItemPlan) {
	const json: IDataObject = spec.valid(world, item.target);
	if (item.kind === 'valid' || spec.fields.length === 0) return { json };
	const [field, key, badValues] = spec.fields[item.field % spec.fields.length];
	if (item.kind === 'invalid') {
		return { json: { ...json, [key]: badValues[item.value % badValues.length] as GenericValue }, brokenField: field };
	}
	return { json: { ...json, [key]: item.text } };
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => process.off('unhandledRejection', onUnhandled));

describe('fuzz', () => {
	it('random operations, items, faults and options keep the item contract', async () => {
		await fc.assert(
			fc.asyncProperty(plan, async ({ operation, items: itemPlans, continueOnFail, faults, options }) => {
				const spec = SPECS[operation];
				await withSandbox({ ...ORG, seed: 7 }, async (sandbox) => {
					const world = seed(sandbox);
					for (const rule of faults) sandbox.addFault(rule);
					const built = itemPlans.map((item) => buildItem(spec, world, item));

					const run = await runAgainst(sandbox, { ...spec.parameters, options }, { input: built.map((item) => item.json), continueOnFail });

					// Nothing leaves the operation's own route, and the admin key is nowhere.
					for (const request of sandbox.requests) expect(request.path).toMatch(routeShape(spec));
					expect(JSON.stringify(run.items)).not.toContain(sandbox.adminKey);

					const firstInvalid = built.findIndex((item) => item.brokenField);
					if (!continueOnFail && run.error) {
						// Stopped on one item, at or before the first invalid one.
						expect(run.items).toEqual([]);
						const failed = run.error.context?.itemIndex as number;
						expect(failed).toBeGreaterThanOrEqual(0);
						expect(failed).toBeLessThan(built.length);
						if (firstInvalid >= 0) expect(failed).toBeLessThanOrEqual(firstInvalid);
						if (failed === firstInvalid) {
							expect(run.error.message).toMatch(namesFieldAndItem(built[failed].brokenField!, failed));
						}
						return;
					}
					expect(run.error).toBeUndefined();
					if (!continueOnFail) expect(firstInvalid).toBe(-1);

					// In input order, each output paired with an input item; a run over all items ends with
					// its summary, paired with the items it read, and its changes follow the plan's order.
					const overAllItems = spec.perRun !== undefined;
					const outputs = overAllItems ? run.items.filter((output) => output.json.type !== 'summary') : run.items;
					const paired = outputs.map(itemOf);
					if (!overAllItems) expect(paired).toEqual([...paired].sort((a, b) => a - b));
					for (const index of paired) expect(index >= 0 && index < built.length).toBe(true);

					built.forEach((item, index) => {
						const itemOutputs = outputs.filter((output) => itemOf(output) === index);
						const errors = itemOutputs.filter((output) => typeof output.json.error === 'string');
						if (errors.length) {
							expect(itemOutputs).toHaveLength(1);
						} else if (!isList(spec)) {
							expect(itemOutputs).toHaveLength(1);
						}
						if (spec === UNKNOWN) expect(errors).toHaveLength(1);
						if (item.brokenField) {
							expect(errors).toHaveLength(1);
							expect(errors[0].json.error).toMatch(namesFieldAndItem(item.brokenField, index));
						}
					});

					// Invalid items sent nothing: each other item sent its requests, each at most 1 + Max Retries times.
					const sendable = built.filter((item) => !item.brokenField).length;
					expect(sandbox.requests.length).toBeLessThanOrEqual(((spec.perRun ?? 0) + sendable * spec.requests) * (1 + Number(options.maxRetries)));
				});
			}),
			{ numRuns: Number(process.env.FUZZ_RUNS ?? 80), seed: Number(process.env.FUZZ_SEED ?? 20260101), endOnFailure: true },
		);
		expect(unhandled).toEqual([]);
	});
});
