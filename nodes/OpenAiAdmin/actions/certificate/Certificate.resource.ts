import { endpoint } from '../endpoint';
import { certificateLocator } from '../shared/fields';
import { resource } from '../resource';
import { certificateToggle } from './toggle.operation';
import { uploadCertificate } from './upload.operation';

const locators = { certificate_id: certificateLocator };

export const certificate = resource({ value: 'certificate', name: 'Certificate', description: 'Mutual TLS certificates of the organization' }, [
	certificateToggle('activate', 'activateOrganizationCertificates', 'for the organization'),
	certificateToggle('deactivate', 'deactivateOrganizationCertificates', 'for the organization'),
	endpoint.delete('deleteCertificate', { action: 'Delete a certificate', description: 'Delete a certificate; it must be inactive for the organization and every project', locators }),
	endpoint.get('getCertificate', {
		action: 'Get a certificate',
		description: 'Retrieve a certificate, active or not',
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
	endpoint.list('listOrganizationCertificates', { action: 'Get many certificates', description: 'List the certificates uploaded to the organization' }),
	endpoint.update('modifyCertificate', {
		action: 'Rename a certificate',
		description: 'Change the name of a certificate (the only thing that can change)',
		locators,
		fields: { name: { required: true, description: 'The new name of the certificate' } },
	}),
	uploadCertificate,
	]);
