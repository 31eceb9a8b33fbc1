import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { AdminApi } from '../transport';
import { MAX_PAGE_SIZE } from '../transport/pagination';
import { apiPath } from '../transport/path';

interface ListPage {
	data?: IDataObject[];
	last_id?: string | null;
	has_more?: boolean;
}

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
): Promise<INodeListSearchResult> {
	const qs: IDataObject = { ...query, limit: MAX_PAGE_SIZE };
	if (paginationToken) qs.after = paginationToken;
	const page = await new AdminApi(context).request<ListPage>({ method: 'GET', path, qs });
	const needle = filter?.trim().toLowerCase();
	const results = (page.data ?? [])
		.map(toEntry)
		.filter((entry) => !needle || `${entry.name} ${entry.value}`.toLowerCase().includes(needle));
	const more = page.has_more === true && typeof page.last_id === 'string' && page.last_id !== '';
	return { results, paginationToken: more ? page.last_id : undefined };
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

export async function searchProjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, '/organization/projects', (item) => named(item, item.name), filter, paginationToken);
}

export async function searchOrganizationUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(
		this,
		'/organization/users',
		(item) => named(item, person(item)),
		filter,
		paginationToken,
	);
}

export async function searchProjectUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const projectId = chosenProjectId(this);
	return await searchPage(
		this,
		apiPath`/organization/projects/${projectId}/users`,
		(item) => named(item, person(item)),
		filter,
		paginationToken,
	);
}

export async function searchServiceAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const projectId = chosenProjectId(this);
	return await searchPage(
		this,
		apiPath`/organization/projects/${projectId}/service_accounts`,
		(item) => named(item, item.name),
		filter,
		paginationToken,
	);
}

export async function searchApiKeys(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const projectId = chosenProjectId(this);
	return await searchPage(
		this,
		apiPath`/organization/projects/${projectId}/api_keys`,
		(item) =>
			named(
				item,
				text(item.name) && `${text(item.name)} (${text(item.redacted_value) || text(item.id)})`,
			),
		filter,
		paginationToken,
		{ owner_project_access: 'any' },
	);
}

export async function searchRateLimits(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const projectId = chosenProjectId(this);
	return await searchPage(
		this,
		apiPath`/organization/projects/${projectId}/rate_limits`,
		(item) => named(item, item.model),
		filter,
		paginationToken,
	);
}
