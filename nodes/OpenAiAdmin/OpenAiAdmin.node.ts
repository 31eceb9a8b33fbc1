import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { describeResources } from './actions/describe';
import { resources, route } from './actions/router';
import { requestOptions } from './actions/shared/requestOptions';
import * as listSearch from './methods/listSearch';

export class OpenAiAdmin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenAI Admin',
		name: 'openAiAdmin',
		icon: { light: 'file:../../icons/openai-admin.svg', dark: 'file:../../icons/openai-admin.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Administer an OpenAI organization: projects, project users, service accounts, project API keys and rate limits',
		defaults: { name: 'OpenAI Admin' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'openAiAdminApi', required: true }],
		properties: [...describeResources(resources, 'project'), requestOptions],
		hints: [
			{
				message:
					'The new service account key is in <code>api_key.value</code>. OpenAI shows it only this once, and it is also kept in this execution\'s saved data: store it in a later node, and consider not saving successful executions of this workflow.',
				type: 'warning',
				location: 'outputPane',
				whenToDisplay: 'afterExecution',
				displayCondition:
					'={{ $parameter["resource"] === "projectServiceAccount" && $parameter["operation"] === "create" }}',
			},
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
