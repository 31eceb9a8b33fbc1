import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { nextPager } from '../../transport/pagination';
import { PROJECT_ROLES } from './enums';

/** Characters OpenAI ids are made of (`proj_…`, `user-…`, `svc_acct_…`, `key_…`, `rl-gpt-4o`). */
export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.:-]*$';

interface LocatorOptions {
	name: string;
	displayName: string;
	/** The `listSearch` method that fills "From List". */
	searchMethod: string;
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
				typeOptions: { searchListMethod: options.searchMethod, searchable: true },
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
	searchMethod: 'searchProjects',
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

export const projectUserLocator = resourceLocator({
	name: 'userId',
	displayName: 'User',
	searchMethod: 'searchProjectUsers',
	idPlaceholder: 'user-abc123',
	description: 'A member of the project, by user ID (user-…)',
});

export const organizationUserLocator = resourceLocator({
	name: 'userId',
	displayName: 'User',
	searchMethod: 'searchOrganizationUsers',
	idPlaceholder: 'user-abc123',
	description:
		'A member of the organization, by user ID (user-…); only organization members can be added to a project',
});

export const serviceAccountLocator = resourceLocator({
	name: 'serviceAccountId',
	displayName: 'Service Account',
	searchMethod: 'searchServiceAccounts',
	idPlaceholder: 'svc_acct_abc123',
	description: 'A service account of the project, by ID (svc_acct_…)',
});

export const apiKeyLocator = resourceLocator({
	name: 'apiKeyId',
	displayName: 'API Key',
	searchMethod: 'searchApiKeys',
	idPlaceholder: 'key_abc123',
	description: 'An API key of the project, by key ID (key_…), not by the secret key itself',
});

export const rateLimitLocator = resourceLocator({
	name: 'rateLimitId',
	displayName: 'Rate Limit',
	searchMethod: 'searchRateLimits',
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

export const roleOptions = PROJECT_ROLES.map((value) => ({ name: capitalized(value), value }));

export function projectRoleField(description: string): INodeProperties {
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

/** `external_key_id`, accepted by both project create and project update. */
export const externalKeyIdField: INodeProperties = {
	displayName: 'External Key ID',
	name: 'external_key_id',
	type: 'string',
	default: '',
	description: 'External (customer-managed encryption) key ID to associate with the project',
};

export const spendAlertLocator = resourceLocator({
	name: 'spendAlertId',
	displayName: 'Spend Alert',
	searchMethod: 'searchSpendAlerts',
	idPlaceholder: 'alert_abc123',
	description: 'A spend alert of the organization, by ID (alert_…)',
});

export const projectSpendAlertLocator = resourceLocator({
	name: 'projectSpendAlertId',
	displayName: 'Spend Alert',
	searchMethod: 'searchProjectSpendAlerts',
	idPlaceholder: 'alert_abc123',
	description: 'A spend alert of the project, by ID (alert_…)',
});

export const adminApiKeyLocator = resourceLocator({
	name: 'adminApiKeyId',
	displayName: 'Admin API Key',
	searchMethod: 'searchAdminApiKeys',
	idPlaceholder: 'key_abc123',
	description: 'An admin API key of the organization, by key ID (key_…), not by the secret key itself',
});

export const inviteLocator = resourceLocator({
	name: 'inviteId',
	displayName: 'Invite',
	searchMethod: 'searchInvites',
	idPlaceholder: 'invite-abc123',
	description: 'An invite to the organization, by ID (invite-…)',
});

export const groupLocator = resourceLocator({
	name: 'groupId',
	displayName: 'Group',
	searchMethod: 'searchGroups',
	idPlaceholder: 'group_abc123',
	description: 'A group of the organization, by ID (group_…)',
});

export const roleLocator = resourceLocator({
	name: 'roleId',
	displayName: 'Role',
	searchMethod: 'searchRoles',
	idPlaceholder: 'role_abc123',
	description: 'An organization role, predefined or custom, by ID (role_…)',
});

export const groupUserLocator = resourceLocator({
	name: 'userId',
	displayName: 'User',
	searchMethod: 'searchGroupUsers',
	idPlaceholder: 'user-abc123',
	description: 'A member of the group, by user ID (user-…)',
});

export const groupRoleLocator = resourceLocator({
	name: 'roleId',
	displayName: 'Role',
	searchMethod: 'searchGroupRoles',
	idPlaceholder: 'role_abc123',
	description: 'An organization role assigned to the group, by ID (role_…)',
});

export const userRoleLocator = resourceLocator({
	name: 'roleId',
	displayName: 'Role',
	searchMethod: 'searchUserRoles',
	idPlaceholder: 'role_abc123',
	description: 'An organization role assigned to the user, by ID (role_…)',
});

export const projectGroupLocator = resourceLocator({
	name: 'groupId',
	displayName: 'Group',
	searchMethod: 'searchProjectGroups',
	idPlaceholder: 'group_abc123',
	description: 'A group with access to the project, by ID (group_…)',
});

export const projectRoleLocator = resourceLocator({
	name: 'projectRoleId',
	displayName: 'Project Role',
	searchMethod: 'searchProjectRoles',
	idPlaceholder: 'role_abc123',
	description: 'The project role the group gets in the project, by ID (role_…)',
});

export const certificateLocator = resourceLocator({
	name: 'certificateId',
	displayName: 'Certificate',
	searchMethod: 'searchCertificates',
	idPlaceholder: 'cert_abc123',
	description: 'A certificate uploaded to the organization, by ID (cert_…)',
});

/** `order` of the lists that take one: by creation time. */
export function orderFilter(defaultOrder: 'asc' | 'desc'): INodeProperties {
	return {
		displayName: 'Order',
		name: 'order',
		type: 'options',
		options: [
			{ name: 'Ascending (Oldest First)', value: 'asc' },
			{ name: 'Descending (Newest First)', value: 'desc' },
		],
		default: defaultOrder,
		description: 'The order of the results, by creation time',
	};
}

/** Groups, roles and their members are listed in pages of up to 1000, with a `next` cursor. */
export const thousandPager = nextPager(1000);
