/**
 * Derives every file this repository keeps from the OpenAPI spec, each reduced to structure
 * (required fields, types, enums, bounds, nullability; no descriptions, examples or other prose):
 *
 * - nodes/shared/spec.ts: the operation table, one entry per operationId: its method, path, path
 *   parameters, query parameters, pager style and request body fields. The node's declarations name
 *   an operationId and take the rest from it; the sandbox binds its handlers by operationId; the
 *   tests read it for their tables. It ships with the node, so it is TypeScript.
 * - test/fixtures/contract.json: for every endpoint the sandbox serves, its parameters, request body
 *   and response schemas, and the component schemas they reach (what the contract tests check).
 * - sandbox/spec-derived.json: the request body of every operation, served or not, so that a route
 *   added to the sandbox validates its body without anything written by hand, and the AuditLog
 *   schema the sandbox's audit events are cut to. The sandbox must not need ../shared at run time.
 *
 *   npm run spec                 # writes all three
 *   npm run spec -- --check      # exit 1 if any is stale
 *   npm run spec -- other.yaml   # from another copy of the spec
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { ContractSchema, DerivedSpec } from '../sandbox/validate';
import { routes } from '../sandbox/routes';

export const DEFAULT_SPEC = path.resolve(__dirname, '../../shared/openapi/openai-admin.yaml');
export const DEFAULT_OUT = path.resolve(__dirname, '../test/fixtures/contract.json');
export const DERIVED_OUT = path.resolve(__dirname, '../sandbox/spec-derived.json');
export const OPERATIONS_OUT = path.resolve(__dirname, '../nodes/shared/spec.ts');

export type { ContractSchema };

export interface ContractParameter {
	name: string;
	in: 'path' | 'query' | 'header';
	required: boolean;
	schema: ContractSchema;
}

export interface ContractOperation {
	operationId: string;
	parameters: ContractParameter[];
	requestBody: { required: boolean; schema: ContractSchema } | null;
	responses: Record<string, ContractSchema | null>;
}

export interface Contract {
	source: string;
	specVersion: string;
	operations: Record<string, ContractOperation>;
	schemas: Record<string, ContractSchema>;
}

type Json = any;

const refName = (ref: string) => ref.replace('#/components/schemas/', '');

/** Structure only: keeps type, required, properties, items, enum, default, bounds, nullability. */
function reduce(schema: Json, reached: Set<string>): ContractSchema {
	if (!schema || typeof schema !== 'object') return {};
	if (schema.$ref) {
		reached.add(refName(schema.$ref));
		return { $ref: refName(schema.$ref) };
	}
	const variants: Json[] | undefined = schema.anyOf ?? schema.oneOf;
	if (variants) {
		const nonNull = variants.filter((v) => v.type !== 'null');
		const nullable = nonNull.length < variants.length;
		if (nonNull.length === 1) {
			const one = reduce(nonNull[0], reached) as Record<string, unknown>;
			return (nullable ? { ...one, nullable: true } : one) as ContractSchema;
		}
		const out: Record<string, unknown> = { anyOf: nonNull.map((v) => reduce(v, reached)) };
		if (nullable) out.nullable = true;
		return out as ContractSchema;
	}
	if (Array.isArray(schema.type)) {
		const types = schema.type.filter((t: string) => t !== 'null');
		return reduce({ ...schema, type: types[0], anyOf: undefined }, reached);
	}
	const type = schema.type ?? (schema.properties ? 'object' : undefined);
	if (type === 'null') return { type: 'null' };
	if (type === 'object') {
		const out: Record<string, unknown> = { type: 'object' };
		if (Array.isArray(schema.required) && schema.required.length > 0) out.required = [...schema.required];
		if (schema.properties) {
			out.properties = Object.fromEntries(
				Object.entries(schema.properties).map(([k, v]) => [k, reduce(v, reached)]),
			);
		}
		if (schema.additionalProperties !== undefined) {
			out.additionalProperties =
				typeof schema.additionalProperties === 'boolean' ? schema.additionalProperties : reduce(schema.additionalProperties, reached);
		}
		return out as ContractSchema;
	}
	if (type === 'array') {
		return (schema.items ? { type: 'array', items: reduce(schema.items, reached) } : { type: 'array' }) as ContractSchema;
	}
	if (type) {
		const out: Record<string, unknown> = { type };
		if (schema.enum) out.enum = [...schema.enum];
		if (schema.default !== undefined) out.default = schema.default;
		if (schema.minimum !== undefined) out.minimum = schema.minimum;
		if (schema.maximum !== undefined) out.maximum = schema.maximum;
		return out as ContractSchema;
	}
	return {};
}

function jsonSchemaOf(content: Json): Json | undefined {
	return content?.['application/json']?.schema;
}

export function deriveContract(specText: string, sourceName = 'openai-admin.yaml'): Contract {
	const spec = YAML.parse(specText);
	const reached = new Set<string>();
	const operations: Record<string, ContractOperation> = {};
	const wanted = [...new Set(routes.map((r) => `${r.method} ${r.path}`))].sort();
	for (const key of wanted) {
		const [method, routePath] = key.split(' ');
		const op = spec.paths?.[routePath]?.[method.toLowerCase()];
		if (!op) throw new Error(`spec has no ${key}`);
		const parameters: ContractParameter[] = (op.parameters ?? []).map((p: Json) => ({
			name: p.name,
			in: p.in,
			required: p.required === true,
			schema: reduce(p.schema, reached),
		}));
		const bodySchema = jsonSchemaOf(op.requestBody?.content);
		const requestBody = bodySchema ? { required: op.requestBody.required === true, schema: reduce(bodySchema, reached) } : null;
		const responses: Record<string, ContractSchema | null> = {};
		for (const [status, response] of Object.entries<Json>(op.responses ?? {})) {
			let resolved = response;
			if (response.$ref) resolved = spec.components.responses[response.$ref.replace('#/components/responses/', '')];
			const schema = jsonSchemaOf(resolved?.content);
			responses[status] = schema ? reduce(schema, reached) : null;
		}
		operations[key] = { operationId: op.operationId, parameters, requestBody, responses };
	}
	return { source: sourceName, specVersion: String(spec.info?.version ?? ''), operations, schemas: closure(spec, reached) };
}

/** The component schemas reached, and those they reach in turn, sorted by name. */
function closure(spec: Json, reached: Set<string>): Record<string, ContractSchema> {
	const schemas: Record<string, ContractSchema> = {};
	const queue = [...reached];
	while (queue.length > 0) {
		const name = queue.shift()!;
		if (schemas[name]) continue;
		const raw = spec.components?.schemas?.[name];
		if (!raw) throw new Error(`spec has no schema ${name}`);
		const inner = new Set<string>();
		schemas[name] = reduce(raw, inner);
		for (const n of inner) if (!schemas[n]) queue.push(n);
	}
	return Object.fromEntries(Object.keys(schemas).sort().map((k) => [k, schemas[k]]));
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation's JSON request body, keyed `METHOD /path` as the sandbox's routes are, and AuditLog. */
export function deriveSandboxSpec(specText: string, sourceName = 'openai-admin.yaml'): DerivedSpec {
	const spec = YAML.parse(specText);
	const reached = new Set<string>();
	const bodies: DerivedSpec['bodies'] = {};
	for (const [routePath, item] of Object.entries<Json>(spec.paths ?? {})) {
		for (const method of METHODS) {
			const schema = jsonSchemaOf(item?.[method]?.requestBody?.content);
			if (!schema) continue;
			bodies[`${method.toUpperCase()} ${routePath}`] = {
				required: item[method].requestBody.required === true,
				schema: reduce(schema, reached),
			};
		}
	}
	const sorted = Object.fromEntries(Object.keys(bodies).sort().map((k) => [k, bodies[k]]));
	const auditLog = reduce({ $ref: '#/components/schemas/AuditLog' }, reached);
	return { source: sourceName, specVersion: String(spec.info?.version ?? ''), bodies: sorted, auditLog, schemas: closure(spec, reached) };
}

export function renderContract(contract: Contract | DerivedSpec): string {
	return JSON.stringify(contract, null, 1) + '\n';
}

// ------------------------------------------------------------------------ the operation table

/** One parameter or body field, as the operation table holds it. */
export interface TableField {
	type: string;
	required?: true;
	nullable?: true;
	enum?: string[];
	default?: unknown;
	minimum?: number;
	maximum?: number;
	items?: TableField;
	properties?: Record<string, TableField>;
}

export interface TableOperation {
	method: string;
	path: string;
	pathParameters: string[];
	query: Record<string, TableField>;
	pager?: 'last_id' | 'next' | 'page';
	body?: { required: boolean; fields: Record<string, TableField> };
	/** A delete's answer: its `object` (when the spec names one) and whether it carries the `id`. */
	deleted?: { object?: string; id: boolean; deleted: boolean };
}

/** A schema as a table field: `$ref`s and nullable `anyOf`s resolved, prose left out. */
function tableField(schema: Json, spec: Json, required = false, depth = 0): TableField {
	let s = schema ?? {};
	let nullable = false;
	for (let hops = 0; hops < 10; hops++) {
		if (s.$ref) {
			s = spec.components.schemas[refName(s.$ref)] ?? {};
			continue;
		}
		const variants: Json[] | undefined = s.anyOf ?? s.oneOf;
		if (variants) {
			const nonNull = variants.filter((variant) => variant.type !== 'null');
			nullable ||= nonNull.length < variants.length;
			if (nonNull.length !== 1) throw new Error(`a field with ${nonNull.length} kinds of value: ${JSON.stringify(s).slice(0, 200)}`);
			s = nonNull[0];
			continue;
		}
		break;
	}
	const type: string = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : (s.type ?? (s.properties ? 'object' : 'string'));
	const field: TableField = { type };
	if (required) field.required = true;
	if (nullable || (Array.isArray(s.type) && s.type.includes('null'))) field.nullable = true;
	if (s.enum) field.enum = [...s.enum];
	if (s.default !== undefined) field.default = s.default;
	if (s.minimum !== undefined) field.minimum = s.minimum;
	if (s.maximum !== undefined) field.maximum = s.maximum;
	if (type === 'array' && s.items) field.items = tableField(s.items, spec, false, depth + 1);
	if (type === 'object' && s.properties && depth < 4) {
		const requiredNames = new Set<string>(s.required ?? []);
		field.properties = Object.fromEntries(
			Object.entries<Json>(s.properties).map(([name, property]) => [name, tableField(property, spec, requiredNames.has(name), depth + 1)]),
		);
	}
	return field;
}

/** The cursor style of a list, from the fields of its answer. */
function pagerStyle(op: Json, spec: Json): TableOperation['pager'] {
	let answer: Json = jsonSchemaOf(op.responses?.['200']?.content) ?? {};
	while (answer.$ref) answer = spec.components.schemas[refName(answer.$ref)] ?? {};
	const fields: Record<string, Json> = answer.properties ?? {};
	if (!fields.data || !fields.has_more) return undefined;
	if (fields.next_page) return 'page';
	if (fields.next) return 'next';
	if (fields.last_id) return 'last_id';
	throw new Error(`${op.operationId}: a list without a cursor`);
}

/** What a delete answers with, from the fields of its answer. */
function deletedAnswer(op: Json, spec: Json): TableOperation['deleted'] {
	let answer: Json = jsonSchemaOf(op.responses?.['200']?.content) ?? {};
	while (answer.$ref) answer = spec.components.schemas[refName(answer.$ref)] ?? {};
	const fields: Record<string, Json> = answer.properties ?? {};
	const objects: string[] | undefined = fields.object?.enum;
	const carries = { id: 'id' in fields, deleted: 'deleted' in fields };
	return objects?.length === 1 ? { object: objects[0], ...carries } : carries;
}

/** Every operation of the spec, by operationId, in the spec's order. */
export function deriveOperations(specText: string): Record<string, TableOperation> {
	const spec = YAML.parse(specText);
	const table: Record<string, TableOperation> = {};
	for (const [routePath, item] of Object.entries<Json>(spec.paths ?? {})) {
		for (const method of METHODS) {
			const op = item?.[method];
			if (!op) continue;
			const parameters: Json[] = [...(item.parameters ?? []), ...(op.parameters ?? [])];
			const query = Object.fromEntries(
				parameters.filter((p) => p.in === 'query').map((p) => [p.name, tableField(p.schema, spec, p.required === true)]),
			);
			const entry: TableOperation = {
				method: method.toUpperCase(),
				path: routePath,
				pathParameters: [...routePath.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]),
				query,
			};
			const pager = method === 'get' ? pagerStyle(op, spec) : undefined;
			if (pager) entry.pager = pager;
			if (method === 'delete') entry.deleted = deletedAnswer(op, spec);
			const body = jsonSchemaOf(op.requestBody?.content);
			if (body) {
				const fields = tableField(body, spec).properties ?? {};
				entry.body = { required: op.requestBody.required === true, fields };
			}
			if (table[op.operationId]) throw new Error(`operationId ${op.operationId} twice`);
			table[op.operationId] = entry;
		}
	}
	return table;
}

/** A value as TypeScript source: a small object or list on one line, keys quoted only where needed. */
function tsLiteral(value: unknown, indent = ''): string {
	const key = (name: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : `'${name}'`);
	const flat = (v: unknown): string =>
		Array.isArray(v)
			? `[${v.map(flat).join(', ')}]`
			: v && typeof v === 'object'
				? `{ ${Object.entries(v).map(([k, inner]) => `${key(k)}: ${flat(inner)}`).join(', ')} }`.replace('{  }', '{}')
				: typeof v === 'string'
					? `'${v}'`
					: String(v);
	const oneLine = flat(value);
	if (indent.length + oneLine.length <= 100 || !value || typeof value !== 'object') return oneLine;
	const inner = `${indent}\t`;
	if (Array.isArray(value)) return `[\n${value.map((v) => `${inner}${tsLiteral(v, inner)},`).join('\n')}\n${indent}]`;
	const lines = Object.entries(value).map(([k, v]) => `${inner}${key(k)}: ${tsLiteral(v, inner)},`);
	return `{\n${lines.join('\n')}\n${indent}}`;
}

/** The table as the TypeScript module the node imports (`as const`: its enums are literal types). */
export function renderOperations(table: Record<string, TableOperation>, sourceName = 'openai-admin.yaml'): string {
	return `/**
 * The OpenAI Administration API's operations, by operationId: method, path, path parameters, query
 * parameters, pager style (\`last_id\`, \`next\` or \`page\`) and request body fields, with their types,
 * enums, bounds and what is required. Generated from ${sourceName} by scripts/derive-spec.ts
 * (\`npm run spec\`); do not edit. \`npm test\` fails when it is stale.
 */
import type { SpecOperation } from './specTypes';

export const SPEC_OPERATIONS = ${tsLiteral(table)} as const satisfies Record<string, SpecOperation>;

export type OperationId = keyof typeof SPEC_OPERATIONS;
`;
}

function main(): void {
	const args = process.argv.slice(2);
	const check = args.includes('--check');
	const [specPath = DEFAULT_SPEC] = args.filter((a) => a !== '--check');
	const spec = fs.readFileSync(specPath, 'utf8');
	const source = path.basename(specPath);
	const outputs: Array<[string, string]> = [
		[OPERATIONS_OUT, renderOperations(deriveOperations(spec), source)],
		[DEFAULT_OUT, renderContract(deriveContract(spec, source))],
		[DERIVED_OUT, renderContract(deriveSandboxSpec(spec, source))],
	];
	let stale = false;
	for (const [outPath, text] of outputs) {
		const name = path.relative(process.cwd(), outPath);
		if (check) {
			const current = fs.existsSync(outPath) ? fs.readFileSync(outPath, 'utf8') : '';
			if (current !== text) {
				process.stderr.write(`${name} is stale: run npm run spec\n`);
				stale = true;
			}
			continue;
		}
		fs.mkdirSync(path.dirname(outPath), { recursive: true });
		fs.writeFileSync(outPath, text);
		process.stdout.write(`wrote ${name}\n`);
	}
	if (stale) process.exit(1);
	if (check) process.stdout.write('derived files are up to date\n');
}

if (require.main === module) main();
