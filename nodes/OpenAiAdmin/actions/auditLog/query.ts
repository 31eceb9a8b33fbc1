import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { SPEC_OPERATIONS } from '../../../shared/spec';
import { AUDIT_LOG_EVENT_TYPES } from '../shared/enums';
import { ID_PATTERN } from '../shared/fields';

/**
 * What `GET /organization/audit_logs` is asked, shared by Audit Log → Get Many and the OpenAI Admin
 * Trigger: the fields, the query they make (named as the spec names it: `effective_at[gte]`,
 * `project_ids[]`, ...), and what a failed read means for the person who set it up.
 */

export const AUDIT_LOG_PATH = SPEC_OPERATIONS['list-audit-logs'].path;

/** A rejected field: the caller turns it into its own error type (item error, trigger error). */
export type Refuse = (field: string, problem: string) => Error;

const ID_REGEX = new RegExp(ID_PATTERN);
const EMAIL_REGEX = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TENANT_PREFIX = 'tenant.';

export const isTenantEvent = (type: string) => type.startsWith(TENANT_PREFIX);

/**
 * Sorted by name, which is the type itself: a person typing "api_key" finds `api_key.created`,
 * `api_key.deleted` and `api_key.updated` together, and the tenant-scoped ones stay at the end.
 */
export const eventTypeOptions = [...AUDIT_LOG_EVENT_TYPES]
	.sort((a, b) => a.localeCompare(b))
	.map((type) => ({
		name: type,
		value: type,
		description: isTenantEvent(type) ? 'Tenant-scoped: cannot be combined with the other types' : undefined,
	}));

export const projectIdsField: INodeProperties = {
	displayName: 'Project Names or IDs',
	name: 'project_ids',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getProjects' },
	default: [],
	description:
		'Only events of these projects. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const listField = (displayName: string, name: string, what: string, placeholder: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
	description: `Only events ${what}; several separated by commas`,
});

export const actorIdsField = listField(
	'Actor IDs',
	'actor_ids',
	'performed by these actors: user IDs, service account IDs or API key tracking IDs (key_…)',
	'user-abc123, key_abc123',
);
export const actorEmailsField = listField(
	'Actor Emails',
	'actor_emails',
	'performed by users with these emails',
	'name@example.com',
);
export const resourceIdsField = listField(
	'Resource IDs',
	'resource_ids',
	'about these objects, e.g. the ID of the project, key or user that was changed',
	'proj_abc123',
);

/** The four bounds of `effective_at`, as date-time fields sent in Unix seconds. */
const EFFECTIVE_AT_BOUNDS = [
	['Effective After', 'effectiveAfter', 'gt', 'Only events strictly after this moment'],
	['Effective At or After', 'effectiveAtOrAfter', 'gte', 'Only events at or after this moment'],
	['Effective At or Before', 'effectiveAtOrBefore', 'lte', 'Only events at or before this moment'],
	['Effective Before', 'effectiveBefore', 'lt', 'Only events strictly before this moment'],
] as const;

/** Every filter the spec gives the list, sorted, for Get Many's Filters collection. */
export const auditLogFilters: INodeProperties[] = [
	actorEmailsField,
	actorIdsField,
	...EFFECTIVE_AT_BOUNDS.map(
		([displayName, name, , description]): INodeProperties => ({ displayName, name, type: 'dateTime', default: '', description }),
	),
	{
		displayName: 'Event Types',
		name: 'event_types',
		type: 'multiOptions',
		options: eventTypeOptions,
		default: [],
		description: 'Only events of these types; none chosen: every type',
	},
	projectIdsField,
	resourceIdsField,
	{
		displayName: 'Tenant Only',
		name: 'tenant_only',
		type: 'boolean',
		default: false,
		description: 'Whether to return only tenant-scoped events (needed for the tenant.… event types)',
	},
];

/** A list field's entries: an array from an expression, or a text of comma- or line-separated values. */
function entries(value: unknown): unknown[] {
	if (value === undefined || value === null || value === '') return [];
	if (Array.isArray(value)) return value;
	if (typeof value === 'string') return value.split(/[,\n]/).map((entry) => entry.trim()).filter(Boolean);
	return [value];
}

function textList(value: unknown, field: string, valid: (entry: string) => boolean, what: string, refuse: Refuse): string[] {
	return entries(value).map((entry) => {
		const text = typeof entry === 'number' ? String(entry) : entry;
		if (typeof text !== 'string' || !valid(text.trim())) {
			throw refuse(field, `${JSON.stringify(entry)} is not ${what}`);
		}
		return text.trim();
	});
}

/** A date-time field as Unix seconds: an ISO text, a Date, a Luxon DateTime, or epoch seconds or milliseconds. */
export function unixSeconds(value: unknown, field: string, refuse: Refuse): number {
	let ms: number = NaN;
	if (typeof value === 'number') ms = value < 1e11 ? value * 1000 : value;
	else if (typeof value === 'string') ms = /^\d+$/.test(value.trim()) ? unixSeconds(Number(value), field, refuse) * 1000 : Date.parse(value);
	else if (value instanceof Date) ms = value.getTime();
	else if (value && typeof (value as { toMillis?: unknown }).toMillis === 'function') ms = (value as { toMillis(): number }).toMillis();
	if (!Number.isFinite(ms)) throw refuse(field, `${JSON.stringify(value)} is not a date and time`);
	return Math.floor(ms / 1000);
}

export interface AuditLogSelection {
	event_types?: unknown;
	project_ids?: unknown;
	actor_ids?: unknown;
	actor_emails?: unknown;
	resource_ids?: unknown;
	tenant_only?: unknown;
	[bound: string]: unknown;
}

/**
 * The query for what the fields select. Tenant-scoped event types need `tenant_only=true` and cannot be
 * mixed with the others (the spec's rule): said here, before any request. `tenantOnly: 'auto'` (the
 * trigger) asks for tenant events exactly when every chosen type is one.
 */
export function auditLogQuery(
	selection: AuditLogSelection,
	refuse: Refuse,
	{ tenantOnly = 'field' }: { tenantOnly?: 'field' | 'auto' } = {},
): IDataObject {
	const query: IDataObject = {};
	const effectiveAt: IDataObject = {};
	for (const [displayName, name, bound] of EFFECTIVE_AT_BOUNDS) {
		const value = selection[name];
		if (value !== undefined && value !== null && value !== '') effectiveAt[bound] = unixSeconds(value, displayName, refuse);
	}
	if (Object.keys(effectiveAt).length) query.effective_at = effectiveAt;

	const types = textList(selection.event_types, 'Event Types', (type) => (AUDIT_LOG_EVENT_TYPES as readonly string[]).includes(type), 'an audit-log event type', refuse);
	const tenant = types.filter(isTenantEvent);
	const wantsTenant = tenantOnly === 'auto' ? types.length > 0 && tenant.length === types.length : selection.tenant_only === true;
	if (tenant.length && tenant.length < types.length) {
		throw refuse('Event Types', `tenant-scoped types (${tenant[0]}) cannot be combined with other types; use two nodes`);
	}
	if (tenantOnly === 'field' && tenant.length && !wantsTenant) {
		throw refuse('Event Types', `${tenant[0]} is tenant-scoped: turn on Tenant Only`);
	}
	if (tenantOnly === 'field' && wantsTenant && types.length > tenant.length) {
		throw refuse('Tenant Only', 'with Tenant Only, choose only tenant-scoped event types (tenant.…)');
	}

	const lists: Array<[string, string, string[]]> = [
		['project_ids[]', 'Project Names or IDs', textList(selection.project_ids, 'Project Names or IDs', (id) => ID_REGEX.test(id), 'a project ID', refuse)],
		['event_types[]', 'Event Types', types],
		['actor_ids[]', 'Actor IDs', textList(selection.actor_ids, 'Actor IDs', (id) => ID_REGEX.test(id), 'an ID', refuse)],
		['actor_emails[]', 'Actor Emails', textList(selection.actor_emails, 'Actor Emails', (email) => EMAIL_REGEX.test(email), 'an email address', refuse)],
		['resource_ids[]', 'Resource IDs', textList(selection.resource_ids, 'Resource IDs', (id) => ID_REGEX.test(id), 'an ID', refuse)],
	];
	for (const [parameter, , values] of lists) if (values.length) query[parameter] = values;
	if (wantsTenant) query.tenant_only = true;
	return query;
}

const AUDIT_LOGGING_OFF = /audit log(ging|s)?\b.*\b(not (been )?(enabled|activated|turned on)|disabled|off)\b/i;

/**
 * A failed audit-log read, with what to do about it in the error's description. `afterwards` says
 * what happens next (a poll: nothing was skipped). The message is the transport's, already free of
 * the admin key.
 */
export function explainAuditLogError(error: unknown, afterwards = ''): unknown {
	if (!(error instanceof NodeApiError)) return error;
	const status = error.httpCode ?? '';
	let help: string | undefined;
	if (AUDIT_LOGGING_OFF.test(error.message)) {
		help =
			'Audit logging is turned off for this OpenAI organization, so there are no events to read. An organization owner turns it on in the organization settings at platform.openai.com (Data controls); only events after that are recorded.';
	} else if (status === '401') {
		help =
			'The admin key was refused: it is wrong, revoked or deleted. Open the OpenAI Admin API credential and enter a current organization admin key (sk-admin-…).';
	} else if (status === '403') {
		help =
			'The key may not read the audit log: it lacks the scope for it. Use an organization admin key (sk-admin-…) from Settings → Organization → Admin keys; project, service account and user keys (sk-proj-…) are refused.';
	} else if (status === '429') {
		help = 'The Administration API kept answering "too many requests" after the retries. Let other workflows using the admin key run less often.';
	} else if (/^Could not reach/.test(error.message)) {
		help = "n8n could not connect to the credential's Base URL (network, DNS, proxy or an outage).";
	}
	const description = help ?? error.description;
	error.description = [description, afterwards].filter(Boolean).join(' ') || description;
	return error;
}
