/**
 * A small validator for the contract fixture's reduced schemas: types, required fields, enums,
 * nullability, $ref, anyOf; optionally flags properties the spec does not define.
 */
import type { Contract, ContractSchema } from '../../scripts/derive-spec';

export interface ValidateOptions {
	/** Report properties the schema does not list (the sandbox should send only spec fields). */
	noExtraProperties?: boolean;
}

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

export function validate(
	contract: Contract,
	schema: ContractSchema,
	value: unknown,
	options: ValidateOptions = {},
	at = '$',
): string[] {
	const s = schema as Record<string, any>;
	if (value === null && s.nullable) return [];
	if (s.$ref) {
		const target = contract.schemas[s.$ref];
		if (!target) return [`${at}: unknown schema ${s.$ref}`];
		return validate(contract, target, value, options, at);
	}
	if (s.anyOf) {
		const results = (s.anyOf as ContractSchema[]).map((v) => validate(contract, v, value, options, at));
		return results.some((r) => r.length === 0) ? [] : [`${at}: matches none of anyOf (${results.map((r) => r[0]).join(' | ')})`];
	}
	if (!s.type) return [];
	const actual = typeOf(value);
	const typeOk = s.type === actual || (s.type === 'number' && actual === 'integer');
	if (!typeOk) return [`${at}: expected ${s.type}${s.nullable ? ' or null' : ''}, got ${actual}`];
	const errors: string[] = [];
	if (s.enum && !s.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} not in enum ${JSON.stringify(s.enum)}`);
	if (typeof value === 'number') {
		if (s.minimum !== undefined && value < s.minimum) errors.push(`${at}: ${value} < minimum ${s.minimum}`);
		if (s.maximum !== undefined && value > s.maximum) errors.push(`${at}: ${value} > maximum ${s.maximum}`);
	}
	if (s.type === 'array' && s.items) {
		(value as unknown[]).forEach((item, i) => errors.push(...validate(contract, s.items, item, options, `${at}[${i}]`)));
	}
	if (s.type === 'object') {
		const record = value as Record<string, unknown>;
		for (const name of s.required ?? []) {
			if (record[name] === undefined) errors.push(`${at}: missing required property '${name}'`);
		}
		const props: Record<string, ContractSchema> = s.properties ?? {};
		for (const [name, v] of Object.entries(record)) {
			if (v === undefined) continue;
			if (props[name]) errors.push(...validate(contract, props[name], v, options, `${at}.${name}`));
			else if (options.noExtraProperties && s.additionalProperties !== true && s.properties) {
				errors.push(`${at}: property '${name}' is not in the spec`);
			}
		}
	}
	return errors;
}
