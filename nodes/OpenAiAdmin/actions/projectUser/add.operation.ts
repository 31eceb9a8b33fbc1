import type { IDataObject } from 'n8n-workflow';

import { apiPath } from '../../transport/path';
import { organizationUserLocator, PROJECT_ROLES, projectLocator, projectRoleField } from '../shared/fields';
import { checkEmail, checkOneOf, readId } from '../shared/parameters';
import type { Operation } from '../types';

export const addProjectUser: Operation = {
	value: 'add',
	name: 'Add',
	action: 'Add a user to a project',
	description: 'Add a member of the organization to a project',
	properties: [
		projectLocator,
		{
			displayName: 'Identify User By',
			name: 'identifyBy',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Email', value: 'email', description: 'The email address of an organization member' },
				{ name: 'User', value: 'user', description: 'Pick an organization member or give their user ID' },
			],
			default: 'email',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			required: true,
			default: '',
			description: 'The email address of the user to add',
			hint: 'The person must already be a member of the organization',
			displayOptions: { show: { identifyBy: ['email'] } },
		},
		{ ...organizationUserLocator, displayOptions: { show: { identifyBy: ['user'] } } },
		projectRoleField('The role the user gets in the project'),
	],
	async execute(itemIndex, api) {
		const projectId = readId(this, 'projectId', itemIndex, 'Project');
		const body: IDataObject = {
			role: checkOneOf(this, this.getNodeParameter('role', itemIndex), PROJECT_ROLES, itemIndex, 'Role'),
		};
		if (this.getNodeParameter('identifyBy', itemIndex) === 'user') {
			body.user_id = readId(this, 'userId', itemIndex, 'User');
		} else {
			body.email = checkEmail(this, this.getNodeParameter('email', itemIndex), itemIndex, 'Email');
		}
		return await api.request({
			method: 'POST',
			path: apiPath`/organization/projects/${projectId}/users`,
			body,
			createsResource: true,
		});
	},
};
