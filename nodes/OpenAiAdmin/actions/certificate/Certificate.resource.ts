import { endpoint } from '../endpoint';
import { certificateLocator, orderFilter } from '../shared/fields';
import type { Resource } from '../types';
import { certificateToggle } from './toggle.operation';
import { uploadCertificate } from './upload.operation';

const locators = { certificate_id: certificateLocator };

export const certificate: Resource = {
	value: 'certificate',
	name: 'Certificate',
	description: 'Mutual TLS certificates of the organization',
	defaultOperation: 'getMany',
	operations: [
		certificateToggle('activate', '/organization/certificates/activate', 'activateOrganizationCertificates', 'for the organization'),
		certificateToggle('deactivate', '/organization/certificates/deactivate', 'deactivateOrganizationCertificates', 'for the organization'),
		endpoint.delete({
			action: 'Delete a certificate',
			description: 'Delete a certificate; it must be inactive for the organization and every project',
			path: '/organization/certificates/{certificate_id}',
			operationId: 'deleteCertificate',
			locators,
			deletes: 'certificate',
		}),
		endpoint.get({
			action: 'Get a certificate',
			description: 'Retrieve a certificate, active or not',
			path: '/organization/certificates/{certificate_id}',
			operationId: 'getCertificate',
			locators,
			fields: [
				{
					displayName: 'Include Content',
					name: 'includeContent',
					type: 'boolean',
					default: false,
					description: 'Whether to return the PEM content of the certificate as well',
				},
			],
			query(itemIndex) {
				return this.getNodeParameter('includeContent', itemIndex, false) === true ? { include: ['content'] } : {};
			},
		}),
		endpoint.list({
			action: 'Get many certificates',
			description: 'List the certificates uploaded to the organization',
			path: '/organization/certificates',
			operationId: 'listOrganizationCertificates',
			filters: [orderFilter('desc')],
		}),
		endpoint.post({
			action: 'Rename a certificate',
			description: 'Change the name of a certificate (the only thing that can change)',
			path: '/organization/certificates/{certificate_id}',
			operationId: 'modifyCertificate',
			createsResource: false,
			locators,
			fields: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					required: true,
					default: '',
					description: 'The new name of the certificate',
				},
			],
		}),
		uploadCertificate,
	],
};
