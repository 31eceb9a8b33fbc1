/**
 * Every operation the registry declares plainly (get, delete, list, a POST of its fields), from the
 * registry itself: one request, its method, the spec's path filled with each id encoded as one
 * segment, a POST's body exactly the fields given (Additional and Update Fields too) under the
 * spec's names, for a list the Limit sent as the page size, and the API's answer as the output,
 * unchanged. Through real n8n execution against a local server that records the request as sent.
 */
import type { GenericValue, IDataObject, INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { RegistryEntry } from '../../../nodes/OpenAiAdmin/actions/registry';
import { registry } from '../../../nodes/OpenAiAdmin/actions/registry';
import type { LocalServer } from '../../helpers/httpServer';
import { startServer } from '../../helpers/httpServer';
import { byId, runNode } from '../../helpers/runNode';
import { toolOnly } from '../../reliability/operations';

const plain = registry.filter((entry) => entry.plain);

/** A valid id with a character encodeURIComponent changes, so encoding shows in the raw path. */
const idFor = (parameter: string) => `${parameter.replace(/_id$/, '')}_1.a:b`;

/** A value a field of this kind takes, other than its default where that is left out. */
function valueFor(field: INodeProperties): GenericValue {
	const [first] = (field.options as INodePropertyOptions[] | undefined) ?? [];
	if (field.type === 'options') return first.value;
	if (field.type === 'boolean') return !(field.default as boolean);
	if (field.type === 'number') return (field.typeOptions?.minValue as number | undefined) ?? 1;
	if (field.typeOptions?.multipleValues) return ['some.value'];
	return 'Some text';
}

/** The node's parameters with every field of a POST filled, and the body that must then go out. */
function parametersFor(entry: RegistryEntry): { parameters: INodeParameters; body?: IDataObject } {
	const parameters: INodeParameters = { resource: entry.resource, operation: entry.value };
	for (const [parameter, locator] of Object.entries(entry.locators)) parameters[locator.name] = byId(idFor(parameter));
	if (entry.pager) Object.assign(parameters, { returnAll: false, limit: 7 });
	if (entry.method !== 'POST') return { parameters };
	const body: IDataObject = {};
	for (const field of entry.properties) {
		if (field.type === 'resourceLocator' || field.type === 'notice' || toolOnly(field)) continue;
		const fields = field.type === 'collection' ? (field.options as INodeProperties[]) : [field];
		const values = Object.fromEntries(fields.map((option) => [option.name, valueFor(option)]));
		parameters[field.name] = (field.type === 'collection' ? values : values[field.name]) as INodeParameters[string];
		Object.assign(body, values);
	}
	return { parameters, body: Object.keys(body).length ? body : undefined };
}

describe('plain operations, from the registry', () => {
	let server: LocalServer;
	beforeEach(async () => {
		server = await startServer((request) =>
			request.method === 'GET' && request.query.has('limit')
				? { object: 'list', data: [{ id: 'a' }], has_more: false, last_id: 'a' }
				: { id: 'a' },
		);
	});
	afterEach(async () => await server.close());

	it('has every get, delete and list among them', () => {
		// A walk over several lists (the key audit) has tests of its own.
		expect(registry.filter((entry) => entry.method !== 'POST' && !entry.plain && !entry.calls)).toEqual([]);
	});

	it.each(plain.map((entry) => [`${entry.resource} → ${entry.value}`, entry.method, entry] as const))(
		'%s: one %s request to the spec path, ids encoded, the fields given as its body, the answer as its output',
		async (_name, _method, entry) => {
			const { parameters, body } = parametersFor(entry);
			const run = await runNode(parameters, { api: { baseUrl: server.baseUrl, adminKey: 'sk-admin-x' } });

			expect(run.error).toBeUndefined();
			const path = entry.path.replace(/\{([^}]+)\}/g, (_match, parameter: string) => encodeURIComponent(idFor(parameter)));
			expect(server.requests.map((request) => [request.method, request.path])).toEqual([[entry.method, path]]);
			expect(server.requests[0].rawUrl.startsWith(path)).toBe(true);
			expect(server.requests[0].body).toEqual(body);
			if (entry.pager) expect(server.requests[0].query.get('limit')).toBe('7');
			// A report's rows are its buckets' results (test/node/actions/usage/report.test.ts).
			if (!entry.buckets) expect(run.json).toEqual([{ id: 'a' }]);
		},
	);
});
