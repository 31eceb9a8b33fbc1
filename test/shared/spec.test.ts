/**
 * The operation table (nodes/shared/spec.ts) is what scripts/derive-spec.ts derives from the spec
 * (`npm run spec` rewrites it), and says of every operation what the spec says.
 */
import fs from 'node:fs';

import { SPEC_OPERATIONS } from '../../nodes/shared/spec';
import { OPERATIONS_OUT, deriveOperations, renderOperations } from '../../scripts/derive-spec';
import { loadSpec, readSpecText } from '../helpers/spec';

describe('the operation table', () => {
	it('is what the spec gives (npm run spec)', () => {
		expect(renderOperations(deriveOperations(readSpecText()))).toBe(fs.readFileSync(OPERATIONS_OUT, 'utf8'));
	});

	it('holds every operation of the spec once, by operationId, with its method and path', () => {
		const { operations } = loadSpec();
		expect(Object.keys(SPEC_OPERATIONS)).toHaveLength(operations.length);
		for (const { operationId, method, path } of operations) {
			expect([operationId, SPEC_OPERATIONS[operationId as keyof typeof SPEC_OPERATIONS]]).toMatchObject([operationId, { method, path }]);
		}
	});

	it('knows how each list pages', () => {
		const styles = Object.fromEntries(Object.entries(SPEC_OPERATIONS).map(([id, op]) => [id, (op as { pager?: string }).pager]));
		expect(styles).toMatchObject({
			'list-projects': 'last_id',
			'list-audit-logs': 'last_id',
			'list-groups': 'next',
			'list-project-roles': 'next',
			'usage-costs': 'page',
			'retrieve-project': undefined,
		});
	});

	it('keeps the enums, bounds and required fields of query parameters and bodies', () => {
		expect(SPEC_OPERATIONS['list-groups'].query.limit).toEqual({ type: 'integer', default: 100, minimum: 0, maximum: 1000 });
		expect(SPEC_OPERATIONS['create-project'].body.fields.residency.enum).toContain('EU_STORAGE_PROCESSING');
		expect(SPEC_OPERATIONS['create-project'].body.fields.name).toEqual({ type: 'string', required: true });
		expect(SPEC_OPERATIONS['list-audit-logs'].query['event_types[]'].items.enum).toContain('api_key.created');
		expect(SPEC_OPERATIONS['update-project-hosted-tool-permissions'].body.fields.mcp).toEqual({
			type: 'object',
			nullable: true,
			properties: { enabled: { type: 'boolean', required: true } },
		});
	});
});
