import type { IDataObject } from 'n8n-workflow';

import type { ListId } from '../endpoint';

/**
 * What a "From List" picker shows of each item of the list it walks. A resource locator names one
 * of these lists (its `searchListMethod` is the list's operationId); the list's path, its pages and
 * the parents its path needs (a project, a group, a user chosen in the same node) come from the
 * operation table, so one generic search serves every picker (methods/listSearch.ts).
 */
export interface Picker {
	/** What an item is called in the picker. */
	label(item: IDataObject): string;
	/** The item's id, when the list does not name it `id` (a project's groups: `group_id`). */
	value?(item: IDataObject): string;
	/** Query parameters sent with every page. */
	query?: IDataObject;
	/** Only the items this keeps. */
	keep?(item: IDataObject): boolean;
}

/** A field of an API object as text: '' unless it is a string or a number. */
export const text = (value: unknown): string =>
	typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

const name = (item: IDataObject) => text(item.name);

/** "Name <email>", or whichever of the two there is. */
const person = (item: IDataObject): string =>
	text(item.email) ? `${text(item.name)} <${text(item.email)}>`.trim() : text(item.name);

const keyLabel = (item: IDataObject): string =>
	text(item.name) ? `${text(item.name)} (${text(item.redacted_value) || text(item.id)})` : '';

const alertLabel = (item: IDataObject): string =>
	typeof item.threshold_amount === 'number'
		? `${(item.threshold_amount / 100).toFixed(2)} ${text(item.currency)} per ${text(item.interval)}`
		: '';

export const PICKERS = {
	'list-projects': { label: name },
	'list-users': { label: person },
	'list-project-users': { label: person },
	'list-project-service-accounts': { label: name },
	// Every enabled key, including those whose owner has left the project: those are the ones to clean up.
	'list-project-api-keys': { label: keyLabel, query: { owner_project_access: 'any' } },
	'list-project-rate-limits': { label: (item) => text(item.model) },
	'list-organization-spend-alerts': { label: alertLabel },
	'list-project-spend-alerts': { label: alertLabel },
	'admin-api-keys-list': { label: keyLabel },
	'list-invites': { label: (item) => `${text(item.email)} (${text(item.status)})` },
	'listOrganizationCertificates': { label: name },
	'list-groups': { label: name },
	// Organization roles only: the project roles of a project are its own list.
	'list-roles': { label: name, keep: (item) => item.resource_type !== 'api.project' },
	'list-group-users': { label: person },
	'list-group-role-assignments': { label: name },
	'list-user-role-assignments': { label: name },
	'list-project-groups': { label: (item) => text(item.group_name) || text(item.group_id), value: (item) => text(item.group_id) },
	'list-project-roles': { label: name },
	'list-project-user-role-assignments': { label: name },
	'list-project-group-role-assignments': { label: name },
} satisfies Partial<Record<ListId, Picker>>;

export type PickerList = keyof typeof PICKERS;

/**
 * The node parameter that holds each parent id a list's path needs, and what to ask for when it is
 * not chosen yet. Every operation names these parents the same way.
 */
export const PARENTS: Record<string, { parameter: string; what: string }> = {
	project_id: { parameter: 'projectId', what: 'project' },
	group_id: { parameter: 'groupId', what: 'group' },
	user_id: { parameter: 'userId', what: 'user' },
};
