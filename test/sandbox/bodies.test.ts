/**
 * Request bodies are checked against the spec's schema for the route's method and path, read from
 * sandbox/spec-derived.json, which must match what scripts/derive-spec.ts derives from the spec.
 */
import fs from 'node:fs';
import { SPEC_OPERATIONS } from '../../nodes/shared/spec';
import type { SpecOperation } from '../../nodes/shared/specTypes';
import { routes } from '../../sandbox';
import { ApiError } from '../../sandbox/http';
import { readSpecText } from '../helpers/spec';
import { bodySchemaFor, resolve, validateBody, type ContractSchema } from '../../sandbox/validate';
import { DERIVED_OUT, deriveSandboxSpec, renderContract } from '../../scripts/derive-spec';

const posts = routes.filter((r) => r.method === 'POST');
const withBody = posts.filter((r) => bodySchemaFor(r.method, r.path));

/** The {param, code} a body is refused with, or 'ok'. */
function verdict(schema: ContractSchema, body: unknown, rules?: Parameters<typeof validateBody>[2]) {
	try {
		validateBody(body, schema, rules);
		return 'ok';
	} catch (err) {
		if (!(err instanceof ApiError)) throw err;
		expect(err.status).toBe(400);
		expect(err.type).toBe('invalid_request_error');
		return { param: err.param, code: err.code };
	}
}

function validValue(schema: ContractSchema): unknown {
	const s = resolve(schema);
	if (s.enum) return s.enum[0];
	if (s.anyOf) return validValue(s.anyOf[0]);
	if (s.type === 'object') return Object.fromEntries((s.required ?? []).map((name) => [name, validValue(s.properties![name])]));
	return { string: 'value', integer: 1, number: 1, boolean: true, array: [] }[s.type ?? 'string'];
}

describe('spec-derived request bodies', () => {
	it('sandbox/spec-derived.json is what the spec gives', () => {
		const fresh = renderContract(deriveSandboxSpec(readSpecText()));
		expect(fresh).toBe(fs.readFileSync(DERIVED_OUT, 'utf8'));
	});

	it('covers every operation of the spec that takes a body, and only those', () => {
		const operations: SpecOperation[] = Object.values(SPEC_OPERATIONS);
		const takesBody = (op: SpecOperation) => `${op.method} ${op.path}: ${op.body !== undefined}`;
		expect(operations.map((op) => `${op.method} ${op.path}: ${bodySchemaFor(op.method, op.path) !== undefined}`)).toEqual(operations.map(takesBody));
		// Archiving a project is the one POST of the spec without a body.
		expect(posts.filter((r) => !bodySchemaFor(r.method, r.path)).map((r) => r.operationId)).toEqual(['archive-project']);
	});

	it('route rules only narrow fields the spec has', () => {
		for (const route of withBody) {
			const props = resolve(bodySchemaFor(route.method, route.path)!).properties ?? {};
			for (const field of Object.keys(route.rules ?? {})) expect(`${route.path} ${field}: ${field in props}`).toBe(`${route.path} ${field}: true`);
		}
	});

	describe.each(withBody.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_, route) => {
		const schema = bodySchemaFor(route.method, route.path)!;
		const s = resolve(schema);
		const props = s.properties ?? {};
		const required = s.required ?? [];
		const base = Object.fromEntries(required.map((name) => [name, route.rules?.[name]?.enum?.[0] ?? validValue(props[name])]));

		it('accepts the smallest valid body and refuses a non-object', () => {
			expect(verdict(schema, base, route.rules)).toBe('ok');
			expect(verdict(schema, [], route.rules)).toEqual({ param: null, code: 'invalid_type' });
		});

		it('unknown field, missing required field, wrong type, value outside an enum: a 400 naming the field', () => {
			expect(verdict(schema, { ...base, nope: 1 }, route.rules)).toEqual({ param: 'nope', code: 'unknown_parameter' });
			for (const name of required) {
				const { [name]: _omitted, ...rest } = base;
				expect(verdict(schema, rest, route.rules)).toEqual({ param: name, code: 'missing_required_parameter' });
			}
			for (const [name, prop] of Object.entries(props)) {
				const p = resolve(prop);
				const wrong = p.type === 'string' || p.anyOf ? 12345 : 'not-the-right-type';
				expect(verdict(schema, { ...base, [name]: wrong }, route.rules)).toEqual({ param: name, code: 'invalid_type' });
				if (p.enum || route.rules?.[name]?.enum) {
					expect(verdict(schema, { ...base, [name]: 'not-an-enum-value' }, route.rules)).toEqual({ param: name, code: 'invalid_value' });
				}
			}
		});
	});

	it('nested objects and array items are checked too, naming the nested field', () => {
		const schema = {
			type: 'object',
			properties: { outer: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } }, tags: { type: 'array', items: { type: 'string' } } },
		} as ContractSchema;
		expect(verdict(schema, { outer: { n: 1 }, tags: ['a'] })).toBe('ok');
		expect(verdict(schema, { outer: {} })).toEqual({ param: 'outer.n', code: 'missing_required_parameter' });
		expect(verdict(schema, { outer: { n: 1, m: 2 } })).toEqual({ param: 'outer.m', code: 'unknown_parameter' });
		expect(verdict(schema, { tags: ['a', 2] })).toEqual({ param: 'tags[1]', code: 'invalid_type' });
	});
});
