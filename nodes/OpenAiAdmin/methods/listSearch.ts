import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { AdminApi } from '../transport';
import type { Pager } from '../transport/pagination';
import { lastIdPager, nextPager, pages } from '../transport/pagination';
import { apiPath } from '../transport/path';
import { thousandPager } from '../actions/shared/fields';

/**
 * One page of a list for a "From List" picker. The Admin API has no search parameter, so the filter
 * is applied to each page here; the picker asks for the next page with the cursor it is given.
 */
async function searchPage(
	context: ILoadOptionsFunctions,
	path: string,
	toEntry: (item: IDataObject) => INodeListSearchItems,
	filter?: string,
	paginationToken?: string,
	query: IDataObject = {},
	pager: Pager = lastIdPager,
	keep: (item: IDataObject) => boolean = () => true,
): Promise<INodeListSearchResult> {
	const walk = pages(new AdminApi(context), path, query, pager, { cursor: paginationToken || undefined });
	// One page per call: the picker asks again, with the cursor, when the user scrolls.
	const first = await walk.next();
	await walk.return(undefined);
	const page = first.done ? undefined : first.value;
	const needle = filter?.trim().toLowerCase();
	const results = (page?.data ?? [])
		.filter(keep)
		.map(toEntry)
		.filter((entry) => !needle || `${entry.name} ${entry.value}`.toLowerCase().includes(needle));
	return { results, paginationToken: page?.next };
}

function chosenProjectId(context: ILoadOptionsFunctions): string {
	const projectId = context.getCurrentNodeParameter('projectId', { extractValue: true });
	if (typeof projectId !== 'string' || projectId.trim() === '') {
		throw new NodeOperationError(context.getNode(), 'Choose a project first');
	}
	return projectId.trim();
}

/** A field of an API object as text: '' unless it is a string or a number. */
const text = (value: unknown): string =>
	typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

const named = (item: IDataObject, label: unknown): INodeListSearchItems => ({
	name: text(label) || text(item.id),
	value: text(item.id),
});

/** "Name <email>", or whichever of the two there is. */
const person = (item: IDataObject): string =>
	text(item.email) ? `${text(item.name)} <${text(item.email)}>`.trim() : text(item.name);

type ListSearch = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/** A picker over an organization-wide list. */
function organizationList(path: string, label: (item: IDataObject) => string, query?: IDataObject): ListSearch {
	return async function (this: ILoadOptionsFunctions, filter, paginationToken) {
		return await searchPage(this, path, (item) => named(item, label(item)), filter, paginationToken, query);
	};
}

/** A picker over one of the chosen project's lists, e.g. `users` or `api_keys`. */
function projectList(collection: string, label: (item: IDataObject) => string, query?: IDataObject): ListSearch {
	return async function (this: ILoadOptionsFunctions, filter, paginationToken) {
		const path = `${apiPath`/organization/projects/${chosenProjectId(this)}`}/${collection}`;
		return await searchPage(this, path, (item) => named(item, label(item)), filter, paginationToken, query);
	};
}

const keyLabel = (item: IDataObject): string =>
	text(item.name) ? `${text(item.name)} (${text(item.redacted_value) || text(item.id)})` : '';

export const searchProjects = organizationList('/organization/projects', (item) => text(item.name));
export const searchOrganizationUsers = organizationList('/organization/users', person);
export const searchProjectUsers = projectList('users', person);
export const searchServiceAccounts = projectList('service_accounts', (item) => text(item.name));
// Every enabled key, including those whose owner has left the project: those are the ones to clean up.
export const searchApiKeys = projectList('api_keys', keyLabel, { owner_project_access: 'any' });
export const searchRateLimits = projectList('rate_limits', (item) => text(item.model));

const alertLabel = (item: IDataObject): string =>
	typeof item.threshold_amount === 'number'
		? `${(item.threshold_amount / 100).toFixed(2)} ${text(item.currency)} per ${text(item.interval)}`
		: '';

export const searchSpendAlerts = organizationList('/organization/spend_alerts', alertLabel);
export const searchProjectSpendAlerts = projectList('spend_alerts', alertLabel);
/** The id of a parent already chosen in the node (a group, a user), for the lists below it. */
function chosenId(context: ILoadOptionsFunctions, parameter: string, what: string): string {
	const id = context.getCurrentNodeParameter(parameter, { extractValue: true });
	if (typeof id !== 'string' || id.trim() === '') {
		throw new NodeOperationError(context.getNode(), `Choose a ${what} first`);
	}
	return id.trim();
}

/**
 * A picker over a list that pages with `next` (groups and roles: pages of up to 1000); `path` may
 * depend on what is chosen already.
 */
function nextList(
	path: (context: ILoadOptionsFunctions) => string,
	toEntry: (item: IDataObject) => INodeListSearchItems,
	{ pager = thousandPager, keep }: { pager?: Pager; keep?: (item: IDataObject) => boolean } = {},
): ListSearch {
	return async function (this: ILoadOptionsFunctions, filter, paginationToken) {
		return await searchPage(this, path(this), toEntry, filter, paginationToken, {}, pager, keep);
	};
}

const role = (item: IDataObject) => named(item, item.name);

export const searchAdminApiKeys = organizationList('/organization/admin_api_keys', keyLabel);
export const searchInvites = organizationList('/organization/invites', (item) => `${text(item.email)} (${text(item.status)})`);
export const searchCertificates = organizationList('/organization/certificates', (item) => text(item.name));
export const searchGroups = nextList(() => '/organization/groups', (item) => named(item, item.name));
export const searchRoles = nextList(() => '/organization/roles', role, { keep: (item) => item.resource_type !== 'api.project' });
export const searchProjectRoles = nextList(() => '/organization/roles', role, { keep: (item) => item.resource_type === 'api.project' });
export const searchGroupUsers = nextList(
	(context) => apiPath`/organization/groups/${chosenId(context, 'groupId', 'group')}/users`,
	(item) => named(item, person(item)),
);
export const searchGroupRoles = nextList(
	(context) => apiPath`/organization/groups/${chosenId(context, 'groupId', 'group')}/roles`,
	role,
);
export const searchUserRoles = nextList(
	(context) => apiPath`/organization/users/${chosenId(context, 'userId', 'user')}/roles`,
	role,
);
// A project's groups are named by `group_id`, not `id`.
export const searchProjectGroups = nextList(
	(context) => apiPath`/organization/projects/${chosenProjectId(context)}/groups`,
	(item) => ({ name: text(item.group_name) || text(item.group_id), value: text(item.group_id) }),
	{ pager: nextPager(100) },
);
