/** Project Hosted Tool Permissions: only the tools given change, each sent as `{enabled}`. */
import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project Hosted Tool Permissions', () => {
	const sandbox = useSandbox();

	it('only the tools given change', async () => {
		const scope = { resource: 'projectHostedToolPermissions', projectId: byId(sandbox().state.projects[1].id) };
		const updated = await runAgainst(sandbox(), { ...scope, operation: 'update', updateFields: { web_search: false, mcp: false } });
		expect(calls(sandbox())[0].body).toEqual({ web_search: { enabled: false }, mcp: { enabled: false } });
		expect(updated.json[0]).toEqual({
			file_search: { enabled: true },
			web_search: { enabled: false },
			image_generation: { enabled: true },
			mcp: { enabled: false },
			code_interpreter: { enabled: true },
		});
		expect((await runAgainst(sandbox(), { ...scope, operation: 'get' })).json).toEqual(updated.json);
	});
});
