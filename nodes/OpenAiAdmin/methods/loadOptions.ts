import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { AdminApi } from '../transport';
import { listAll } from '../transport/pagination';

/**
 * Options for choices inside lists of values (an invite's projects, the certificates to activate),
 * where n8n offers no searchable picker. Every page is read: these lists are short.
 */
async function everyOption(
	context: ILoadOptionsFunctions,
	path: string,
	label: (item: IDataObject) => string,
): Promise<INodePropertyOptions[]> {
	const items = await listAll(new AdminApi(context), path, {}, { returnAll: true, limit: Infinity });
	const text = (value: unknown) => (typeof value === 'string' ? value : '');
	return items
		.map((item) => ({ name: label(item) || text(item.id), value: text(item.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getProjects(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await everyOption(this, '/organization/projects', (item) => (typeof item.name === 'string' ? item.name : ''));
}

export async function getCertificates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await everyOption(this, '/organization/certificates', (item) => (typeof item.name === 'string' ? item.name : ''));
}
