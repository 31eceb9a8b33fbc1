/**
 * Request bodies checked against the spec. The schemas come from spec-derived.json, which
 * scripts/derive-spec.ts derives from ../shared/openapi/openai-admin.yaml for every operation, so
 * a route validates its body by being declared with the spec's method and path. A route may narrow a
 * field with rules the live API enforces but the spec states only in prose (`role` of a project user
 * is `owner|member`, names are not blank).
 */
import { badRequest } from './http';
import derived from './spec-derived.json';

/** A spec schema reduced to structure: what the derive script keeps of the OpenAPI schema objects. */
export type ContractSchema =
	| { $ref: string; nullable?: true }
	| { anyOf: ContractSchema[]; nullable?: true }
	| {
			type: 'object';
			required?: string[];
			properties?: Record<string, ContractSchema>;
			additionalProperties?: boolean | ContractSchema;
			nullable?: true;
	  }
	| { type: 'array'; items?: ContractSchema; nullable?: true }
	| { type: 'string' | 'integer' | 'number' | 'boolean'; enum?: unknown[]; default?: unknown; minimum?: number; maximum?: number; nullable?: true }
	| { type: 'null' }
	| Record<string, never>;

export interface DerivedSpec {
	source: string;
	specVersion: string;
	/** Keyed `METHOD /path`, the path as the spec writes it. */
	bodies: Record<string, { required: boolean; schema: ContractSchema }>;
	/** `{$ref: 'AuditLog'}`: the shape audit events are cut to. */
	auditLog: ContractSchema;
	schemas: Record<string, ContractSchema>;
}

/** What a route adds to the spec for one top-level field. */
export interface FieldRule {
	enum?: readonly string[];
	/** Strings: minimum length after trimming. */
	minLength?: number;
	minimum?: number;
}

export type BodyRules = Record<string, FieldRule>;

export const derivedSpec = derived as unknown as DerivedSpec;

/** The spec's body schema for a route, or undefined when the operation takes no body. */
export function bodySchemaFor(method: string, path: string): ContractSchema | undefined {
	return derivedSpec.bodies[`${method} ${path}`]?.schema;
}

export type Loose = {
	$ref?: string;
	anyOf?: ContractSchema[];
	type?: string;
	nullable?: boolean;
	enum?: unknown[];
	minimum?: number;
	maximum?: number;
	items?: ContractSchema;
	properties?: Record<string, ContractSchema>;
	required?: string[];
	additionalProperties?: boolean | ContractSchema;
};

/** Follows $refs; a nullable $ref stays nullable. */
export function resolve(schema: ContractSchema): Loose {
	let s = schema as Loose;
	let nullable = s.nullable === true;
	for (let guard = 0; s.$ref && guard < 32; guard++) {
		s = derivedSpec.schemas[s.$ref] as Loose;
		nullable ||= s?.nullable === true;
	}
	return nullable ? { ...s, nullable: true } : s;
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
	if (typeof value === 'string') return 'a string';
	if (typeof value === 'boolean') return 'a boolean';
	return 'an object';
}

const ARTICLE: Record<string, string> = {
	string: 'a string',
	integer: 'an integer',
	number: 'a number',
	boolean: 'a boolean',
	array: 'an array',
	object: 'an object',
};

function hasType(value: unknown, type: string): boolean {
	switch (type) {
		case 'string':
			return typeof value === 'string';
		case 'integer':
			return typeof value === 'number' && Number.isInteger(value);
		case 'number':
			return typeof value === 'number';
		case 'boolean':
			return typeof value === 'boolean';
		case 'array':
			return Array.isArray(value);
		case 'object':
			return value !== null && typeof value === 'object' && !Array.isArray(value);
		default:
			return true;
	}
}

const invalidType = (param: string, expected: string, value: unknown) =>
	badRequest(`Invalid type for '${param}': expected ${expected}, but got ${describe(value)} instead.`, param, 'invalid_type');

function checkEnum(value: unknown, values: readonly unknown[], param: string): void {
	if (values.includes(value)) return;
	const supported = values.map((v) => `'${String(v)}'`);
	const list = supported.length > 1 ? `${supported.slice(0, -1).join(', ')} and ${supported.at(-1)}` : supported[0];
	throw badRequest(`Invalid value: '${String(value)}'. Supported values are: ${list}.`, param, 'invalid_value');
}

function checkMinimum(value: unknown, minimum: number | undefined, param: string): void {
	if (minimum === undefined || typeof value !== 'number' || value >= minimum) return;
	throw badRequest(
		`Invalid '${param}': integer below minimum value. Expected a value >= ${minimum}, but got ${value} instead.`,
		param,
		'integer_below_min_value',
	);
}

/** The object checks in the order the live API reports them: unknown fields, then missing ones. */
function checkObject(record: Record<string, unknown>, s: Loose, prefix: string): void {
	const props = s.properties;
	const param = (key: string) => (prefix ? `${prefix}.${key}` : key);
	if (props && s.additionalProperties !== true) {
		for (const key of Object.keys(record)) {
			if (!(key in props)) throw badRequest(`Unknown parameter: '${param(key)}'.`, param(key), 'unknown_parameter');
		}
	}
	for (const key of s.required ?? []) {
		if (record[key] === undefined) {
			throw badRequest(`Missing required parameter: '${param(key)}'.`, param(key), 'missing_required_parameter');
		}
	}
	for (const [key, value] of Object.entries(record)) {
		if (value !== undefined && props?.[key]) checkValue(value, props[key], param(key));
	}
}

function checkValue(value: unknown, schema: ContractSchema, param: string): void {
	const s = resolve(schema);
	if (value === null) {
		if (s.nullable || s.type === 'null') return;
		throw invalidType(param, ARTICLE[s.type ?? ''] ?? 'a value', value);
	}
	if (s.anyOf) {
		const failures: unknown[] = [];
		for (const variant of s.anyOf) {
			try {
				return checkValue(value, variant, param);
			} catch (err) {
				failures.push(err);
			}
		}
		throw failures[0];
	}
	if (!s.type) return;
	if (!hasType(value, s.type)) throw invalidType(param, ARTICLE[s.type] ?? s.type, value);
	if (s.enum) checkEnum(value, s.enum, param);
	checkMinimum(value, s.minimum, param);
	if (s.maximum !== undefined && typeof value === 'number' && value > s.maximum) {
		throw badRequest(
			`Invalid '${param}': integer above maximum value. Expected a value <= ${s.maximum}, but got ${value} instead.`,
			param,
			'integer_above_max_value',
		);
	}
	if (Array.isArray(value) && s.items) value.forEach((item, i) => checkValue(item, s.items!, `${param}[${i}]`));
	if (s.type === 'object') checkObject(value as Record<string, unknown>, s, param);
}

function checkRule(value: unknown, rule: FieldRule, param: string): void {
	if (value === null || value === undefined) return;
	if (rule.enum) checkEnum(value, rule.enum, param);
	if (rule.minLength !== undefined && typeof value === 'string' && value.trim().length < rule.minLength) {
		throw badRequest(
			`Invalid '${param}': string too short. Expected a string with minimum length ${rule.minLength}, but got an empty string instead.`,
			param,
			'string_below_min_length',
		);
	}
	checkMinimum(value, rule.minimum, param);
}

/**
 * Checks a JSON body (undefined when the request had none) against the spec's schema and the route's
 * rules; returns it as a record ({} for no body).
 */
export function validateBody(body: unknown, schema: ContractSchema, rules: BodyRules = {}): Record<string, unknown> {
	if (body === undefined) body = {};
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw badRequest(`Invalid body: expected a JSON object, but got ${describe(body)} instead.`, null, 'invalid_type');
	}
	const record = body as Record<string, unknown>;
	const s = resolve(schema);
	checkObject(record, s, '');
	for (const [key, rule] of Object.entries(rules)) checkRule(record[key], rule, key);
	return record;
}
