import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { SPEC_OPERATIONS } from '../../../shared/spec';
import { endpoint } from '../endpoint';
import { collection, inProject, label } from '../shared/fields';
import { invalidInput, readCollection, requireChanges } from '../shared/parameters';
import { resource } from '../resource';

/** The hosted tools the spec lets a project turn on or off, each `{enabled}` in the body. */
const TOOLS = Object.keys(SPEC_OPERATIONS['update-project-hosted-tool-permissions'].body.fields).map((name) => ({
	name,
	displayName: name === 'mcp' ? 'MCP' : label(name),
}));

export const projectHostedToolPermissions = resource({ value: 'projectHostedToolPermissions', name: 'Project Hosted Tool Permission', description: "Which of OpenAI's hosted tools (web search, file search, ...) a project may use" }, [
	endpoint.get('retrieve-project-hosted-tool-permissions', { action: 'Get the hosted tool permissions of a project', description: 'Retrieve which hosted tools a project may use', locators: inProject }),
	endpoint.update('update-project-hosted-tool-permissions', {
		action: 'Update the hosted tool permissions of a project',
		description: 'Turn hosted tools on or off for a project; tools left out keep their setting',
		locators: inProject,
		properties: [
			collection(
				'updateFields',
				TOOLS.map(({ displayName, name }): INodeProperties => ({
					displayName,
					name,
					type: 'boolean',
					default: true,
					description: `Whether the project may use ${name === 'mcp' ? 'remote MCP servers' : displayName.toLowerCase()}`,
				})).sort((a, b) => a.displayName.localeCompare(b.displayName)),
				'Add Tool',
			),
		],
		body(itemIndex) {
			const updates = readCollection(this, 'updateFields', itemIndex);
			const body: IDataObject = {};
			for (const { displayName, name } of TOOLS) {
				const enabled = updates[name];
				if (enabled === undefined) continue;
				if (typeof enabled !== 'boolean') throw invalidInput(this, itemIndex, displayName, `${JSON.stringify(enabled)} is not true or false`);
				body[name] = { enabled };
			}
			return requireChanges(this, itemIndex, body, 'field');
		},
	}),
	]);
