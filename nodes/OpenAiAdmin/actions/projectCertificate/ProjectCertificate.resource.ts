import { endpoint } from '../endpoint';
import { certificateToggle } from '../certificate/toggle.operation';
import { orderFilter, projectLocator } from '../shared/fields';
import type { Resource } from '../types';

export const projectCertificate: Resource = {
	value: 'projectCertificate',
	name: 'Project Certificate',
	description: "The organization's certificates as one project uses them",
	defaultOperation: 'getMany',
	operations: [
		certificateToggle(
			'activate',
			'/organization/projects/{project_id}/certificates/activate',
			'activateProjectCertificates',
			'for a project',
		),
		certificateToggle(
			'deactivate',
			'/organization/projects/{project_id}/certificates/deactivate',
			'deactivateProjectCertificates',
			'for a project',
		),
		endpoint.list({
			action: 'Get many project certificates',
			description: 'List the certificates of the organization, each with whether it is active for the project',
			path: '/organization/projects/{project_id}/certificates',
			operationId: 'listProjectCertificates',
			locators: { project_id: projectLocator },
			filters: [orderFilter('desc')],
		}),
	],
};
