/**
 * Derives two files from the OpenAPI spec, both reduced to structure (required fields, property
 * types, enums, nullability; no descriptions, examples or other prose):
 *
 * - test/fixtures/contract.json: for every endpoint the sandbox serves, its parameters, request body
 *   and response schemas, and the component schemas they reach (what the contract tests check).
 * - sandbox/spec-derived.json: the request body of every operation in the spec, served or not, so
 *   that a route added to the sandbox validates its body without anything written by hand, and the
 *   AuditLog schema the sandbox's audit events are cut to. It is committed because the sandbox must
 *   not need ../shared at run time.
 *
 *   npx ts-node --transpile-only scripts/derive-contract.ts [spec.yaml]
 *   npx ts-node --transpile-only scripts/derive-contract.ts --check   # exit 1 if either file is stale
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { ContractSchema, DerivedSpec } from '../sandbox/validate';
import { routes } from '../sandbox/routes';

export const DEFAULT_SPEC = path.resolve(__dirname, '../../shared/openapi/openai-admin.yaml');
export const DEFAULT_OUT = path.resolve(__dirname, '../test/fixtures/contract.json');
export const DERIVED_OUT = path.resolve(__dirname, '../sandbox/spec-derived.json');

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

function main(): void {
	const args = process.argv.slice(2);
	const check = args.includes('--check');
	const [specPath = DEFAULT_SPEC] = args.filter((a) => a !== '--check');
	const spec = fs.readFileSync(specPath, 'utf8');
	const source = path.basename(specPath);
	const outputs: Array<[string, string]> = [
		[DEFAULT_OUT, renderContract(deriveContract(spec, source))],
		[DERIVED_OUT, renderContract(deriveSandboxSpec(spec, source))],
	];
	let stale = false;
	for (const [outPath, text] of outputs) {
		const name = path.relative(process.cwd(), outPath);
		if (check) {
			const current = fs.existsSync(outPath) ? fs.readFileSync(outPath, 'utf8') : '';
			if (current !== text) {
				process.stderr.write(`${name} is stale: run scripts/derive-contract.ts\n`);
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
