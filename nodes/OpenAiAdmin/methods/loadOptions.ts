import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { AdminApi } from '../transport';
import { listAll } from '../transport/pagination';
import { apiPath } from '../transport/path';

/**
 * Options of the multi-value pickers (usage, cost and audit-log filters, the certificates to
 * activate) and of choices inside lists of values (an invite's projects), where n8n offers no
 * searchable picker. These cannot page as a "From List" picker does, so each walks its whole list:
 * one request per hundred objects.
 */

const all = async (context: ILoadOptionsFunctions, path: string, query: IDataObject = {}) =>
	await listAll(new AdminApi(context), path, query, { returnAll: true, limit: Infinity });

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const option = (name: string, id: unknown): INodePropertyOptions => ({ name: name || text(id), value: text(id) });

/** Archived projects too, marked: their usage, costs and audit-log events remain. Sorted by name. */
export async function getProjects(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const projects = await all(this, '/organization/projects', { include_archived: true });
	return projects
		.map((project) => option(project.status === 'archived' ? `${text(project.name)} (archived)` : text(project.name), project.id))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const users = await all(this, '/organization/users');
	return users.map((user) => option(text(user.email) ? `${text(user.name)} <${text(user.email)}>`.trim() : text(user.name), user.id));
}

/** The keys of every project, named with their project, including keys whose owner left it. */
export async function getApiKeys(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const projects = await all(this, '/organization/projects', { include_archived: true });
	const options: INodePropertyOptions[] = [];
	for (const project of projects) {
		const keys = await all(this, `${apiPath`/organization/projects/${text(project.id)}`}/api_keys`, { owner_project_access: 'any' });
		for (const key of keys) {
			options.push(option(`${text(project.name)}: ${text(key.name)} (${text(key.redacted_value) || text(key.id)})`, key.id));
		}
	}
	return options;
}

export async function getCertificates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const certificates = await all(this, '/organization/certificates');
	return certificates.map((certificate) => option(text(certificate.name), certificate.id)).sort((a, b) => a.name.localeCompare(b.name));
}
