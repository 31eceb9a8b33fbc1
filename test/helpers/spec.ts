import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/** The API contract, shared beside this repository (../shared), never copied into it. */
export const SPEC_PATH = path.resolve(__dirname, '../../../shared/openapi/openai-admin.yaml');

const METHODS = ['get', 'post', 'delete', 'put', 'patch'] as const;

export interface SpecParameter {
	name: string;
	in: string;
	schema?: { type?: string; enum?: unknown[] };
}

export interface SpecOperation {
	method: string;
	path: string;
	operationId: string;
	parameters: SpecParameter[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * The spec's text. A missing spec is an error, not a reason to pass: a contract test that cannot see
 * its contract has checked nothing.
 */
export function readSpecText(): string {
	if (!fs.existsSync(SPEC_PATH)) {
		throw new Error(`The OpenAPI spec is missing: expected it at ${SPEC_PATH}`);
	}
	return fs.readFileSync(SPEC_PATH, 'utf8');
}

/** The parsed spec (see readSpecText). */
export function loadSpec(): { operations: SpecOperation[]; schemas: Record<string, Json> } {
	const spec = YAML.parse(readSpecText()) as Json;
	const operations: SpecOperation[] = [];
	for (const [specPath, item] of Object.entries<Json>(spec.paths)) {
		for (const method of METHODS) {
			const operation = item[method];
			if (!operation) continue;
			operations.push({
				method: method.toUpperCase(),
				path: specPath,
				operationId: operation.operationId,
				parameters: [...(item.parameters ?? []), ...(operation.parameters ?? [])],
			});
		}
	}
	return { operations, schemas: spec.components.schemas };
}
