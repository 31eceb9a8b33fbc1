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
import { pollSpend } from './spend/poll';
import { SPEND_JUMP, SPEND_THRESHOLD, spendProperties } from './spend/settings';

const AUDIT_LOG_EVENT = 'auditLogEvent';
const forAuditLog = { show: { triggerOn: [AUDIT_LOG_EVENT] } };

export class OpenAiAdminTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenAI Admin Trigger',
		name: 'openAiAdminTrigger',
		icon: { light: 'file:../../icons/openai-admin.svg', dark: 'file:../../icons/openai-admin.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ $parameter["triggerOn"] === "spendThreshold" ? "spend reaches " + $parameter["thresholds"] : $parameter["triggerOn"] === "spendJump" ? "spend jumps" : $parameter["events"].length ? $parameter["events"].join(", ") : "every event" }}',
		description:
			"Starts the workflow when something happens in an OpenAI organization (a key created, a user added, a project archived...), from its audit log, or when a project's spend crosses a threshold or jumps",
		defaults: { name: 'OpenAI Admin Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'openAiAdminApi', required: true }],
		properties: [
			{
				// First, and named so: n8n's node panel lists one trigger per option of it.
				displayName: 'Trigger On',
				name: 'triggerOn',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Audit Log Event',
						value: AUDIT_LOG_EVENT,
						description: 'Something happens in the organization, such as a key created, a user added or a project archived',
						action: 'On an audit log event',
					},
					{
						name: 'Spend Crossed a Threshold',
						value: SPEND_THRESHOLD,
						description: "A day's or a month's spend reaches an amount, per project or for the organization",
						action: 'On spend crossing a threshold',
					},
					{
						name: 'Spend Jumped',
						value: SPEND_JUMP,
						description: "A day's spend rises far above its usual level",
						action: 'On spend jumping',
					},
				],
				default: AUDIT_LOG_EVENT,
				description: 'What starts the workflow',
			},
			{
				displayName:
					"Reads the organization's audit log, which an organization owner must have turned on (platform.openai.com, organization settings). Each new event starts one run, once; the first poll starts from the moment the workflow is activated.",
				name: 'auditLoggingNotice',
				type: 'notice',
				default: '',
				displayOptions: forAuditLog,
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: eventTypeOptions,
				default: [],
				description: 'The events that start the workflow (type to search, e.g. api_key); none chosen: every event',
				displayOptions: forAuditLog,
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				displayOptions: forAuditLog,
				options: [actorEmailsField, actorIdsField, projectIdsField, resourceIdsField],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: forAuditLog,
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
			...spendProperties,
		],
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const triggerOn = this.getNodeParameter('triggerOn', AUDIT_LOG_EVENT) as string;
		if (triggerOn === SPEND_THRESHOLD || triggerOn === SPEND_JUMP) return await pollSpend.call(this, triggerOn);
		return await pollAuditLog.call(this);
	}
}
