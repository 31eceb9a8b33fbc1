import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeHints, describeResources } from './actions/describe';
import { resources } from './actions/registry';
import { route } from './actions/router';
import { requestOptions } from './actions/shared/requestOptions';
import { listSearch } from './methods/listSearch';
import * as loadOptions from './methods/loadOptions';

export class OpenAiAdmin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenAI Admin',
		name: 'openAiAdmin',
		icon: { light: 'file:../../icons/openai-admin.svg', dark: 'file:../../icons/openai-admin.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Administer an OpenAI organization: members, invites, groups, roles, projects, keys, certificates, rate limits, usage, costs, spend, data retention, permissions and audit logs',
		defaults: { name: 'OpenAI Admin' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'openAiAdminApi', required: true }],
		properties: [...describeResources(resources, 'project'), requestOptions],
		hints: describeHints(resources),
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
