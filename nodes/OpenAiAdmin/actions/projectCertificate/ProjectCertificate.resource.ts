import { certificateToggle } from '../certificate/toggle.operation';
import { endpoint } from '../endpoint';
import { inProject } from '../shared/fields';
import { resource } from '../resource';

export const projectCertificate = resource({ value: 'projectCertificate', name: 'Project Certificate', description: "The organization's certificates as one project uses them" }, [
	certificateToggle('activate', 'activateProjectCertificates', 'for a project'),
	certificateToggle('deactivate', 'deactivateProjectCertificates', 'for a project'),
	endpoint.list('listProjectCertificates', { action: 'Get many project certificates', description: 'List the certificates of the organization, each with whether it is active for the project', locators: inProject }),
	]);
