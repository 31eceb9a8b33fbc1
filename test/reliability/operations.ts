/**
 * A catalogue of every operation for the bad-input and fuzz suites: parameters filled from the input
 * item by expressions, two distinct valid items per operation, and the bad values of each field.
 */
import type { GenericValue, IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { byId } from '../helpers/runNode';

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

/** The organization every test starts from: three projects, the first with members, accounts, keys, limits. */
export const ORG = { projects: 3, users: 10, usersPerProject: 0, serviceAccountsPerProject: 0, keysPerProject: 0, rateLimitsPerProject: 0 };

export function seed(sandbox: Sandbox) {
	const projects = sandbox.state.projects.filter((project) => !project.is_default);
	const p0 = projects[0];
	sandbox.state.addProjectUsers(p0.id, 4);
	sandbox.state.addServiceAccounts(p0.id, 3);
	sandbox.state.addApiKeys(p0.id, 3);
	sandbox.state.addRateLimits(p0.id, 3);
	const memberIds = new Set(p0.users.map((user) => user.id));
	const outsiders = sandbox.state.organizationUsers.filter((user) => !memberIds.has(user.id));
	return { projects, p0, outsiders };
}
export type World = ReturnType<typeof seed>;

export interface OperationSpec {
	name: string;
	parameters: INodeParameters;
	/** The input item of valid run `i` (0 or 1): two distinct, valid targets (lists: Limit 1, one output). */
	valid(world: World, i: number): IDataObject;
	/** Requests one valid item makes. */
	requests: number;
	/** Every request any run of this operation may make. */
	route: RegExp;
	/** [field as named in the error, key of the input item, bad values]. */
	fields: Array<[string, string, GenericValue[]]>;
}

const expr = (key: string) => `={{ $json[${JSON.stringify(key)}] }}`;
const PROJECT: [string, string, GenericValue[]] = ['Project', 'projectId', ID_BAD];
const LIMIT: [string, string, GenericValue[]] = ['Limit', 'limit', LIMIT_BAD];
const P = '^/organization/projects/proj_\\w+';

export const OPERATIONS: OperationSpec[] = [
	{
		name: 'project → get',
		parameters: { resource: 'project', operation: 'get', projectId: byId(expr('projectId')) },
		valid: (w, i) => ({ projectId: w.projects[i].id }),
		requests: 1,
		route: new RegExp(`${P}$`),
		fields: [PROJECT],
	},
	{
		name: 'project → getMany',
		parameters: { resource: 'project', operation: 'getMany', returnAll: false, limit: expr('limit') },
		valid: () => ({ limit: 1 }),
		requests: 1,
		route: /^\/organization\/projects$/,
		fields: [LIMIT],
	},
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
		name: 'project → archive',
		parameters: { resource: 'project', operation: 'archive', projectId: byId(expr('projectId')) },
		valid: (w, i) => ({ projectId: w.projects[i].id }),
		requests: 1,
		route: new RegExp(`${P}/archive$`),
		fields: [PROJECT],
	},
	{
		name: 'projectApiKey → get',
		parameters: { resource: 'projectApiKey', operation: 'get', projectId: byId(expr('projectId')), apiKeyId: byId(expr('apiKeyId')) },
		valid: (w, i) => ({ projectId: w.p0.id, apiKeyId: w.p0.apiKeys[i].id }),
		requests: 1,
		route: new RegExp(`${P}/api_keys/key_\\w+$`),
		fields: [PROJECT, ['API Key', 'apiKeyId', ID_BAD]],
	},
	{
		name: 'projectApiKey → delete',
		parameters: { resource: 'projectApiKey', operation: 'delete', projectId: byId(expr('projectId')), apiKeyId: byId(expr('apiKeyId')) },
		valid: (w, i) => ({ projectId: w.p0.id, apiKeyId: w.p0.apiKeys[i].id }),
		requests: 1,
		route: new RegExp(`${P}/api_keys/key_\\w+$`),
		fields: [PROJECT, ['API Key', 'apiKeyId', ID_BAD]],
	},
	{
		name: 'projectApiKey → getMany',
		parameters: {
			resource: 'projectApiKey',
			operation: 'getMany',
			projectId: byId(expr('projectId')),
			returnAll: false,
			limit: expr('limit'),
			filters: { owner_project_access: expr('access') },
		},
		valid: (w) => ({ projectId: w.p0.id, limit: 1, access: 'any' }),
		requests: 1,
		route: new RegExp(`${P}/api_keys$`),
		fields: [PROJECT, LIMIT, ['Owner Project Access', 'access', ['everyone', 'ANY', '']]],
	},
	{
		name: 'projectRateLimit → getMany',
		parameters: { resource: 'projectRateLimit', operation: 'getMany', projectId: byId(expr('projectId')), returnAll: false, limit: expr('limit') },
		valid: (w) => ({ projectId: w.p0.id, limit: 1 }),
		requests: 1,
		route: new RegExp(`${P}/rate_limits$`),
		fields: [PROJECT, LIMIT],
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
		name: 'projectServiceAccount → create',
		parameters: { resource: 'projectServiceAccount', operation: 'create', projectId: byId(expr('projectId')), name: expr('name') },
		valid: (w, i) => ({ projectId: w.p0.id, name: `svc ${i}` }),
		requests: 1,
		route: new RegExp(`${P}/service_accounts$`),
		fields: [PROJECT, ['Name', 'name', NAME_BAD]],
	},
	...(['get', 'delete'] as const).map(
		(operation): OperationSpec => ({
			name: `projectServiceAccount → ${operation}`,
			parameters: {
				resource: 'projectServiceAccount',
				operation,
				projectId: byId(expr('projectId')),
				serviceAccountId: byId(expr('serviceAccountId')),
			},
			valid: (w, i) => ({ projectId: w.p0.id, serviceAccountId: w.p0.serviceAccounts[i].id }),
			requests: 1,
			route: new RegExp(`${P}/service_accounts/svc_acct_\\w+$`),
			fields: [PROJECT, ['Service Account', 'serviceAccountId', ID_BAD]],
		}),
	),
	{
		name: 'projectServiceAccount → getMany',
		parameters: { resource: 'projectServiceAccount', operation: 'getMany', projectId: byId(expr('projectId')), returnAll: false, limit: expr('limit') },
		valid: (w) => ({ projectId: w.p0.id, limit: 1 }),
		requests: 1,
		route: new RegExp(`${P}/service_accounts$`),
		fields: [PROJECT, LIMIT],
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
	...(['get', 'remove'] as const).map(
		(operation): OperationSpec => ({
			name: `projectUser → ${operation}`,
			parameters: { resource: 'projectUser', operation, projectId: byId(expr('projectId')), userId: byId(expr('userId')) },
			// users[0] is the project's owner; leave them be.
			valid: (w, i) => ({ projectId: w.p0.id, userId: w.p0.users[i + 1].id }),
			requests: 1,
			route: new RegExp(`${P}/users/user-\\w+$`),
			fields: [PROJECT, ['User', 'userId', ID_BAD]],
		}),
	),
	{
		name: 'projectUser → getMany',
		parameters: { resource: 'projectUser', operation: 'getMany', projectId: byId(expr('projectId')), returnAll: false, limit: expr('limit') },
		valid: (w) => ({ projectId: w.p0.id, limit: 1 }),
		requests: 1,
		route: new RegExp(`${P}/users$`),
		fields: [PROJECT, LIMIT],
	},
	{
		name: 'projectUser → update',
		parameters: { resource: 'projectUser', operation: 'update', projectId: byId(expr('projectId')), userId: byId(expr('userId')), role: expr('role') },
		valid: (w, i) => ({ projectId: w.p0.id, userId: w.p0.users[i + 1].id, role: 'owner' }),
		requests: 1,
		route: new RegExp(`${P}/users/user-\\w+$`),
		fields: [PROJECT, ['User', 'userId', ID_BAD], ['Role', 'role', ROLE_BAD]],
	},
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const namesFieldAndItem = (field: string, item: number) => new RegExp(`^${escape(field)}: .+ \\[item ${item}\\]$`);

