import type { IDataObject } from 'n8n-workflow';

import { EVERYTHING, listAll } from '../../transport/pagination';
import { endpoint } from '../endpoint';
import { ORGANIZATION_ROLES, PROJECT_ROLES } from '../shared/enums';
import type { ExistingObject } from '../shared/existing';
import { ifExistsField } from '../shared/existing';
import { dropdown, emailField, organizationRoleOptions, roleOptions } from '../shared/fields';
import { checkEmail, checkOneOf, invalidInput, readId } from '../shared/parameters';
import { text } from '../shared/pickers';

const PROJECT_ACCESS = ['default', 'listed', 'none'] as const;

const sameEmail = (a: unknown, b: unknown) => text(a).trim().toLowerCase() === text(b).trim().toLowerCase();

/**
 * The API refuses an invite for a member of the organization and a second pending invite for an
 * address, so Fail needs no look of its own. Return the Existing One looks for the member (one
 * request, filtered by email), then for a pending invite (the invites, read whole).
 */
const alreadyThere: ExistingObject = {
	field: ifExistsField(
		'If Already Invited or a Member',
		'invite or member',
		['fail', 'returnExisting'],
		'What to do when the person is already a member of the organization or has a pending invite, e.g. when a workflow runs again. The API refuses both; Return the Existing One outputs the member (organization.user) or the invite instead.',
	),
	refusedByApi: true,
	async find(api, path, body) {
		const [member] = await listAll(api, '/organization/users', { emails: [body.email] }, { returnAll: false, limit: 1 });
		if (member && sameEmail(member.email, body.email)) return member;
		const invites = await listAll(api, path, {}, EVERYTHING);
		return invites.find((invite) => invite.status === 'pending' && sameEmail(invite.email, body.email));
	},
	describe: (found) => (found.object === 'organization.user' ? `A member with the email ${text(found.email)}` : `A pending invite for ${text(found.email)} (${text(found.id)})`),
};

/**
 * The spec's rule for `projects`: left out, the person joins the default project; an empty list,
 * no project. The form offers the three cases by name, so that neither happens by accident.
 */
export const createInvite = endpoint.create('inviteUser', {
	action: 'Invite a person to the organization',
	description: 'Send an invite to join the organization, optionally with project memberships',
	existing: alreadyThere,
	properties: [
		emailField('The email address to send the invite to', 'A person who is already a member of the organization cannot be invited'),
		{
			displayName: 'Organization Role',
			name: 'role',
			type: 'options',
			required: true,
			options: organizationRoleOptions,
			default: 'reader',
			description: 'The role the person gets in the organization',
		},
		dropdown('Project Access', 'projectAccess', [
			['Default Project', 'default', 'Projects left out: the API adds the person to the default project'],
			['Listed Projects', 'listed', 'The projects listed below, each with a role'],
			['No Project', 'none', 'An empty list: the person joins no project'],
		], { default: 'default', description: 'Which projects the person joins when they accept', hint: 'Leaving projects out adds the person to the default project; an empty list adds them to none' }),
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
