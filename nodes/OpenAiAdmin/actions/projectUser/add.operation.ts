import type { IDataObject } from 'n8n-workflow';

import { endpoint } from '../endpoint';
import { PROJECT_ROLES } from '../shared/enums';
import { dropdown, emailField, inProject, organizationUserLocator, projectRoleField } from '../shared/fields';
import { checkEmail, checkOneOf, readId } from '../shared/parameters';

/** The person is named by email or by user id, never both; the role is required. */
export const addProjectUser = endpoint.create('create-project-user', {
	value: 'add',
	name: 'Add',
	action: 'Add a user to a project',
	description: 'Add a member of the organization to a project',
	locators: inProject,
	properties: [
		dropdown('Identify User By', 'identifyBy', [
			['Email', 'email', 'The email address of an organization member'],
			['User', 'user', 'Pick an organization member or give their user ID'],
		], { noDataExpression: true, default: 'email' }),
		{
			...emailField('The email address of the user to add', 'The person must already be a member of the organization'),
			displayOptions: { show: { identifyBy: ['email'] } },
		},
		{ ...organizationUserLocator, displayOptions: { show: { identifyBy: ['user'] } } },
		projectRoleField('The role the user gets in the project'),
	],
	body(itemIndex) {
		const body: IDataObject = {
			role: checkOneOf(this, this.getNodeParameter('role', itemIndex), PROJECT_ROLES, itemIndex, 'Role'),
		};
		if (this.getNodeParameter('identifyBy', itemIndex) === 'user') {
			body.user_id = readId(this, 'userId', itemIndex, 'User');
		} else {
			body.email = checkEmail(this, this.getNodeParameter('email', itemIndex), itemIndex, 'Email');
		}
		return body;
	},
});
