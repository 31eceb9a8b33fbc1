import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { AUDIT_LOG_PATH, auditLogQuery, explainAuditLogError } from '../OpenAiAdmin/actions/auditLog/query';
import { AdminApi } from '../OpenAiAdmin/transport';
import { lastIdPager, pages } from '../OpenAiAdmin/transport/pagination';
import type { AuditEvent, Position } from './position';
import { advance, isAuditEvent, readPosition, unseen, writePosition } from './position';

const NOTHING_SKIPPED = 'Nothing was skipped: the next poll reads from the same place in the audit log.';

const HOUR = 3600;

function refuse(context: IPollFunctions) {
	return (field: string, problem: string) =>
		new NodeOperationError(context.getNode(), `${field}: ${problem}`, { description: `Check the "${field}" field of the trigger.` });
}

function readSettings(context: IPollFunctions): { query: IDataObject; lookbackHours: number } {
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const query = auditLogQuery(
		{ ...filters, event_types: context.getNodeParameter('events', []) },
		refuse(context),
		{ tenantOnly: 'auto' },
	);
	const lookbackHours = options.lookbackHours ?? 0;
	if (typeof lookbackHours !== 'number' || !(lookbackHours >= 0)) {
		throw refuse(context)('Start With Past Hours', `${JSON.stringify(lookbackHours)} is not a number of hours of 0 or more`);
	}
	return { query, lookbackHours };
}

/** Every event at or after `since`, over as many pages as there are. */
async function readSince(api: AdminApi, query: IDataObject, since: number): Promise<AuditEvent[]> {
	const events: AuditEvent[] = [];
	for await (const page of pages(api, AUDIT_LOG_PATH, { ...query, effective_at: { gte: since } }, lastIdPager)) {
		events.push(...page.data.filter(isAuditEvent));
	}
	return events;
}

/** The editor's "Fetch Test Event": the newest matching event, the position untouched. */
async function sample(context: IPollFunctions, api: AdminApi, query: IDataObject): Promise<INodeExecutionData[][]> {
	for await (const page of pages(api, AUDIT_LOG_PATH, query, lastIdPager, { limit: 1 })) {
		if (page.data.length) return [context.helpers.returnJsonArray(page.data)];
	}
	throw new NodeOperationError(context.getNode(), 'No audit log event matches the trigger yet', {
		description:
			'Make a change the trigger watches (for example create an API key), then fetch again; or choose fewer events and filters. The organization records events only while its audit logging is turned on.',
	});
}

/**
 * One poll: the events since the position, oldest first, each once. The first poll after activation
 * starts from now (or the chosen past hours) and emits nothing older. The position is written only
 * after every page was read, so a poll that fails part-way leaves it where it was.
 */
export async function pollAuditLog(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const { query, lookbackHours } = readSettings(this);
	const api = AdminApi.forPoll(this);
	try {
		if (this.getMode() === 'manual') return await sample(this, api, query);

		const staticData = this.getWorkflowStaticData('node');
		const stored = readPosition(staticData);
		const now = Math.floor(Date.now() / 1000);
		const from: Position = stored ?? { effectiveAt: now - Math.round(lookbackHours * HOUR), idsAtEffectiveAt: [] };
		const events = await readSince(api, query, from.effectiveAt);
		// A first poll from now only learns what is already there at this second.
		const fresh = stored || lookbackHours > 0 ? unseen(from, events) : [];
		writePosition(staticData, stored, advance(from, events));
		return fresh.length ? [this.helpers.returnJsonArray(fresh)] : null;
	} catch (error) {
		throw explainAuditLogError(error, this.getMode() === 'manual' ? '' : NOTHING_SKIPPED);
	}
}
