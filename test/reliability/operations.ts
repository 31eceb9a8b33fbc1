/**
 * A catalogue of every operation for the bad-input and fuzz suites: parameters filled from the input
 * item by expressions, two distinct valid items per operation, and the bad values of each field.
 * The registry's plain operations are derived from their declarations; those with rules of their
 * own are written out below.
 */
import type { GenericValue, IDataObject, INodeParameters } from 'n8n-workflow';

import type { RegistryEntry } from '../../nodes/OpenAiAdmin/actions/registry';
import { registry } from '../../nodes/OpenAiAdmin/actions/registry';
import type { Sandbox } from '../../sandbox';
import { addSpendAlerts, setSpendLimit } from '../../sandbox/resources/spend';
import { byId } from '../helpers/runNode';
import { seedPeople } from '../helpers/people';

export const ID_BAD: GenericValue[] = [
	'',
	'   ',
	' proj_x ',
	'a/b',
	'..',
	'../users',
	'.',
	'x?limit=1',
	'x#frag',
	'%2e%2e',
	'a%2Fb',
	'a..b',
	'proj x',
	'prøj',
];
export const LIMIT_BAD: GenericValue[] = [0, 101, 1.5, -1];
export const NAME_BAD: GenericValue[] = ['', '   '];
export const ROLE_BAD: GenericValue[] = ['admin', 'OWNER', 'none', ''];
export const EMAIL_BAD: GenericValue[] = ['not-an-email', 'a@b', 'a b@c.de', '@c.de', ''];
export const COUNT_BAD: GenericValue[] = [-1, 1.5, -0.5];
export const DAYS_BAD: GenericValue[] = [0, -1, 2.5, '90'];
export const CONCURRENCY_BAD: GenericValue[] = [0, 21, 1.5, -2];

/** The organization every test starts from: three projects, the first with members, accounts, keys, limits. */
export const ORG = { projects: 3, users: 10, usersPerProject: 0, serviceAccountsPerProject: 0, keysPerProject: 0, rateLimitsPerProject: 0 };

export function seed(sandbox: Sandbox) {
	const projects = sandbox.state.projects.filter((project) => !project.is_default);
	const p0 = projects[0];
	const alerts = addSpendAlerts(sandbox.state, 3);
	const projectAlerts = addSpendAlerts(sandbox.state, 3, p0);
	// Spend limits answer 404 until set.
	setSpendLimit(sandbox.state, 100000);
	for (const project of projects) setSpendLimit(sandbox.state, 5000, project);
	sandbox.state.addProjectUsers(p0.id, 4);
	sandbox.state.addServiceAccounts(p0.id, 3);
	sandbox.state.addApiKeys(p0.id, 3);
	sandbox.state.addRateLimits(p0.id, 3);
	const memberIds = new Set(p0.users.map((user) => user.id));
	const outsiders = sandbox.state.organizationUsers.filter((user) => !memberIds.has(user.id));
	// Group 0 holds p0's members 1 and 2, has roles 0 and 1, and with group 1 has access to p0; member 1 has roles 0 and 1.
	const people = seedPeople(sandbox, { members: p0.users.slice(1, 3), roleHolder: p0.users[1], project: p0 });
	return { projects, p0, outsiders, alerts, projectAlerts, ...people };
}
export type World = ReturnType<typeof seed>;

export interface OperationSpec {
	name: string;
	parameters: INodeParameters;
	/** The input item of valid run `i` (0 or 1): two distinct, valid targets (lists: Limit 1, one output). */
	valid(world: World, i: number): IDataObject;
	/** Requests one valid item makes. */
	requests: number;
	/** One valid item makes many output items (besides a list's Return All: the key audit). */
	manyOutputs?: boolean;
	/** Every request any run of this operation may make. */
	route: RegExp;
	/** [field as named in the error, key of the input item, bad values]. */
	fields: Array<[string, string, GenericValue[]]>;
}

type Field = [string, string, GenericValue[]];
const expr = (key: string) => `={{ $json[${JSON.stringify(key)}] }}`;
const PROJECT: Field = ['Project', 'projectId', ID_BAD];
const P = '^/organization/projects/proj_\\w+';

/** The seeded target of each locator; run `i` varies the last id of a get or delete. */
const TARGETS: Record<string, (w: World, i: number) => string> = {
	projectId: (w, i) => w.projects[i].id,
	apiKeyId: (w, i) => w.p0.apiKeys[i].id,
	serviceAccountId: (w, i) => w.p0.serviceAccounts[i].id,
	// users[0] is the project's owner; leave them be.
	userId: (w, i) => w.p0.users[i + 1].id,
	rateLimitId: (w, i) => w.p0.rateLimits[i].id,
	spendAlertId: (w, i) => w.alerts[i].id,
	projectSpendAlertId: (w, i) => w.projectAlerts[i].id,
	adminApiKeyId: (w, i) => w.adminKeys[i].id,
	inviteId: (w, i) => w.invites[i].id,
	groupId: (w, i) => w.groups[i].id,
	roleId: (w, i) => w.roles[i].id,
	certificateId: (w, i) => w.certificates[i].id,
};
/** What each path parameter's id looks like in the sandbox. */
const SEGMENTS: Record<string, string> = {
	project_id: 'proj_\\w+',
	api_key_id: 'key_\\w+',
	service_account_id: 'svc_acct_\\w+',
	user_id: 'user-\\w+',
	rate_limit_id: '[\\w.:-]+',
	// Any valid id reaches the route (the sandbox then answers 404 for one it does not know).
	alert_id: '[\\w.:-]+',
	key_id: 'key_\\w+',
	invite_id: 'invite-\\w+',
	group_id: 'group_\\w+',
	role_id: 'role_\\w+',
	certificate_id: 'cert_\\w+',
};
/** Bad values of the choices, by field name. */
const CHOICE_BAD: Record<string, GenericValue[]> = {
	role: ROLE_BAD,
	owner_project_access: ['everyone', 'ANY', ''],
	order: ['up', 'ASC', ''],
	bucket_width: ['1w', '1D', ''],
	output: ['csv', ''],
	batch: ['yes', 1],
	retention_type: ['forever', 'ZERO_DATA_RETENTION', ''],
};

/** A plain operation's cells, from its declaration: its locators, its list controls and its choices. */
function fromRegistry(entry: RegistryEntry): OperationSpec {
	const locators = Object.values(entry.locators);
	const varying = entry.pager ? -1 : locators.length - 1;
	const choices = [...(entry.filters ?? []), ...entry.properties].filter((field) => field.type === 'options');
	const texts = entry.properties.filter((field) => field.type === 'string' && field.required);
	const parameters: INodeParameters = { resource: entry.resource, operation: entry.value };
	for (const text of texts) parameters[text.name] = expr(text.name);
	for (const locator of locators) parameters[locator.name] = byId(expr(locator.name));
	if (entry.pager) Object.assign(parameters, { returnAll: false, limit: expr('limit') });
	// A report: one bucket per item, as an item, so that each valid item gives one output.
	if (entry.buckets) Object.assign(parameters, { returnAll: false, limit: 1 });
	for (const choice of choices) {
		if (entry.filters?.includes(choice)) parameters.filters = { [choice.name]: expr(choice.name) };
		else parameters[choice.name] = expr(choice.name);
	}
	return {
		name: `${entry.resource} → ${entry.value}`,
		parameters,
		valid: (w, i) => ({
			...Object.fromEntries(locators.map((locator, index) => [locator.name, TARGETS[locator.name](w, index === varying ? i : 0)])),
			...(entry.pager ? { limit: 1 } : {}),
			...Object.fromEntries(choices.map((choice) => [choice.name, choice.default])),
			...(entry.buckets ? { output: 'buckets' } : {}),
			...Object.fromEntries(texts.map((text) => [text.name, `${text.displayName} ${i}`])),
		}),
		requests: 1,
		route: new RegExp(`^${entry.path.replace(/\{([^}]+)\}/g, (_match, name: string) => SEGMENTS[name])}$`),
		fields: [
			...locators.map((locator): Field => [locator.displayName, locator.name, ID_BAD]),
			...(entry.pager ? [['Limit', 'limit', [0, entry.pager.maxLimit + 1, 1.5, -1]] as Field] : []),
			...choices.map((choice): Field => [choice.displayName, choice.name, CHOICE_BAD[choice.name]]),
			...texts.map((text): Field => [text.displayName, text.name, NAME_BAD]),
		],
	};
}

const GROUP: Field = ['Group', 'groupId', ID_BAD];
const ROLE: Field = ['Role', 'roleId', ID_BAD];
const CERTIFICATES: Field = ['Certificates', 'certificateIds', [[], ['a/b'], ['..'], ['x?limit=1'], Array.from({ length: 11 }, (_, n) => `cert_${n}`)]];

/** A PEM the sandbox accepts, distinct per `i`. */
const pem = (i: number) => `-----BEGIN CERTIFICATE-----\nMIIB${'A'.repeat(20)}${i}\n-----END CERTIFICATE-----\n`;

/** The certificate toggles: for the organization, or for one project. */
function toggles(): OperationSpec[] {
	return (['activate', 'deactivate'] as const).flatMap((operation) => [
		{
			name: `certificate → ${operation}`,
			parameters: { resource: 'certificate', operation, certificateIds: expr('certificateIds') },
			valid: (w: World, i: number) => ({ certificateIds: [w.certificates[i].id] }),
			requests: 1,
			route: new RegExp(`^/organization/certificates/${operation}$`),
			fields: [CERTIFICATES],
		},
		{
			name: `projectCertificate → ${operation}`,
			parameters: { resource: 'projectCertificate', operation, projectId: byId(expr('projectId')), certificateIds: expr('certificateIds') },
			valid: (w: World, i: number) => ({ projectId: w.p0.id, certificateIds: [w.certificates[i].id] }),
			requests: 1,
			route: new RegExp(`${P}/certificates/${operation}$`),
			fields: [PROJECT, CERTIFICATES],
		},
	]);
}

/** Operations of the people-and-access families with rules of their own. */
function peopleOperations(): OperationSpec[] {
	return [
		{
			name: 'invite → create',
			parameters: { resource: 'invite', operation: 'create', email: expr('email'), role: expr('role'), projectAccess: 'none' },
			valid: (_w, i) => ({ email: `new.person${i}@example.org`, role: 'reader' }),
			requests: 1,
			route: /^\/organization\/invites$/,
			fields: [['Email', 'email', EMAIL_BAD], ['Organization Role', 'role', ['admin', 'member', '']]],
		},
		{
			name: 'adminApiKey → create',
			parameters: { resource: 'adminApiKey', operation: 'create', name: expr('name'), additionalFields: { expires_in_seconds: expr('expires') } },
			valid: (_w, i) => ({ name: `key ${i}`, expires: 3600 }),
			requests: 1,
			route: /^\/organization\/admin_api_keys$/,
			fields: [['Name', 'name', NAME_BAD], ['Expires In (Seconds)', 'expires', [0, 1.5, 31536001, -1]]],
		},
		{
			name: 'projectServiceAccountApiKey → create',
			parameters: {
				resource: 'projectServiceAccountApiKey',
				operation: 'create',
				projectId: byId(expr('projectId')),
				serviceAccountId: byId(expr('serviceAccountId')),
			},
			valid: (w, i) => ({ projectId: w.p0.id, serviceAccountId: w.p0.serviceAccounts[i].id }),
			requests: 1,
			route: new RegExp(`${P}/service_accounts/svc_acct_\\w+/api_keys$`),
			fields: [PROJECT, ['Service Account', 'serviceAccountId', ID_BAD]],
		},
		{
			name: 'groupUser → add',
			parameters: { resource: 'groupUser', operation: 'add', groupId: byId(expr('groupId')), userId: byId(expr('userId')) },
			valid: (w, i) => ({ groupId: w.groups[0].id, userId: w.outsiders[i].id }),
			requests: 1,
			route: /^\/organization\/groups\/group_\w+\/users$/,
			fields: [GROUP, ['User', 'userId', ID_BAD]],
		},
		{
			name: 'groupRole → add',
			parameters: { resource: 'groupRole', operation: 'add', groupId: byId(expr('groupId')), roleId: byId(expr('roleId')) },
			valid: (w, i) => ({ groupId: w.groups[1].id, roleId: w.roles[i].id }),
			requests: 1,
			route: /^\/organization\/groups\/group_\w+\/roles$/,
			fields: [GROUP, ROLE],
		},
		{
			name: 'userRole → add',
			parameters: { resource: 'userRole', operation: 'add', userId: byId(expr('userId')), roleId: byId(expr('roleId')) },
			valid: (w, i) => ({ userId: w.outsiders[0].id, roleId: w.roles[i].id }),
			requests: 1,
			route: /^\/organization\/users\/user-\w+\/roles$/,
			fields: [['User', 'userId', ID_BAD], ROLE],
		},
		{
			name: 'role → create',
			parameters: { resource: 'role', operation: 'create', role_name: expr('name'), permissions: expr('permissions') },
			valid: (_w, i) => ({ name: `Custom ${i}`, permissions: ['api.organization.read'] }),
			requests: 1,
			route: /^\/organization\/roles$/,
			fields: [['Name', 'name', NAME_BAD], ['Permissions', 'permissions', ['', [], [1]]]],
		},
		{
			name: 'role → update',
			parameters: { resource: 'role', operation: 'update', roleId: byId(expr('roleId')), updateFields: { role_name: expr('name') } },
			valid: (w, i) => ({ roleId: w.roles[i].id, name: `Renamed ${i}` }),
			requests: 1,
			route: /^\/organization\/roles\/role_\w+$/,
			fields: [ROLE, ['Update Fields', 'name', ['']]],
		},
		{
			name: 'role → update (permissions)',
			parameters: { resource: 'role', operation: 'update', roleId: byId(expr('roleId')), updateFields: { permissions: expr('permissions') } },
			valid: (w, i) => ({ roleId: w.roles[i].id, permissions: ['api.organization.read'] }),
			requests: 1,
			route: /^\/organization\/roles\/role_\w+$/,
			// An empty list would take every permission from the role: refused unless asked for.
			fields: [['Permissions', 'permissions', ['', [1], ' , ', []]]],
		},
		{
			name: 'projectGroup → add',
			parameters: {
				resource: 'projectGroup',
				operation: 'add',
				projectId: byId(expr('projectId')),
				groupId: byId(expr('groupId')),
				projectRoleId: byId(expr('projectRoleId')),
			},
			valid: (w, i) => ({ projectId: w.projects[1].id, groupId: w.groups[i].id, projectRoleId: 'role_proj_member' }),
			requests: 1,
			route: new RegExp(`${P}/groups$`),
			fields: [PROJECT, GROUP, ['Project Role', 'projectRoleId', ID_BAD]],
		},
		{
			name: 'certificate → upload',
			parameters: { resource: 'certificate', operation: 'upload', source: 'text', certificate: expr('certificate') },
			valid: (_w, i) => ({ certificate: pem(i) }),
			requests: 1,
			route: /^\/organization\/certificates$/,
			fields: [['Certificate', 'certificate', NAME_BAD]],
		},
		...toggles(),
	];
}

/** Operations written out below: their fields have rules of their own, or optional fields to fill. */
const WRITTEN_OUT = new Set([
	'project → create',
	'project → update',
	'projectRateLimit → update',
	'projectServiceAccount → create',
	'projectServiceAccount → update',
	'adminApiKey → create',
	'projectServiceAccountApiKey → create',
]);

export const OPERATIONS: OperationSpec[] = [
	...registry.filter((entry) => entry.plain && !WRITTEN_OUT.has(`${entry.resource} → ${entry.value}`)).map(fromRegistry),
	{
		name: 'project → create',
		parameters: { resource: 'project', operation: 'create', name: expr('name') },
		valid: (_w, i) => ({ name: `New ${i}` }),
		requests: 1,
		route: /^\/organization\/projects$/,
		fields: [['Name', 'name', NAME_BAD]],
	},
	{
		name: 'project → update',
		parameters: { resource: 'project', operation: 'update', projectId: byId(expr('projectId')), updateFields: { name: expr('name') } },
		valid: (w, i) => ({ projectId: w.projects[i].id, name: `Renamed ${i}` }),
		requests: 1,
		route: new RegExp(`${P}$`),
		fields: [PROJECT, ['Update Fields', 'name', ['']]],
	},
	{
		name: 'projectRateLimit → update',
		parameters: {
			resource: 'projectRateLimit',
			operation: 'update',
			projectId: byId(expr('projectId')),
			rateLimitId: byId(expr('rateLimitId')),
			updateFields: { max_requests_per_1_minute: expr('rpm'), max_tokens_per_1_minute: expr('tpm') },
		},
		valid: (w, i) => ({ projectId: w.p0.id, rateLimitId: w.p0.rateLimits[i].id, rpm: 100, tpm: 1000 }),
		requests: 1,
		route: new RegExp(`${P}/rate_limits/[\\w.:-]+$`),
		fields: [
			PROJECT,
			['Rate Limit', 'rateLimitId', ID_BAD],
			['Max Requests Per Minute', 'rpm', COUNT_BAD],
			['Max Tokens Per Minute', 'tpm', COUNT_BAD],
		],
	},
	{
		name: 'projectApiKey → auditAllProjects',
		parameters: {
			resource: 'projectApiKey',
			operation: 'auditAllProjects',
			unusedDays: expr('unusedDays'),
			olderThanDays: expr('olderThanDays'),
			concurrency: expr('concurrency'),
			filters: { projectIds: expr('projectIds') },
		},
		valid: (_w, i) => ({ unusedDays: 90 + i, olderThanDays: 0, concurrency: 1 + i, projectIds: '' }),
		// The project list, the key list of each of the four projects (the Default one too), the users.
		requests: 6,
		manyOutputs: true,
		route: new RegExp(`^/organization/(projects(/proj_\\w+/api_keys)?|users)$`),
		fields: [
			['Unused For More Than (Days)', 'unusedDays', DAYS_BAD],
			['Older Than (Days)', 'olderThanDays', [-1, 1.5, 'x']],
			['Concurrency', 'concurrency', CONCURRENCY_BAD],
			// Spaces and commas separate the IDs, so an ID is bad only for what is between them.
			['Project Names or IDs', 'projectIds', ['a/b', '..', '../users', 'x?limit=1', 'x#frag', '%2e%2e', 'a..b', 'prøj', 'proj_ok, a/b', 42]],
		],
	},
	{
		name: 'projectServiceAccount → create',
		parameters: { resource: 'projectServiceAccount', operation: 'create', projectId: byId(expr('projectId')), name: expr('name') },
		valid: (w, i) => ({ projectId: w.p0.id, name: `svc ${i}` }),
		requests: 1,
		route: new RegExp(`${P}/service_accounts$`),
		fields: [PROJECT, ['Name', 'name', NAME_BAD]],
	},
	{
		name: 'projectServiceAccount → update',
		parameters: {
			resource: 'projectServiceAccount',
			operation: 'update',
			projectId: byId(expr('projectId')),
			serviceAccountId: byId(expr('serviceAccountId')),
			updateFields: { role: expr('role') },
		},
		valid: (w, i) => ({ projectId: w.p0.id, serviceAccountId: w.p0.serviceAccounts[i].id, role: 'owner' }),
		requests: 1,
		route: new RegExp(`${P}/service_accounts/svc_acct_\\w+$`),
		fields: [PROJECT, ['Service Account', 'serviceAccountId', ID_BAD], ['Role', 'role', ROLE_BAD]],
	},
	{
		name: 'projectUser → add (by email)',
		parameters: {
			resource: 'projectUser',
			operation: 'add',
			projectId: byId(expr('projectId')),
			identifyBy: 'email',
			email: expr('email'),
			role: expr('role'),
		},
		valid: (w, i) => ({ projectId: w.p0.id, email: w.outsiders[i].email, role: 'member' }),
		requests: 1,
		route: new RegExp(`${P}/users$`),
		fields: [PROJECT, ['Email', 'email', EMAIL_BAD], ['Role', 'role', ROLE_BAD]],
	},
	...[
		['spendAlert', '/organization/spend_alerts', '^/organization/spend_alerts'],
		['projectSpendAlert', '/organization/projects/{project_id}/spend_alerts', `${P}/spend_alerts`],
	].flatMap(([resource, , route]): OperationSpec[] => {
		const inProject = resource === 'projectSpendAlert';
		const alertParameter = inProject ? 'projectSpendAlertId' : 'spendAlertId';
		const common: INodeParameters = {
			resource,
			threshold_amount: expr('amount'),
			currency: 'USD',
			interval: 'month',
			recipients: expr('recipients'),
			...(inProject ? { projectId: byId(expr('projectId')) } : {}),
		};
		const fields: Field[] = [
			...(inProject ? [PROJECT] : []),
			['Threshold Amount (Cents)', 'amount', COUNT_BAD],
			['Recipients', 'recipients', ['', 'not-an-email', 'a@b.co, nope']],
		];
		const valid = (w: World, i: number): IDataObject => ({ projectId: w.p0.id, amount: 1000 * (i + 1), recipients: `finance${i}@example.com` });
		return [
			{ name: `${resource} → create`, parameters: { ...common, operation: 'create' }, valid, requests: 1, route: new RegExp(`${route}$`), fields },
			{
				name: `${resource} → update`,
				parameters: { ...common, operation: 'update', [alertParameter]: byId(expr('alertId')) },
				valid: (w, i) => ({ ...valid(w, i), alertId: (inProject ? w.projectAlerts : w.alerts)[i].id }),
				requests: 1,
				route: new RegExp(`${route}/[\\w.:-]+$`),
				fields: [...fields, ['Spend Alert', 'alertId', ID_BAD]],
			},
		];
	}),
	...['spendLimit', 'projectSpendLimit'].map((resource): OperationSpec => {
		const inProject = resource === 'projectSpendLimit';
		return {
			name: `${resource} → set`,
			parameters: { resource, operation: 'set', threshold_amount: expr('amount'), currency: 'USD', interval: 'month', ...(inProject ? { projectId: byId(expr('projectId')) } : {}) },
			valid: (w, i) => ({ projectId: w.projects[i].id, amount: 100 * (i + 1) }),
			requests: 1,
			route: inProject ? new RegExp(`${P}/spend_limit$`) : /^\/organization\/spend_limit$/,
			fields: [...(inProject ? [PROJECT] : []), ['Threshold Amount (Cents)', 'amount', [0, ...COUNT_BAD]]],
		};
	}),
	{
		name: 'projectModelPermissions → update',
		parameters: { resource: 'projectModelPermissions', operation: 'update', projectId: byId(expr('projectId')), mode: expr('mode'), model_ids: expr('models') },
		valid: (w, i) => ({ projectId: w.projects[i].id, mode: 'allow_list', models: 'gpt-4o, gpt-4o-mini' }),
		requests: 1,
		route: new RegExp(`${P}/model_permissions$`),
		// An empty allow list would shut the project out of every model: refused unless asked for.
		fields: [PROJECT, ['Mode', 'mode', ['allow', 'ALLOW_LIST', '']], ['Model IDs', 'models', ['gpt 4o', '', ' , ', []]]],
	},
	{
		name: 'projectHostedToolPermissions → update',
		parameters: { resource: 'projectHostedToolPermissions', operation: 'update', projectId: byId(expr('projectId')), updateFields: { web_search: expr('webSearch') } },
		valid: (w, i) => ({ projectId: w.projects[i].id, webSearch: i === 0 }),
		requests: 1,
		route: new RegExp(`${P}/hosted_tool_permissions$`),
		fields: [PROJECT, ['Web Search', 'webSearch', ['yes', 1]]],
	},
	{
		name: 'projectUser → add (by user)',
		parameters: {
			resource: 'projectUser',
			operation: 'add',
			projectId: byId(expr('projectId')),
			identifyBy: 'user',
			userId: byId(expr('userId')),
			role: 'owner',
		},
		valid: (w, i) => ({ projectId: w.p0.id, userId: w.outsiders[i].id }),
		requests: 1,
		route: new RegExp(`${P}/users$`),
		fields: [PROJECT, ['User', 'userId', ID_BAD]],
	},
	...peopleOperations(),
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const namesFieldAndItem = (field: string, item: number) => new RegExp(`^${escape(field)}: .+ \\[item ${item}\\]$`);


