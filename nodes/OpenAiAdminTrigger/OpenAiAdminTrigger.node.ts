import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	actorEmailsField,
	actorIdsField,
	eventTypeOptions,
	projectIdsField,
	resourceIdsField,
} from '../OpenAiAdmin/actions/auditLog/query';
import * as loadOptions from '../OpenAiAdmin/methods/loadOptions';
import { defaultMaxEventsPerPoll, MAX_EVENTS_PER_POLL, pollAuditLog } from './poll';

export class OpenAiAdminTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenAI Admin Trigger',
		name: 'openAiAdminTrigger',
		icon: { light: 'file:../../icons/openai-admin.svg', dark: 'file:../../icons/openai-admin.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].length ? $parameter["events"].join(", ") : "every event" }}',
		description:
			"Starts the workflow when something happens in an OpenAI organization (a key created, a user added, a project archived...), from the organization's audit log",
		defaults: { name: 'OpenAI Admin Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'openAiAdminApi', required: true }],
		properties: [
			{
				displayName:
					"Reads the organization's audit log, which an organization owner must have turned on (platform.openai.com, organization settings). Each new event starts one run, once; the first poll starts from the moment the workflow is activated.",
				name: 'auditLoggingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: eventTypeOptions,
				default: [],
				description: 'The events that start the workflow (type to search, e.g. api_key); none chosen: every event',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [actorEmailsField, actorIdsField, projectIdsField, resourceIdsField],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Max Events Per Poll',
						name: 'maxEventsPerPoll',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: MAX_EVENTS_PER_POLL, numberPrecision: 0 },
						default: defaultMaxEventsPerPoll,
						description:
							'The most events one poll starts the workflow with, oldest first. A longer backlog (after the workflow was off for a while, or with Start With Past Hours) comes over the following polls.',
					},
					{
						displayName: 'Start With Past Hours',
						name: 'lookbackHours',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description:
							'On the first poll after activation, also start the workflow for the events of this many past hours; 0 starts from the moment of activation',
					},
				],
			},
		],
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollAuditLog.call(this);
	}
}
