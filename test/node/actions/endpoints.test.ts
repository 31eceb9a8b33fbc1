/**
 * Every operation the registry declares plainly (get, delete, list, a POST of its fields), from the
 * registry itself: one request, its method, the spec's path filled with each id encoded as one
 * segment, and for a list the Limit sent as the page size. Through real n8n execution against a
 * local server that records the request line as sent.
 */
import type { INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { RegistryEntry } from '../../../nodes/OpenAiAdmin/actions/registry';
import { registry } from '../../../nodes/OpenAiAdmin/actions/registry';
import type { LocalServer } from '../../helpers/httpServer';
import { startServer } from '../../helpers/httpServer';
import { byId, runNode } from '../../helpers/runNode';

const plain = registry.filter((entry) => entry.plain);

/** A valid id with a character encodeURIComponent changes, so encoding shows in the raw path. */
const idFor = (parameter: string) => `${parameter.replace(/_id$/, '')}_1.a:b`;

function parametersFor(entry: RegistryEntry): INodeParameters {
	const parameters: INodeParameters = { resource: entry.resource, operation: entry.value };
	for (const [parameter, locator] of Object.entries(entry.locators)) parameters[locator.name] = byId(idFor(parameter));
	// Required choices take their first option, as the editor would show them.
	for (const field of entry.properties) {
		if (field.type === 'options' && field.required) parameters[field.name] = (field.options as INodePropertyOptions[])[0].value;
		if (field.type === 'string' && field.required) parameters[field.name] = 'Some name';
	}
	if (entry.pager) Object.assign(parameters, { returnAll: false, limit: 7 });
	// A change whose fields are all optional changes the first of them.
	const updates = entry.properties.find((field) => field.name === 'updateFields');
	if (updates && !entry.properties.some((field) => field.required && field.type !== 'resourceLocator')) {
		const [first] = updates.options as INodeProperties[];
		parameters.updateFields = { [first.name]: first.type === 'string' ? 'Some name' : first.default };
	}
	return parameters;
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
		'%s: one %s request to the spec path, ids encoded',
		async (_name, _method, entry) => {
			const run = await runNode(parametersFor(entry), { api: { baseUrl: server.baseUrl, adminKey: 'sk-admin-x' } });

			expect(run.error).toBeUndefined();
			const path = entry.path.replace(/\{([^}]+)\}/g, (_match, parameter: string) => encodeURIComponent(idFor(parameter)));
			expect(server.requests.map((request) => [request.method, request.path])).toEqual([[entry.method, path]]);
			expect(server.requests[0].rawUrl.startsWith(path)).toBe(true);
			if (entry.pager) expect(server.requests[0].query.get('limit')).toBe('7');
		},
	);
});
