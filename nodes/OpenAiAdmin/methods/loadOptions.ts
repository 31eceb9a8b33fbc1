import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { AdminApi } from '../transport';
import { lastIdPager, pages } from '../transport/pagination';

/**
 * Every project, archived ones included (their events stay in the audit log), for a multi-select.
 * An organization has tens to hundreds of projects: one request per hundred.
 */
export async function getProjects(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	for await (const page of pages(new AdminApi(this), '/organization/projects', { include_archived: true }, lastIdPager)) {
		for (const project of page.data as Array<IDataObject & { id?: unknown; name?: unknown; status?: unknown }>) {
			if (typeof project.id !== 'string') continue;
			const name = typeof project.name === 'string' && project.name ? project.name : project.id;
			options.push({ name: project.status === 'archived' ? `${name} (archived)` : name, value: project.id });
		}
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
