import { endpoint } from '../endpoint';
import { sameName } from '../shared/existing';
import { inProject } from '../shared/fields';
import { resource } from '../resource';

const externalKeyId = {
	displayName: 'External Key ID',
	description: 'External (customer-managed encryption) key ID to associate with the project',
};

export const project = resource({ value: 'project', name: 'Project', description: 'Projects of the organization' }, [
	endpoint.update('archive-project', { value: 'archive', name: 'Archive', action: 'Archive a project', description: 'Archive a project. Archived projects cannot be used or updated; projects cannot be deleted.', locators: inProject }),
	endpoint.create('create-project', {
		action: 'Create a project',
		description: 'Create a project in the organization, or find the one of that name',
		existing: sameName('project', 'the organization'),
		fields: {
			name: { placeholder: 'e.g. Marketing chatbot', description: 'The friendly name of the project; it appears in reports' },
			external_key_id: externalKeyId,
			residency: {
				default: 'GLOBAL',
				description: 'Data residency of the project. Your organization must have access to the residency you choose.',
			},
		},
	}),
	endpoint.get('retrieve-project', { action: 'Get a project', description: 'Retrieve a project', locators: inProject }),
	endpoint.list('list-projects', {
		action: 'Get many projects',
		description: 'List the projects of the organization',
		filters: { include_archived: 'Whether to include archived projects, which are left out by default' },
	}),
	// Only the fields given are sent, and at least one must be.
	endpoint.update('modify-project', {
		action: 'Update a project',
		description: 'Rename a project or change its external key. The default project and archived projects cannot be changed.',
		locators: inProject,
		fields: {
			name: 'The new name of the project; it appears in reports',
			external_key_id: externalKeyId,
		},
	}),
	]);
