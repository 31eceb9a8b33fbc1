import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { ORGANIZATION_ROLES, PROJECT_ROLES } from './enums';
import type { PickerList } from './pickers';

/** Characters OpenAI ids are made of (`proj_…`, `user-…`, `svc_acct_…`, `key_…`, `rl-gpt-4o`). */
export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.:-]*$';

interface LocatorOptions {
	name: string;
	displayName: string;
	/** The list its "From List" picker walks (see pickers.ts). */
	list: PickerList;
	idPlaceholder: string;
	description?: string;
	/** Modes after "From List" and "By ID", e.g. one that reads the id out of a link. */
	modes?: INodePropertyMode[];
}

/** A resource locator: pick from a searchable list, or give the id. */
export function resourceLocator(options: LocatorOptions): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${options.displayName.toLowerCase()}...`,
				typeOptions: { searchListMethod: options.list, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.idPlaceholder,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: ID_PATTERN,
							errorMessage: `Not a valid ${options.displayName.toLowerCase()} ID`,
						},
					},
				],
			},
			...(options.modes ?? []),
		],
	};
}

/** Project settings links on the platform carry the project id, e.g. /settings/proj_abc/general. */
const PROJECT_URL_REGEX = 'https://platform\\.openai\\.com/.*?(proj_[A-Za-z0-9]+)';
/** n8n anchors validation patterns at both ends, so this one must match the whole link. */
const PROJECT_URL_VALIDATION = 'https://platform\\.openai\\.com/.*proj_[A-Za-z0-9]+.*';

export const projectLocator = resourceLocator({
	name: 'projectId',
	displayName: 'Project',
	list: 'list-projects',
	idPlaceholder: 'proj_abc123',
	description: 'The project: pick it, or give its ID (proj_…) or its platform.openai.com settings link',
	modes: [
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'https://platform.openai.com/settings/proj_abc123/general',
			extractValue: { type: 'regex', regex: PROJECT_URL_REGEX },
			validation: [
				{
					type: 'regex',
					properties: {
						regex: PROJECT_URL_VALIDATION,
						errorMessage: 'Not a platform.openai.com link that contains a project ID (proj_…)',
					},
				},
			],
		},
	],
});

/** The locators of an operation on a path under one project: /organization/projects/{project_id}/… */
export const inProject = { project_id: projectLocator };

export const projectUserLocator = resourceLocator({
	name: 'userId',
	displayName: 'User',
	list: 'list-project-users',
	idPlaceholder: 'user-abc123',
	description: 'A member of the project, by user ID (user-…)',
});

export const organizationUserLocator = resourceLocator({
	name: 'userId',
	displayName: 'User',
	list: 'list-users',
	idPlaceholder: 'user-abc123',
	description:
		'A member of the organization, by user ID (user-…); only organization members can be added to a project',
});

export const serviceAccountLocator = resourceLocator({
	name: 'serviceAccountId',
	displayName: 'Service Account',
	list: 'list-project-service-accounts',
	idPlaceholder: 'svc_acct_abc123',
	description: 'A service account of the project, by ID (svc_acct_…)',
});

export const apiKeyLocator = resourceLocator({
	name: 'apiKeyId',
	displayName: 'API Key',
	list: 'list-project-api-keys',
	idPlaceholder: 'key_abc123',
	description: 'An API key of the project, by key ID (key_…), not by the secret key itself',
});

export const rateLimitLocator = resourceLocator({
	name: 'rateLimitId',
	displayName: 'Rate Limit',
	list: 'list-project-rate-limits',
	idPlaceholder: 'rl-gpt-4o',
	description: 'The per-model rate limit to change, by ID (rl- and the model, e.g. rl-gpt-4o)',
});

/** Return All and Limit, the same on every list; the largest Limit is the pager's largest page. */
export const listControls = (maxLimit: number): INodeProperties[] => [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: maxLimit, numberPrecision: 0 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const capitalized = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

/** An API value as an option name, in n8n's title case: `api_key_id` → "API Key ID". */
export const label = (value: string) =>
	value
		.split('_')
		.map((word) => (word === 'id' ? 'ID' : word === 'api' ? 'API' : capitalized(word)))
		.join(' ');

const roleOptionsOf = (roles: readonly string[]) =>
	roles.map((value) => ({ name: capitalized(value), value })).sort((a, b) => a.name.localeCompare(b.name));

export const roleOptions = roleOptionsOf(PROJECT_ROLES);

export const organizationRoleOptions = roleOptionsOf(ORGANIZATION_ROLES);

export function projectRoleField(description: string): INodeProperties & Partial<INodeProperties> {
	return {
		displayName: 'Role',
		name: 'role',
		type: 'options',
		required: true,
		options: roleOptions,
		default: 'member',
		description,
	};
}

/** The required email address of a person, as Invite and Add User ask for it (read with checkEmail). */
export function emailField(description: string, hint: string): INodeProperties {
	return { displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', required: true, default: '', description, hint };
}

/**
 * A dropdown of fixed choices (n8n's `options` field), each choice `[name, value, description]` in
 * the order the UI lists them; `rest` gives the default, the description and anything else.
 */
export function dropdown(
	displayName: string,
	name: string,
	choices: Array<[name: string, value: string, description: string]>,
	rest: Omit<INodeProperties, 'displayName' | 'name' | 'type' | 'options'>,
): INodeProperties {
	// n8n's lint (node-param-default-missing) needs `default` written out in the object it reads.
	const { default: chosen, ...others } = rest;
	const options = choices.map(([name, value, description]) => ({ name, value, description }));
	return { displayName, name, type: 'options', options, default: chosen, ...others };
}

const COLLECTIONS = {
	additionalFields: { displayName: 'Additional Fields', placeholder: 'Add Field' },
	updateFields: { displayName: 'Update Fields', placeholder: 'Add Field' },
	filters: { displayName: 'Filters', placeholder: 'Add Filter' },
} as const;

/** The optional-field collections n8n users know: Additional Fields, Update Fields and Filters. */
export function collection(
	name: keyof typeof COLLECTIONS,
	options: INodeProperties[],
	placeholder: string = COLLECTIONS[name].placeholder,
): INodeProperties {
	return { displayName: COLLECTIONS[name].displayName, name, type: 'collection', placeholder, default: {}, options };
}

export const spendAlertLocator = resourceLocator({
	name: 'spendAlertId',
	displayName: 'Spend Alert',
	list: 'list-organization-spend-alerts',
	idPlaceholder: 'alert_abc123',
	description: 'A spend alert of the organization, by ID (alert_…)',
});

export const projectSpendAlertLocator = resourceLocator({
	name: 'projectSpendAlertId',
	displayName: 'Spend Alert',
	list: 'list-project-spend-alerts',
	idPlaceholder: 'alert_abc123',
	description: 'A spend alert of the project, by ID (alert_…)',
});

export const adminApiKeyLocator = resourceLocator({
	name: 'adminApiKeyId',
	displayName: 'Admin API Key',
	list: 'admin-api-keys-list',
	idPlaceholder: 'key_abc123',
	description: 'An admin API key of the organization, by key ID (key_…), not by the secret key itself',
});

export const inviteLocator = resourceLocator({
	name: 'inviteId',
	displayName: 'Invite',
	list: 'list-invites',
	idPlaceholder: 'invite-abc123',
	description: 'An invite to the organization, by ID (invite-…)',
});

export const groupLocator = resourceLocator({
	name: 'groupId',
	displayName: 'Group',
	list: 'list-groups',
	idPlaceholder: 'group_abc123',
	description: 'A group of the organization, by ID (group_…)',
});

export const roleLocator = resourceLocator({
	name: 'roleId',
	displayName: 'Role',
	list: 'list-roles',
	idPlaceholder: 'role_abc123',
	description: 'An organization role, predefined or custom, by ID (role_…)',
});

export const groupUserLocator = resourceLocator({
	name: 'userId',
	displayName: 'User',
	list: 'list-group-users',
	idPlaceholder: 'user-abc123',
	description: 'A member of the group, by user ID (user-…)',
});

export const groupRoleLocator = resourceLocator({
	name: 'roleId',
	displayName: 'Role',
	list: 'list-group-role-assignments',
	idPlaceholder: 'role_abc123',
	description: 'An organization role assigned to the group, by ID (role_…)',
});

export const userRoleLocator = resourceLocator({
	name: 'roleId',
	displayName: 'Role',
	list: 'list-user-role-assignments',
	idPlaceholder: 'role_abc123',
	description: 'An organization role assigned to the user, by ID (role_…)',
});

export const projectGroupLocator = resourceLocator({
	name: 'groupId',
	displayName: 'Group',
	list: 'list-project-groups',
	idPlaceholder: 'group_abc123',
	description: 'A group with access to the project, by ID (group_…)',
});

export const projectRoleLocator = resourceLocator({
	name: 'projectRoleId',
	displayName: 'Project Role',
	list: 'list-project-roles',
	idPlaceholder: 'role_abc123',
	description: 'The project role the group gets in the project, by ID (role_…)',
});

/** A role of the chosen project, to change or to assign. */
export const projectRoleIdLocator = resourceLocator({
	name: 'roleId',
	displayName: 'Role',
	list: 'list-project-roles',
	idPlaceholder: 'role_abc123',
	description: 'A role of the project, predefined or custom, by ID (role_…)',
});

export const projectUserRoleLocator = resourceLocator({
	name: 'roleId',
	displayName: 'Role',
	list: 'list-project-user-role-assignments',
	idPlaceholder: 'role_abc123',
	description: 'A project role assigned to the user, by ID (role_…)',
});

export const projectGroupRoleLocator = resourceLocator({
	name: 'roleId',
	displayName: 'Role',
	list: 'list-project-group-role-assignments',
	idPlaceholder: 'role_abc123',
	description: 'A project role assigned to the group, by ID (role_…)',
});

export const certificateLocator = resourceLocator({
	name: 'certificateId',
	displayName: 'Certificate',
	list: 'listOrganizationCertificates',
	idPlaceholder: 'cert_abc123',
	description: 'A certificate uploaded to the organization, by ID (cert_…)',
});
