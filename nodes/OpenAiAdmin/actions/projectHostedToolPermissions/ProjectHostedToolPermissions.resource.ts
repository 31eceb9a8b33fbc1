import type { IDataObject } from 'n8n-workflow';

import { endpoint } from '../endpoint';
import { HOSTED_TOOLS } from '../shared/enums';
import { collection, projectLocator } from '../shared/fields';
import { invalidInput, readCollection, requireChanges } from '../shared/parameters';
import type { Resource } from '../types';

const locators = { project_id: projectLocator };

export const projectHostedToolPermissions: Resource = {
	value: 'projectHostedToolPermissions',
	name: 'Project Hosted Tool Permission',
	description: "Which of OpenAI's hosted tools (web search, file search, ...) a project may use",
	defaultOperation: 'get',
	operations: [
		endpoint.get({
			action: 'Get the hosted tool permissions of a project',
			description: 'Retrieve which hosted tools a project may use',
			path: '/organization/projects/{project_id}/hosted_tool_permissions',
			operationId: 'retrieve-project-hosted-tool-permissions',
			locators,
		}),
		endpoint.post({
			action: 'Update the hosted tool permissions of a project',
			description: 'Turn hosted tools on or off for a project; tools left out keep their setting',
			path: '/organization/projects/{project_id}/hosted_tool_permissions',
			operationId: 'update-project-hosted-tool-permissions',
			createsResource: false,
			locators,
			fields: [
				collection(
					'updateFields',
					HOSTED_TOOLS.map(([displayName, name]) => ({
						displayName,
						name,
						type: 'boolean',
						default: true,
						description: `Whether the project may use ${displayName === 'MCP' ? 'remote MCP servers' : displayName.toLowerCase()}`,
					})),
					'Add Tool',
				),
			],
			body(itemIndex) {
				const updates = readCollection(this, 'updateFields', itemIndex);
				const body: IDataObject = {};
				for (const [displayName, name] of HOSTED_TOOLS) {
					const enabled = updates[name];
					if (enabled === undefined) continue;
					if (typeof enabled !== 'boolean') throw invalidInput(this, itemIndex, displayName, `${JSON.stringify(enabled)} is not true or false`);
					body[name] = { enabled };
				}
				return requireChanges(this, itemIndex, body, 'field');
			},
		}),
	],
};
