/**
 * Derives test/fixtures/contract.json from the OpenAPI spec: for every endpoint the sandbox serves,
 * its parameters (in, required, type, enum, default), request body and response schemas, and the
 * component schemas they reach, reduced to structure (required fields, property types, enums,
 * nullability). No descriptions, examples or other prose.
 *
 *   npx ts-node --transpile-only scripts/derive-contract.ts [spec.yaml] [out.json]
 *   npx ts-node --transpile-only scripts/derive-contract.ts --check   # exit 1 if the fixture is stale
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { routes } from '../sandbox/routes';

export const DEFAULT_SPEC = path.resolve(__dirname, '../../shared/openapi/openai-admin.yaml');
export const DEFAULT_OUT = path.resolve(__dirname, '../test/fixtures/contract.json');

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
	// close over schemas reached from other schemas
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
	const sorted = Object.fromEntries(Object.keys(schemas).sort().map((k) => [k, schemas[k]]));
	return { source: sourceName, specVersion: String(spec.info?.version ?? ''), operations, schemas: sorted };
}

export function renderContract(contract: Contract): string {
	return JSON.stringify(contract, null, 1) + '\n';
}

function main(): void {
	const args = process.argv.slice(2);
	const check = args.includes('--check');
	const [specPath = DEFAULT_SPEC, outPath = DEFAULT_OUT] = args.filter((a) => a !== '--check');
	const text = renderContract(deriveContract(fs.readFileSync(specPath, 'utf8'), path.basename(specPath)));
	if (check) {
		const current = fs.existsSync(outPath) ? fs.readFileSync(outPath, 'utf8') : '';
		if (current !== text) {
			process.stderr.write(`${path.relative(process.cwd(), outPath)} is stale: run scripts/derive-contract.ts\n`);
			process.exit(1);
		}
		process.stdout.write('contract fixture is up to date\n');
		return;
	}
	fs.mkdirSync(path.dirname(outPath), { recursive: true });
	fs.writeFileSync(outPath, text);
	const c = JSON.parse(text) as Contract;
	process.stdout.write(
		`wrote ${path.relative(process.cwd(), outPath)}: ${Object.keys(c.operations).length} operations, ${Object.keys(c.schemas).length} schemas\n`,
	);
}

if (require.main === module) main();
