import type { IDataObject } from 'n8n-workflow';

import { endpoint } from '../endpoint';
import { collection, dropdown } from '../shared/fields';
import { invalidInput, readCollection, readText } from '../shared/parameters';

/**
 * The PEM content comes from a field, or from a file in the input item's binary data (read as
 * text), as n8n's file nodes hand it over. Uploading does not activate the certificate.
 */
export const uploadCertificate = endpoint.create('uploadCertificate', {
	value: 'upload',
	name: 'Upload',
	action: 'Upload a certificate',
	description: 'Upload a certificate to the organization; it stays inactive until activated',
	properties: [
		dropdown('Certificate Source', 'source', [
			['Binary File', 'binary', 'A PEM file in the input item, e.g. from Read/Write Files from Disk'],
			['Text', 'text', 'The PEM content, pasted or from an expression'],
		], { default: 'binary', description: 'Where the PEM content of the certificate comes from' }),
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			description: 'The name of the input binary field holding the PEM file',
			hint: 'The name of the input binary field containing the file to upload',
			displayOptions: { show: { source: ['binary'] } },
		},
		{
			displayName: 'Certificate',
			name: 'certificate',
			type: 'string',
			typeOptions: { rows: 6 },
			required: true,
			default: '',
			placeholder: '-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----',
			description: 'The certificate in PEM format',
			displayOptions: { show: { source: ['text'] } },
		},
		collection('additionalFields', [
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'A name for the certificate' },
		]),
	],
	async body(itemIndex) {
		let certificate: string;
		if (this.getNodeParameter('source', itemIndex) === 'text') {
			certificate = readText(this, 'certificate', itemIndex, 'Certificate');
		} else {
			const field = readText(this, 'binaryPropertyName', itemIndex, 'Input Binary Field');
			if (!this.getInputData()[itemIndex]?.binary?.[field]) {
				throw invalidInput(this, itemIndex, 'Input Binary Field', `the input item has no binary field "${field}"`);
			}
			certificate = (await this.helpers.getBinaryDataBuffer(itemIndex, field)).toString('utf8');
			if (certificate.trim() === '') throw invalidInput(this, itemIndex, 'Input Binary Field', `the file in "${field}" is empty`);
		}
		const body: IDataObject = { certificate };
		const { name } = readCollection(this, 'additionalFields', itemIndex);
		if (typeof name === 'string' && name !== '') body.name = name;
		return body;
	},
});
