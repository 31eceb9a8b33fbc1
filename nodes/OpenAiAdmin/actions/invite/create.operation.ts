import type { IDataObject } from 'n8n-workflow';

import { endpoint } from '../endpoint';
import { ORGANIZATION_ROLES, PROJECT_ROLES } from '../shared/enums';
import { organizationRoleOptions, roleOptions } from '../shared/fields';
import { checkEmail, checkOneOf, invalidInput, readId } from '../shared/parameters';

const PROJECT_ACCESS = ['default', 'listed', 'none'] as const;

/**
 * The spec's rule for `projects`: left out, the person joins the default project; an empty list,
 * no project. The form offers the three cases by name, so that neither happens by accident.
 */
export const createInvite = endpoint.post('inviteUser', {
	value: 'create',
	name: 'Create',
	action: 'Invite a person to the organization',
	description: 'Send an invite to join the organization, optionally with project memberships',
	createsResource: true,
	properties: [
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			required: true,
			default: '',
			description: 'The email address to send the invite to',
			hint: 'A person who is already a member of the organization cannot be invited',
		},
		{
			displayName: 'Organization Role',
			name: 'role',
			type: 'options',
			required: true,
			options: organizationRoleOptions,
			default: 'reader',
			description: 'The role the person gets in the organization',
		},
		{
			displayName: 'Project Access',
			name: 'projectAccess',
			type: 'options',
			options: [
				{
					name: 'Default Project',
					value: 'default',
					description: 'Projects left out: the API adds the person to the default project',
				},
				{ name: 'Listed Projects', value: 'listed', description: 'The projects listed below, each with a role' },
				{ name: 'No Project', value: 'none', description: 'An empty list: the person joins no project' },
			],
			default: 'default',
			description: 'Which projects the person joins when they accept',
			hint: 'Leaving projects out adds the person to the default project; an empty list adds them to none',
		},
		{
			displayName: 'Projects',
			name: 'projects',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Project',
			default: {},
			displayOptions: { show: { projectAccess: ['listed'] } },
			options: [
				{
					displayName: 'Project',
					name: 'project',
					values: [
						{
							displayName: 'Project Name or ID',
							name: 'id',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getProjects' },
							default: '',
							description:
								'The project to join. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
						},
						{
							displayName: 'Role',
							name: 'role',
							type: 'options',
							options: roleOptions,
							default: 'member',
							description: 'The role in the project',
						},
					],
				},
			],
		},
	],
	body(itemIndex) {
		const body: IDataObject = {
			email: checkEmail(this, this.getNodeParameter('email', itemIndex), itemIndex, 'Email'),
			role: checkOneOf(this, this.getNodeParameter('role', itemIndex), ORGANIZATION_ROLES, itemIndex, 'Organization Role'),
		};
		const access = checkOneOf(this, this.getNodeParameter('projectAccess', itemIndex), PROJECT_ACCESS, itemIndex, 'Project Access');
		if (access === 'none') body.projects = [];
		if (access === 'listed') {
			const listed = (this.getNodeParameter('projects.project', itemIndex, []) as IDataObject[]) ?? [];
			if (listed.length === 0) throw invalidInput(this, itemIndex, 'Projects', 'add at least one project, or choose another Project Access');
			body.projects = listed.map((_entry, index) => ({
				id: readId(this, `projects.project[${index}].id`, itemIndex, 'Projects'),
				role: checkOneOf(this, this.getNodeParameter(`projects.project[${index}].role`, itemIndex), PROJECT_ROLES, itemIndex, 'Projects'),
			}));
		}
		return body;
	},
});
