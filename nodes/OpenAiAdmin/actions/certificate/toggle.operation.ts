import type { INodeProperties } from 'n8n-workflow';

import { endpoint } from '../endpoint';
import { inProject } from '../shared/fields';
import { checkId, invalidInput } from '../shared/parameters';
import type { Operation } from '../types';

/** The API activates or deactivates 1 to 10 certificates at once. */
const MAX_CERTIFICATES = 10;

const certificatesField: INodeProperties = {
	displayName: 'Certificate Names or IDs',
	name: 'certificateIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getCertificates' },
	required: true,
	default: [],
	description:
		'The certificates, 1 to 10. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/**
 * Activate or deactivate certificates, for the organization or for one project: atomic and
 * idempotent, so certificates already in that state are left as they are.
 */
export function certificateToggle(
	value: 'activate' | 'deactivate',
	operationId: 'activateOrganizationCertificates' | 'deactivateOrganizationCertificates' | 'activateProjectCertificates' | 'deactivateProjectCertificates',
	scope: string,
): Operation {
	const verb = value === 'activate' ? 'Activate' : 'Deactivate';
	return endpoint.update(operationId, {
		value,
		name: verb,
		action: `${verb} certificates ${scope}`,
		description: `${verb} 1 to 10 certificates ${scope}; those already ${value}d stay as they are`,
		locators: operationId.endsWith('ProjectCertificates') ? inProject : {},
		properties: [certificatesField],
		body(itemIndex) {
			const raw = this.getNodeParameter('certificateIds', itemIndex, []) as unknown;
			const given: unknown[] = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [raw];
			const names = given.map((id): unknown => (typeof id === 'string' ? id.trim() : id)).filter((id) => id !== '');
			if (names.length < 1 || names.length > MAX_CERTIFICATES) {
				throw invalidInput(this, itemIndex, 'Certificates', `give 1 to ${MAX_CERTIFICATES} certificates, not ${names.length}`);
			}
			return { certificate_ids: names.map((id) => checkId(this, id, itemIndex, 'Certificates')) };
		},
	});
}
