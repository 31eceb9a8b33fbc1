/**
 * The sandbox checked against test/fixtures/contract.json (derived from the OpenAPI spec by
 * scripts/derive-spec.ts): every route exists in the spec and vice versa, every success and error
 * body matches the spec's schema with no extra fields, every listed parameter is honoured, and request
 * bodies are validated the way the spec describes them.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { SPEC_OPERATIONS } from '../../nodes/shared/spec';
import type { SpecOperation } from '../../nodes/shared/specTypes';
import { startSandbox, routes, type Sandbox } from '../../sandbox';
import { addSpendAlerts } from '../../sandbox/resources/spend';
import { DEFAULT_EPOCH } from '../../sandbox/state';
import { DAY, USAGE_KINDS } from '../../sandbox/usage';
import { deriveContract, renderContract, type Contract, type ContractSchema } from '../../scripts/derive-spec';
import contractJson from '../fixtures/contract.json';
import { validate } from './contract-validator';
import { readSpecText } from '../helpers/spec';
import { client } from './helpers';
import { seedPeople } from '../helpers/people';
import { groupUsers, projectGroupRoles, projectGroups } from '../../sandbox/resources/groups';
import { projectUserRoles } from '../../sandbox/resources/project-users';
import { groupRoles, userRoles } from '../../sandbox/resources/roles';

const contract = contractJson as unknown as Contract;
const opKeys = Object.keys(contract.operations);

/** The served operations the operation table says something of, as the contract keys them (`METHOD /path`). */
function servedWhere(test: (operation: SpecOperation) => boolean): string[] {
	const table: Record<string, SpecOperation> = SPEC_OPERATIONS;
	return routes.filter((r) => test(table[r.operationId])).map((r) => `${r.method} ${r.path}`).sort();
}

function expectValid(schema: ContractSchema | null | undefined, body: unknown, label: string) {
	expect(schema).toBeTruthy();
	const errors = validate(contract, schema!, body, { noExtraProperties: true });
	if (errors.length) throw new Error(`${label}: ${errors.join('; ')}\n${JSON.stringify(body).slice(0, 500)}`);
}

/** Resolves a top-level $ref. */
function resolve(schema: ContractSchema): Record<string, any> {
	const s = schema as Record<string, any>;
	return s.$ref ? resolve(contract.schemas[s.$ref]) : s;
}

describe('contract fixture', () => {
	it('is what scripts/derive-spec.ts derives from the spec', () => {
		const fresh = renderContract(deriveContract(readSpecText()));
		expect(fresh).toBe(fs.readFileSync(`${__dirname}/../fixtures/contract.json`, 'utf8'));
	});

	it('covers exactly the sandbox routes, each under the operationId it is bound to', () => {
		const bound = Object.fromEntries(routes.map((r) => [`${r.method} ${r.path}`, r.operationId]));
		expect(Object.fromEntries(opKeys.map((key) => [key, contract.operations[key].operationId]))).toEqual(bound);
	});

	it('the sandbox serves every operation of the spec', () => {
		const served = new Set(routes.map((r) => r.operationId));
		const operations = Object.keys(SPEC_OPERATIONS);
		expect(operations.filter((id) => !served.has(id as keyof typeof SPEC_OPERATIONS))).toEqual([]);
		expect(served.size).toBe(operations.length);
	});

	it('holds structure only, no prose', () => {
		const text = JSON.stringify(contract);
		// A description is prose when it is a string; AuditLog payloads have a property named description.
		expect(text).not.toMatch(/"description":"|"example"|x-oaiMeta|x-stainless/);
	});

	it('the validator catches missing fields, wrong types, enums and extra fields', () => {
		const project = { id: 'proj_1', object: 'organization.project', name: 'x', created_at: 1, archived_at: null, status: 'active' };
		const schema = { $ref: 'Project' } as ContractSchema;
		expect(validate(contract, schema, project, { noExtraProperties: true })).toEqual([]);
		expect(validate(contract, schema, { ...project, id: undefined })).toEqual(["$: missing required property 'id'"]);
		expect(validate(contract, schema, { ...project, created_at: '1' })[0]).toMatch(/created_at: expected integer/);
		expect(validate(contract, schema, { ...project, object: 'project' })[0]).toMatch(/not in enum/);
		expect(validate(contract, schema, { ...project, residency: 'MARS' })[0]).toMatch(/residency/);
		expect(validate(contract, schema, { ...project, extra: 1 }, { noExtraProperties: true })[0]).toMatch(/extra/);
		expect(validate(contract, { $ref: 'ProjectListResponse' } as ContractSchema, { object: 'list', data: [{}], has_more: false }).length).toBeGreaterThan(0);
	});
});

type Call = ReturnType<typeof client>;
interface World {
	sb: Sandbox;
	call: Call;
	p: string;
	people: ReturnType<typeof seedPeople>;
}

const WINDOW = { start_time: DEFAULT_EPOCH - 14 * DAY, end_time: DEFAULT_EPOCH };

/** Each usage endpoint and costs: ungrouped, grouped by every field it offers, and one bucket a page. */
function usageScenarios(): Record<string, (w: World) => Promise<unknown[]>> {
	const paths = [...USAGE_KINDS.map((kind) => `/organization/usage/${kind}`), '/organization/costs'];
	return Object.fromEntries(
		paths.map((path) => [
			`GET ${path}`,
			async ({ call }: World) => {
				const groupBy = (contract.operations[`GET ${path}`].parameters.find((p) => p.name === 'group_by')!.schema as any).items.enum as string[];
				return [
					(await call('GET', path, { query: { ...WINDOW, limit: 14 } })).body,
					(await call('GET', path, { query: { ...WINDOW, limit: 14, group_by: groupBy } })).body,
					(await call('GET', path, { query: { ...WINDOW, limit: 1 } })).body,
				];
			},
		]),
	);
}

const ALERT = { threshold_amount: 5000, currency: 'USD', interval: 'month', notification_channel: { type: 'email', recipients: ['a@example.com'], subject_prefix: '[spend]' } };
const LIMIT = { threshold_amount: 100000, currency: 'USD', interval: 'month' };

/** Spend alerts and limits, data retention, model and hosted tool permissions: read, change, read back. */
function spendScenarios(): Record<string, (w: World) => Promise<unknown[]>> {
	const alertsOf = (w: World, path: string) => (path.includes('{project_id}') ? addSpendAlerts(w.sb.state, 2, w.sb.state.findProject(w.p)) : addSpendAlerts(w.sb.state, 2));
	const scenarios: Record<string, (w: World) => Promise<unknown[]>> = {};
	for (const base of ['/organization/spend_alerts', '/organization/projects/{project_id}/spend_alerts']) {
		const at = (w: World) => base.replace('{project_id}', w.p);
		scenarios[`GET ${base}`] = async (w) => (alertsOf(w, base), [(await w.call('GET', at(w), { query: { order: 'desc' } })).body]);
		scenarios[`POST ${base}`] = async (w) => [(await w.call('POST', at(w), { body: ALERT })).body];
		scenarios[`GET ${base}/{alert_id}`] = async (w) => [(await w.call('GET', `${at(w)}/${alertsOf(w, base)[0].id}`)).body];
		scenarios[`POST ${base}/{alert_id}`] = async (w) => [(await w.call('POST', `${at(w)}/${alertsOf(w, base)[0].id}`, { body: { ...ALERT, threshold_amount: 0 } })).body];
		scenarios[`DELETE ${base}/{alert_id}`] = async (w) => [(await w.call('DELETE', `${at(w)}/${alertsOf(w, base)[0].id}`)).body];
	}
	for (const path of ['/organization/spend_limit', '/organization/projects/{project_id}/spend_limit']) {
		const at = (w: World) => path.replace('{project_id}', w.p);
		scenarios[`GET ${path}`] = async (w) => (await w.call('POST', at(w), { body: LIMIT }), [(await w.call('GET', at(w))).body]);
		scenarios[`POST ${path}`] = async (w) => [(await w.call('POST', at(w), { body: LIMIT })).body];
		scenarios[`DELETE ${path}`] = async (w) => [(await w.call('DELETE', at(w))).body, (await w.call('DELETE', at(w))).body];
	}
	const settings: Array<[string, unknown]> = [
		['/organization/data_retention', { retention_type: 'zero_data_retention' }],
		['/organization/projects/{project_id}/data_retention', { retention_type: 'none' }],
		['/organization/projects/{project_id}/model_permissions', { mode: 'allow_list', model_ids: ['gpt-4o'] }],
		['/organization/projects/{project_id}/hosted_tool_permissions', { web_search: { enabled: false }, mcp: null }],
	];
	for (const [path, body] of settings) {
		const at = (w: World) => path.replace('{project_id}', w.p);
		scenarios[`GET ${path}`] = async (w) => [(await w.call('GET', at(w))).body, (await w.call('POST', at(w), { body }), (await w.call('GET', at(w))).body)];
		scenarios[`POST ${path}`] = async (w) => [(await w.call('POST', at(w), { body })).body];
	}
	scenarios['DELETE /organization/projects/{project_id}/model_permissions'] = async (w) => [
		(await w.call('DELETE', `/organization/projects/${w.p}/model_permissions`)).body,
	];
	return scenarios;
}
/** A project's roles, and the project roles of its members and of its groups (world(): project roles 0 and 1 held by member 0 and group 0). */
function projectRoleScenarios(): Record<string, (w: World) => Promise<unknown[]>> {
	const roles = (w: World) => `/projects/${w.p}/roles`;
	const scenarios: Record<string, (w: World) => Promise<unknown[]>> = {
		'GET /projects/{project_id}/roles': async (w) => [(await w.call('GET', roles(w))).body, (await w.call('GET', roles(w), { query: { limit: 1, order: 'desc' } })).body],
		'POST /projects/{project_id}/roles': async (w) => [
			(await w.call('POST', roles(w), { body: { role_name: 'Key Manager', permissions: ['api.organization.projects.api_keys.read'] } })).body,
			(await w.call('POST', roles(w), { body: { role_name: 'Described', permissions: [], description: 'd' } })).body,
		],
		'GET /projects/{project_id}/roles/{role_id}': async (w) => [
			(await w.call('GET', `${roles(w)}/${w.people.projectRoles[0].id}`)).body,
			(await w.call('GET', `${roles(w)}/role_proj_owner`)).body,
		],
		'POST /projects/{project_id}/roles/{role_id}': async (w) => [
			(await w.call('POST', `${roles(w)}/${w.people.projectRoles[0].id}`, { body: { role_name: 'Renamed', permissions: ['a'], description: null } })).body,
		],
		'DELETE /projects/{project_id}/roles/{role_id}': async (w) => [(await w.call('DELETE', `${roles(w)}/${w.people.projectRoles[0].id}`)).body],
	};
	const holders: Array<[path: string, id: (w: World, n: number) => string]> = [
		['users/{user_id}', (w, n) => w.sb.state.findProject(w.p)!.users[n].id],
		['groups/{group_id}', (w, n) => w.people.groups[n].id],
	];
	for (const [holder, id] of holders) {
		const base = `/projects/{project_id}/${holder}/roles`;
		const at = (w: World, n: number) => `/projects/${w.p}/${holder.split('/')[0]}/${id(w, n)}/roles`;
		const held = (w: World) => `${at(w, 0)}/${w.people.projectRoles[0].id}`;
		scenarios[`GET ${base}`] = async (w) => [(await w.call('GET', at(w, 0))).body];
		scenarios[`POST ${base}`] = async (w) => [
			(await w.call('POST', at(w, 1), { body: { role_id: w.people.projectRoles[2].id } })).body,
			(await w.call('POST', at(w, 1), { body: { role_id: 'role_proj_owner' } })).body,
		];
		scenarios[`GET ${base}/{role_id}`] = async (w) => [(await w.call('GET', held(w))).body];
		scenarios[`DELETE ${base}/{role_id}`] = async (w) => [(await w.call('DELETE', held(w))).body];
	}
	return scenarios;
}

const PEM = (n: number) => `-----BEGIN CERTIFICATE-----\nMIIBscenario${n}\n-----END CERTIFICATE-----\n`;

/** For each operation: requests that succeed; every answer must match the operation's 200 schema. */
const SCENARIOS: Record<string, (w: World) => Promise<unknown[]>> = {
	'GET /organization/projects': async ({ call }) => [
		(await call('GET', '/organization/projects', { query: { include_archived: true } })).body,
		(await call('GET', '/organization/projects', { query: { limit: 1 } })).body,
	],
	'POST /organization/projects': async ({ call }) => [
		(await call('POST', '/organization/projects', { body: { name: 'n' } })).body,
		(await call('POST', '/organization/projects', { body: { name: 'eu', residency: 'EU_STORAGE_PROCESSING', external_key_id: 'k' } })).body,
	],
	'GET /organization/projects/{project_id}': async ({ sb, call }) =>
		Promise.all(sb.state.projects.map(async (x) => (await call('GET', `/organization/projects/${x.id}`)).body)),
	'POST /organization/projects/{project_id}': async ({ call, p }) => [
		(await call('POST', `/organization/projects/${p}`, { body: { name: 'renamed', external_key_id: null } })).body,
	],
	'POST /organization/projects/{project_id}/archive': async ({ sb, call }) => [
		(await call('POST', `/organization/projects/${sb.state.projects[2].id}/archive`)).body,
	],
	'GET /organization/projects/{project_id}/users': async ({ call, p }) => [(await call('GET', `/organization/projects/${p}/users`)).body],
	'POST /organization/projects/{project_id}/users': async ({ sb, call, p }) => {
		const project = sb.state.findProject(p)!;
		const outsiders = sb.state.organizationUsers.filter((u) => !project.users.some((m) => m.id === u.id));
		return [
			(await call('POST', `/organization/projects/${p}/users`, { body: { user_id: outsiders[0].id, role: 'member' } })).body,
			(await call('POST', `/organization/projects/${p}/users`, { body: { email: outsiders[1].email, role: 'owner' } })).body,
		];
	},
	'GET /organization/projects/{project_id}/users/{user_id}': async ({ sb, call, p }) => [
		(await call('GET', `/organization/projects/${p}/users/${sb.state.findProject(p)!.users[0].id}`)).body,
	],
	'POST /organization/projects/{project_id}/users/{user_id}': async ({ sb, call, p }) => [
		// users[1], a member: the last owner cannot be demoted.
		(await call('POST', `/organization/projects/${p}/users/${sb.state.findProject(p)!.users[1].id}`, { body: { role: 'owner' } })).body,
	],
	'DELETE /organization/projects/{project_id}/users/{user_id}': async ({ sb, call, p }) => [
		(await call('DELETE', `/organization/projects/${p}/users/${sb.state.findProject(p)!.users.at(-1)!.id}`)).body,
	],
	'GET /organization/projects/{project_id}/service_accounts': async ({ call, p }) => [
		(await call('GET', `/organization/projects/${p}/service_accounts`)).body,
	],
	'POST /organization/projects/{project_id}/service_accounts': async ({ call, p }) => [
		(await call('POST', `/organization/projects/${p}/service_accounts`, { body: { name: 'with key' } })).body,
		(await call('POST', `/organization/projects/${p}/service_accounts`, { body: { name: 'bare', create_service_account_only: true } })).body,
	],
	'GET /organization/projects/{project_id}/service_accounts/{service_account_id}': async ({ sb, call, p }) => [
		(await call('GET', `/organization/projects/${p}/service_accounts/${sb.state.findProject(p)!.serviceAccounts[0].id}`)).body,
	],
	'POST /organization/projects/{project_id}/service_accounts/{service_account_id}': async ({ sb, call, p }) => [
		(
			await call('POST', `/organization/projects/${p}/service_accounts/${sb.state.findProject(p)!.serviceAccounts[0].id}`, {
				body: { name: 'renamed', role: 'owner' },
			})
		).body,
	],
	'DELETE /organization/projects/{project_id}/service_accounts/{service_account_id}': async ({ sb, call, p }) => [
		(await call('DELETE', `/organization/projects/${p}/service_accounts/${sb.state.findProject(p)!.serviceAccounts.at(-1)!.id}`)).body,
	],
	'POST /organization/projects/{project_id}/service_accounts/{service_account_id}/api_keys': async ({ sb, call, p }) => [
		(
			await call('POST', `/organization/projects/${p}/service_accounts/${sb.state.findProject(p)!.serviceAccounts[0].id}/api_keys`, {
				body: { name: 'extra', scopes: ['api.model.read'] },
			})
		).body,
	],
	'GET /organization/projects/{project_id}/api_keys': async ({ call, p }) => [
		(await call('GET', `/organization/projects/${p}/api_keys`, { query: { owner_project_access: 'any' } })).body,
	],
	'GET /organization/projects/{project_id}/api_keys/{api_key_id}': async ({ sb, call, p }) =>
		Promise.all(sb.state.findProject(p)!.apiKeys.map(async (k) => (await call('GET', `/organization/projects/${p}/api_keys/${k.id}`)).body)),
	'DELETE /organization/projects/{project_id}/api_keys/{api_key_id}': async ({ sb, call, p }) => {
		const key = sb.state.findProject(p)!.apiKeys.find((k) => k.owner.type === 'user')!;
		return [(await call('DELETE', `/organization/projects/${p}/api_keys/${key.id}`)).body];
	},
	'GET /organization/projects/{project_id}/rate_limits': async ({ call, p }) => [
		(await call('GET', `/organization/projects/${p}/rate_limits`)).body,
	],
	'POST /organization/projects/{project_id}/rate_limits/{rate_limit_id}': async ({ sb, call, p }) => [
		(
			await call('POST', `/organization/projects/${p}/rate_limits/${sb.state.findProject(p)!.rateLimits[0].id}`, {
				body: { max_requests_per_1_minute: 100 },
			})
		).body,
	],
	'GET /organization/users': async ({ call }) => [(await call('GET', '/organization/users')).body],
	'GET /organization/users/{user_id}': async ({ sb, call }) => [
		(await call('GET', `/organization/users/${sb.state.organizationUsers[0].id}`)).body,
	],
	...usageScenarios(),
	...spendScenarios(),
	'POST /organization/users/{user_id}': async ({ sb, call }) => [
		(await call('POST', `/organization/users/${sb.state.organizationUsers[3].id}`, { body: { role: 'owner' } })).body,
	],
	'DELETE /organization/users/{user_id}': async ({ sb, call }) => [(await call('DELETE', `/organization/users/${sb.state.organizationUsers.at(-1)!.id}`)).body],
	'GET /organization/users/{user_id}/roles': async ({ sb, call, p }) => [
		(await call('GET', `/organization/users/${sb.state.findProject(p)!.users[0].id}/roles`)).body,
	],
	'POST /organization/users/{user_id}/roles': async ({ sb, call, people }) => [
		(await call('POST', `/organization/users/${sb.state.organizationUsers.at(-1)!.id}/roles`, { body: { role_id: people.roles[2].id } })).body,
	],
	'GET /organization/users/{user_id}/roles/{role_id}': async ({ sb, call, p, people }) => [
		(await call('GET', `/organization/users/${sb.state.findProject(p)!.users[0].id}/roles/${people.roles[0].id}`)).body,
	],
	'DELETE /organization/users/{user_id}/roles/{role_id}': async ({ sb, call, p, people }) => [
		(await call('DELETE', `/organization/users/${sb.state.findProject(p)!.users[0].id}/roles/${people.roles[0].id}`)).body,
	],
	'GET /organization/invites': async ({ call }) => [(await call('GET', '/organization/invites')).body],
	'POST /organization/invites': async ({ call, p }) => [
		(await call('POST', '/organization/invites', { body: { email: 'new@example.org', role: 'reader' } })).body,
		(await call('POST', '/organization/invites', { body: { email: 'other@example.org', role: 'owner', projects: [{ id: p, role: 'member' }] } })).body,
		(await call('POST', '/organization/invites', { body: { email: 'third@example.org', role: 'reader', projects: [] } })).body,
	],
	'GET /organization/invites/{invite_id}': async ({ call, people }) => [(await call('GET', `/organization/invites/${people.invites[0].id}`)).body],
	'DELETE /organization/invites/{invite_id}': async ({ call, people }) => [(await call('DELETE', `/organization/invites/${people.invites[0].id}`)).body],
	'GET /organization/admin_api_keys': async ({ call }) => [(await call('GET', '/organization/admin_api_keys', { query: { order: 'desc' } })).body],
	'POST /organization/admin_api_keys': async ({ call }) => [
		(await call('POST', '/organization/admin_api_keys', { body: { name: 'n' } })).body,
		(await call('POST', '/organization/admin_api_keys', { body: { name: 'expiring', expires_in_seconds: 60 } })).body,
	],
	'GET /organization/admin_api_keys/{key_id}': async ({ sb, call, people }) => [
		(await call('GET', `/organization/admin_api_keys/${people.adminKeys[0].id}`)).body,
		(await call('GET', `/organization/admin_api_keys/${sb.state.adminKeyId}`)).body,
	],
	'DELETE /organization/admin_api_keys/{key_id}': async ({ call, people }) => [(await call('DELETE', `/organization/admin_api_keys/${people.adminKeys[0].id}`)).body],
	'GET /organization/groups': async ({ call }) => [(await call('GET', '/organization/groups')).body, (await call('GET', '/organization/groups', { query: { limit: 1 } })).body],
	'POST /organization/groups': async ({ call }) => [(await call('POST', '/organization/groups', { body: { name: 'Support' } })).body],
	'GET /organization/groups/{group_id}': async ({ call, people }) => [(await call('GET', `/organization/groups/${people.groups[0].id}`)).body],
	'POST /organization/groups/{group_id}': async ({ call, people }) => [(await call('POST', `/organization/groups/${people.groups[0].id}`, { body: { name: 'Renamed' } })).body],
	'DELETE /organization/groups/{group_id}': async ({ call, people }) => [(await call('DELETE', `/organization/groups/${people.groups[0].id}`)).body],
	'GET /organization/groups/{group_id}/users': async ({ call, people }) => [(await call('GET', `/organization/groups/${people.groups[0].id}/users`)).body],
	'POST /organization/groups/{group_id}/users': async ({ sb, call, people }) => [
		(await call('POST', `/organization/groups/${people.groups[1].id}/users`, { body: { user_id: sb.state.organizationUsers[0].id } })).body,
	],
	'GET /organization/groups/{group_id}/users/{user_id}': async ({ sb, call, p, people }) => [
		(await call('GET', `/organization/groups/${people.groups[0].id}/users/${sb.state.findProject(p)!.users[0].id}`)).body,
	],
	'DELETE /organization/groups/{group_id}/users/{user_id}': async ({ sb, call, p, people }) => [
		(await call('DELETE', `/organization/groups/${people.groups[0].id}/users/${sb.state.findProject(p)!.users[0].id}`)).body,
	],
	'GET /organization/groups/{group_id}/roles': async ({ call, people }) => [(await call('GET', `/organization/groups/${people.groups[0].id}/roles`)).body],
	'POST /organization/groups/{group_id}/roles': async ({ call, people }) => [
		(await call('POST', `/organization/groups/${people.groups[1].id}/roles`, { body: { role_id: people.roles[0].id } })).body,
	],
	'GET /organization/groups/{group_id}/roles/{role_id}': async ({ call, people }) => [
		(await call('GET', `/organization/groups/${people.groups[0].id}/roles/${people.roles[0].id}`)).body,
	],
	'DELETE /organization/groups/{group_id}/roles/{role_id}': async ({ call, people }) => [
		(await call('DELETE', `/organization/groups/${people.groups[0].id}/roles/${people.roles[0].id}`)).body,
	],
	'GET /organization/roles': async ({ call }) => [(await call('GET', '/organization/roles')).body],
	'POST /organization/roles': async ({ call }) => [
		(await call('POST', '/organization/roles', { body: { role_name: 'Viewer', permissions: ['api.organization.read'] } })).body,
		(await call('POST', '/organization/roles', { body: { role_name: 'Described', permissions: [], description: 'd' } })).body,
	],
	'GET /organization/roles/{role_id}': async ({ call, people }) => [
		(await call('GET', `/organization/roles/${people.roles[0].id}`)).body,
		(await call('GET', '/organization/roles/role_org_owner')).body,
	],
	'POST /organization/roles/{role_id}': async ({ call, people }) => [
		(await call('POST', `/organization/roles/${people.roles[0].id}`, { body: { role_name: 'Renamed', permissions: ['a'], description: null } })).body,
	],
	'DELETE /organization/roles/{role_id}': async ({ call, people }) => [(await call('DELETE', `/organization/roles/${people.roles[0].id}`)).body],
	...projectRoleScenarios(),
	'GET /organization/projects/{project_id}/groups': async ({ call, p }) => [(await call('GET', `/organization/projects/${p}/groups`)).body],
	'POST /organization/projects/{project_id}/groups': async ({ call, p, people }) => [
		(await call('POST', `/organization/projects/${p}/groups`, { body: { group_id: people.groups[2].id, role: 'role_proj_owner' } })).body,
	],
	'GET /organization/projects/{project_id}/groups/{group_id}': async ({ call, p, people }) => [
		(await call('GET', `/organization/projects/${p}/groups/${people.groups[0].id}`, { query: { group_type: 'group' } })).body,
	],
	'DELETE /organization/projects/{project_id}/groups/{group_id}': async ({ call, p, people }) => [
		(await call('DELETE', `/organization/projects/${p}/groups/${people.groups[0].id}`)).body,
	],
	'GET /organization/certificates': async ({ call }) => [(await call('GET', '/organization/certificates')).body],
	'POST /organization/certificates': async ({ call }) => [
		(await call('POST', '/organization/certificates', { body: { certificate: PEM(1) } })).body,
		(await call('POST', '/organization/certificates', { body: { certificate: PEM(2), name: 'named' } })).body,
	],
	'POST /organization/certificates/activate': async ({ call, people }) => [
		(await call('POST', '/organization/certificates/activate', { body: { certificate_ids: people.certificates.map((c) => c.id) } })).body,
	],
	'POST /organization/certificates/deactivate': async ({ call, people }) => [
		(await call('POST', '/organization/certificates/deactivate', { body: { certificate_ids: [people.certificates[0].id] } })).body,
	],
	'GET /organization/certificates/{certificate_id}': async ({ call, people }) => [
		(await call('GET', `/organization/certificates/${people.certificates[0].id}`)).body,
		(await call('GET', `/organization/certificates/${people.certificates[0].id}`, { query: { include: 'content' } })).body,
	],
	'POST /organization/certificates/{certificate_id}': async ({ call, people }) => [
		(await call('POST', `/organization/certificates/${people.certificates[0].id}`, { body: { name: 'renamed' } })).body,
	],
	'DELETE /organization/certificates/{certificate_id}': async ({ call, people }) => [(await call('DELETE', `/organization/certificates/${people.certificates[0].id}`)).body],
	'GET /organization/projects/{project_id}/certificates': async ({ call, p }) => [(await call('GET', `/organization/projects/${p}/certificates`)).body],
	'POST /organization/projects/{project_id}/certificates/activate': async ({ call, p, people }) => [
		(await call('POST', `/organization/projects/${p}/certificates/activate`, { body: { certificate_ids: [people.certificates[0].id] } })).body,
	],
	'POST /organization/projects/{project_id}/certificates/deactivate': async ({ call, p, people }) => [
		(await call('POST', `/organization/projects/${p}/certificates/deactivate`, { body: { certificate_ids: [people.certificates[0].id] } })).body,
	],
	'GET /organization/audit_logs': async ({ sb, call, p }) => {
		// one event of every kind the API makes, made through the API
		const project = sb.state.findProject(p)!;
		await call('POST', `/organization/projects/${p}`, { body: { name: 'renamed' } });
		await call('POST', `/organization/projects/${p}/users/${project.users[1].id}`, { body: { role: 'owner' } });
		await call('POST', `/organization/projects/${p}/service_accounts`, { body: { name: 'audited' } });
		await call('DELETE', `/organization/projects/${p}/service_accounts/${project.serviceAccounts[0].id}`);
		await call('POST', `/organization/projects/${p}/rate_limits/${project.rateLimits[0].id}`, { body: { max_requests_per_1_minute: 1 } });
		await call('POST', `/organization/projects/${sb.state.projects[2].id}/archive`);
		return [(await call('GET', '/organization/audit_logs', { query: { limit: 100 } })).body, (await call('GET', '/organization/audit_logs')).body];
	},
};

async function world(): Promise<World> {
	const sb = await startSandbox({ seed: 13, projects: 4, archivedProjects: 1, users: 12, keysPerProject: 6, serviceAccountsPerProject: 2, rateLimitsPerProject: 31 });
	const p = sb.state.projects[1];
	// make sure every owner variant is present in the project's keys
	sb.state.addApiKeys(p.id, 1, { ownerProjectAccess: 'inactive' });
	sb.state.addApiKeys(p.id, 1, { owner: 'service_account' });
	const people = seedPeople(sb, { members: p.users.slice(0, 2), roleHolder: p.users[0], project: p });
	return { sb, call: client(sb), p: p.id, people };
}

describe('responses match the spec schemas', () => {
	let w: World;
	beforeEach(async () => {
		w = await world();
	});
	afterEach(() => w.sb.close());

	it('there is a scenario for every operation', () => {
		expect(Object.keys(SCENARIOS).sort()).toEqual([...opKeys].sort());
	});

	it.each(opKeys)('%s', async (key) => {
		const bodies = await SCENARIOS[key](w);
		expect(bodies.length).toBeGreaterThan(0);
		const failures = w.sb.requests.filter((r) => r.status !== 200);
		expect(failures).toEqual([]);
		bodies.forEach((body, i) => expectValid(contract.operations[key].responses['200'], body, `${key} #${i}`));
	});

	it('error bodies match ErrorResponse (the 403 bare string is the live API\'s deliberate exception)', async () => {
		const { call, p, sb } = w;
		sb.addFault({ kind: 'status', status: 429, path: '/organization/users', times: 1 });
		sb.addFault({ kind: 'status', status: 500, path: '/organization/users', times: 1 });
		sb.addFault({ kind: 'status', status: 503, path: '/organization/users', times: 1 });
		const errors = [
			await call('GET', '/organization/projects', { query: { limit: 0 } }),
			await call('GET', '/organization/projects/proj_nope'),
			await call('POST', '/organization/projects', { body: { bogus: 1 } }),
			await call('POST', `/organization/projects/${p}/users`, { body: { user_id: 'user-x', role: 'member' } }),
			await call('GET', '/organization/projects', { key: null }),
			await call('GET', '/organization/projects', { key: 'sk-admin-wrong-wrong-wrong' }),
			await call('GET', '/organization/nothing'),
			await call('GET', '/organization/users'),
			await call('GET', '/organization/users'),
			await call('GET', '/organization/users'),
		];
		expect(errors.map((e) => e.status)).toEqual([400, 404, 400, 400, 401, 401, 404, 429, 500, 503]);
		errors.forEach((e, i) => expectValid({ $ref: 'ErrorResponse' } as ContractSchema, e.body, `error #${i}`));
		const forbidden = await call('GET', '/organization/projects', { key: 'sk-proj-x' });
		expect(validate(contract, { $ref: 'ErrorResponse' } as ContractSchema, forbidden.body)).not.toEqual([]);
	});
});

describe('parameters listed in the contract are honoured', () => {
	let w: World;
	beforeAll(async () => {
		w = await world();
		const p = w.p;
		// collections of 120 so default limits show
		w.sb.state.addProjects(120);
		w.sb.state.addOrganizationUsers(120);
		w.sb.state.addProjectUsers(p, 120);
		w.sb.state.addServiceAccounts(p, 120);
		w.sb.state.addApiKeys(p, 120);
		w.sb.state.addRateLimits(p, 120);
		addSpendAlerts(w.sb.state, 120);
		addSpendAlerts(w.sb.state, 120, w.sb.state.findProject(p));
		// and of the people-and-access lists: roles list 1000 by default, organization and project roles alike
		const project = w.sb.state.findProject(p)!;
		// a member other than the one world() gave roles to
		const holder = w.sb.state.findOrganizationUser(project.users[1].id)!;
		const more = seedPeople(w.sb, { members: [], roleHolder: holder, project, count: 1001 });
		const [group] = more.groups;
		for (const user of w.sb.state.organizationUsers.slice(0, 120)) groupUsers.items(group, w.sb.state).push({ id: user.id, added_at: 1 });
		// seedPeople assigned the first two roles of each kind already
		for (const role of more.roles.slice(2, 120)) {
			groupRoles.items(group, w.sb.state).push({ id: role.id, role, created_at: 1 });
			userRoles.items(holder, w.sb.state).push({ id: role.id, role, created_at: 1 });
		}
		for (const role of more.projectRoles.slice(2, 120)) {
			projectGroupRoles.items({ id: group.id, project }, w.sb.state).push({ id: role.id, role, created_at: 1 });
			projectUserRoles.items({ id: holder.id, project }, w.sb.state).push({ id: role.id, role, created_at: 1 });
		}
		for (const extra of more.groups.slice(2, 120)) projectGroups.items(project, w.sb.state).push({ id: extra.id, role: 'role_proj_member', created_at: 1 });
		ids = { project_id: p, group_id: group.id, user_id: holder.id };
	});
	let ids: Record<string, string> = {};
	afterAll(() => w.sb.close());

	// Usage and costs page by `page` over time buckets: their parameters are checked below.
	const listOps = opKeys.filter(
		(k) => k.startsWith('GET ') && contract.operations[k].parameters.some((p) => p.name === 'limit') && !contract.operations[k].parameters.some((p) => p.name === 'page'),
	);
	const fill = (key: string, values: Record<string, string>) => key.slice(4).replace(/\{(\w+)\}/g, (_, n) => values[n]);
	/** An object's id in a list: project groups name theirs `group_id`. */
	const idOf = (x: { id?: string; group_id?: string }) => x.id ?? x.group_id;

	it('are the lists the operation table pages by cursor', () => {
		expect([...listOps].sort()).toEqual(servedWhere((op) => op.pager === 'last_id' || op.pager === 'next'));
	});

	/** What each audit-log filter matches in an event. */
	const AUDIT_FILTERS: Record<string, (e: any) => string | undefined> = {
		'project_ids[]': (e) => e.project?.id,
		'event_types[]': (e) => e.type,
		'actor_ids[]': (e) => e.actor?.session?.user.id ?? e.actor?.api_key?.id,
		'actor_emails[]': (e) => e.actor?.session?.user.email ?? e.actor?.api_key?.user?.email,
		'resource_ids[]': (e) => e[e.type]?.id,
	};

	it.each(listOps)('%s: default limit, enums, booleans, cursors, path ids', async (key) => {
		const { call } = w;
		const path = fill(key, ids);
		for (const param of contract.operations[key].parameters) {
			const s = param.schema as Record<string, any>;
			if (param.in === 'path') {
				expect((await call('GET', fill(key, { ...ids, [param.name]: 'nope' }))).status).toBe(404);
			} else if (param.name === 'limit') {
				const res = await call('GET', path);
				// The spend alert lists state their default (20) only in prose.
				expect(res.body.data).toHaveLength(s.default ?? 20);
				expect(res.body.has_more).toBe(true);
			} else if (s.enum) {
				for (const value of s.enum) expect((await call('GET', path, { query: { [param.name]: value } })).status).toBe(200);
				const bad = await call('GET', path, { query: { [param.name]: 'bogus' } });
				expect([bad.status, bad.body.error.param]).toEqual([400, param.name]);
			} else if (s.type === 'boolean') {
				for (const value of ['true', 'false']) expect((await call('GET', path, { query: { [param.name]: value } })).status).toBe(200);
				const bad = await call('GET', path, { query: { [param.name]: 'bogus' } });
				expect([bad.status, bad.body.error.param]).toEqual([400, param.name]);
			} else if (param.name === 'after' || param.name === 'before') {
				const bad = await call('GET', path, { query: { [param.name]: 'obj_unknown' } });
				expect([bad.status, bad.body.error.param]).toEqual([400, param.name]);
				const first = await call('GET', path, { query: { limit: 3 } });
				const cursor = idOf(first.body.data[1]);
				const res = await call('GET', path, { query: { [param.name]: cursor!, limit: 1 } });
				expect(idOf(res.body.data[0])).toBe(idOf(param.name === 'after' ? first.body.data[2] : first.body.data[0]));
			} else if (param.name === 'effective_at') {
				const events = (await call('GET', path, { query: { limit: 10 } })).body.data;
				const [lte, gte] = [events[2].effective_at, events[8].effective_at];
				const res = await call('GET', path, { query: { 'effective_at[gte]': gte, 'effective_at[lte]': lte, limit: 100 } });
				expect(res.body.data.length).toBeGreaterThanOrEqual(7);
				for (const e of res.body.data) expect(e.effective_at >= gte && e.effective_at <= lte).toBe(true);
				const bad = await call('GET', path, { query: { 'effective_at[gt]': 'soon' } });
				expect([bad.status, bad.body.error.param]).toEqual([400, 'effective_at[gt]']);
			} else if (AUDIT_FILTERS[param.name]) {
				const pick = AUDIT_FILTERS[param.name];
				const events = (await call('GET', path, { query: { limit: 100 } })).body.data;
				const value = pick(events.find((e: any) => pick(e) !== undefined))!;
				const res = await call('GET', path, { query: { [param.name]: value, limit: 100 } });
				expect(res.body.data.length).toBeGreaterThan(0);
				for (const e of res.body.data) expect(pick(e)).toBe(value);
			} else if (s.type === 'array') {
				const u = w.sb.state.organizationUsers[5];
				const res = await call('GET', path, { query: { [`${param.name}[]`]: u.email } });
				expect(res.body.data.map((x: any) => x.email)).toEqual([u.email]);
			} else {
				throw new Error(`no check for parameter ${param.name} of ${key}`);
			}
		}
	});
});

describe('request bodies are validated as the contract describes', () => {
	let w: World;
	beforeEach(async () => {
		w = await world();
	});
	afterEach(() => w.sb.close());

	const bodyOps = opKeys.filter((k) => contract.operations[k].requestBody);

	function pathFor(key: string, sb: Sandbox, p: string, people: World['people']): string {
		const project = sb.state.findProject(p)!;
		const ids: Record<string, string> = {
			project_id: p,
			user_id: project.users[0].id,
			service_account_id: project.serviceAccounts[0].id,
			rate_limit_id: project.rateLimits[0].id,
			group_id: people.groups[0].id,
			// a project's role under /projects, else an organization role
			role_id: (key.includes(' /projects/') ? people.projectRoles : people.roles)[0].id,
			certificate_id: people.certificates[0].id,
		};
		return key.slice(key.indexOf(' ') + 1).replace(/\{(\w+)\}/g, (_, n) => ids[n]);
	}

	/**
	 * Enums the spec states only in prose (`role: type string, "owner or member"`): the sandbox
	 * enforces them, so a valid value comes from here.
	 */
	const PROSE_ENUMS: Record<string, string[]> = { role: ['owner', 'member'] };

	function validValue(schema: ContractSchema, name?: string): unknown {
		const s = resolve(schema);
		if (s.enum) return s.enum[0];
		if (name && PROSE_ENUMS[name]) return PROSE_ENUMS[name][0];
		if (s.anyOf) return validValue(s.anyOf[0]);
		return { string: 'value', integer: 1, number: 1, boolean: true, array: [], object: {} }[s.type as string];
	}

	function wrongValue(schema: ContractSchema): unknown {
		const s = resolve(schema);
		return s.type === 'string' || s.anyOf ? 12345 : 'not-the-right-type';
	}

	it('every body-taking operation is covered', () => {
		expect([...bodyOps].sort()).toEqual(servedWhere((op) => op.body !== undefined));
	});

	it.each(bodyOps)('%s', async (key) => {
		const { sb, call, p, people } = w;
		const method = key.split(' ')[0];
		const path = pathFor(key, sb, p, people);
		const schema = resolve(contract.operations[key].requestBody!.schema);
		const props: Record<string, ContractSchema> = schema.properties ?? {};
		const required: string[] = schema.required ?? [];
		const base = Object.fromEntries(required.map((name) => [name, validValue(props[name], name)]));
		const expect400 = async (body: unknown, param: string, codes: string[]) => {
			const res = await call(method, path, { body });
			expect({ status: res.status, param: res.body?.error?.param }).toEqual({ status: 400, param });
			expect(codes).toContain(res.body.error.code);
		};

		await expect400({ ...base, not_in_spec: 1 }, 'not_in_spec', ['unknown_parameter']);
		for (const name of required) {
			const { [name]: _omit, ...rest } = base;
			await expect400(rest, name, ['missing_required_parameter']);
		}
		for (const [name, prop] of Object.entries(props)) {
			await expect400({ ...base, [name]: wrongValue(prop) }, name, ['invalid_type']);
			const s = resolve(prop);
			if (s.enum || PROSE_ENUMS[name]) await expect400({ ...base, [name]: 'not-an-enum-value' }, name, ['invalid_value']);
			// a valid value for every spec property is never refused as unknown or mistyped
			const res = await call(method, path, { body: { ...base, [name]: validValue(prop, name) } });
			if (res.status === 400) expect(['unknown_parameter', 'invalid_type', 'invalid_value']).not.toContain(res.body.error.code);
		}
	});

	/** Any schema-valid body from fast-check succeeds where the spec leaves no other rule to break. */
	function arbitrary(schema: ContractSchema): fc.Arbitrary<unknown> {
		const s = resolve(schema);
		let arb: fc.Arbitrary<unknown>;
		if (s.enum) arb = fc.constantFrom(...s.enum);
		else if (s.type === 'string') arb = fc.string({ minLength: 1, maxLength: 40 }).filter((x) => x.trim().length > 0);
		else if (s.type === 'boolean') arb = fc.boolean();
		else if (s.type === 'integer') arb = fc.integer({ min: 0, max: 1000 });
		else if (s.type === 'array') arb = fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 });
		else if (s.type === 'object') {
			const props = s.properties ?? {};
			arb = fc.record(
				Object.fromEntries(Object.entries(props).map(([k, v]) => [k, arbitrary(v as ContractSchema)])),
				{ requiredKeys: s.required ?? [] },
			);
		} else arb = fc.constant(null);
		return s.nullable || (schema as any).nullable ? fc.option(arb, { nil: null }) : arb;
	}

	it.each([
		'POST /organization/projects',
		'POST /organization/projects/{project_id}',
		'POST /organization/projects/{project_id}/service_accounts',
		'POST /organization/projects/{project_id}/service_accounts/{service_account_id}',
		'POST /organization/projects/{project_id}/service_accounts/{service_account_id}/api_keys',
	])('%s accepts any schema-valid body and answers a schema-valid object', async (key) => {
		const { sb, call, p, people } = w;
		const path = pathFor(key, sb, p, people);
		const op = contract.operations[key];
		await fc.assert(
			fc.asyncProperty(arbitrary(op.requestBody!.schema), async (body) => {
				const res = await call('POST', path, { body });
				expect(res.status).toBe(200);
				expectValid(op.responses['200'], res.body, key);
				const b = body as Record<string, unknown>;
				if (typeof b.name === 'string') expect(res.body.name).toBe(b.name.trim());
			}),
			{ numRuns: 25, seed: 42 },
		);
	});
});

describe('usage and costs parameters are honoured', () => {
	let w: World;
	beforeAll(async () => {
		w = await world();
	});
	afterAll(() => w.sb.close());

	const bucketOps = opKeys.filter((k) => contract.operations[k].parameters.some((p) => p.name === 'page'));

	it('are every usage endpoint and costs: the lists the operation table pages by `page`', () => {
		expect([...bucketOps].sort()).toEqual(servedWhere((op) => op.pager === 'page'));
		expect(bucketOps).toHaveLength(USAGE_KINDS.length + 1);
	});

	it.each(bucketOps)('%s: start, end, widths, limits, group_by, enum filters, page', async (key) => {
		const { call } = w;
		const path = key.slice(4);
		const params = contract.operations[key].parameters;
		const bad = async (query: NonNullable<Parameters<typeof call>[2]>['query']) => {
			const res = await call('GET', path, { query });
			return [res.status, res.body.error?.param];
		};
		expect(await bad({})).toEqual([400, 'start_time']);
		expect(await bad({ start_time: 'yesterday' })).toEqual([400, 'start_time']);
		expect(await bad({ ...WINDOW, end_time: WINDOW.start_time })).toEqual([400, 'end_time']);
		const widths = (params.find((p) => p.name === 'bucket_width')!.schema as any).enum as string[];
		// Default limits and the largest page: costs 7 and 180; usage 7/31 (1d), 24/168 (1h), 60/1440 (1m).
		const bounds: Record<string, [number, number]> = path.endsWith('/costs') ? { '1d': [7, 180] } : { '1d': [7, 31], '1h': [24, 168], '1m': [60, 1440] };
		expect(Object.keys(bounds).sort()).toEqual([...widths].sort());
		for (const [width, [fallback, max]] of Object.entries(bounds)) {
			const query = { start_time: WINDOW.start_time, end_time: WINDOW.start_time + 2 * max * { '1d': DAY, '1h': 3600, '1m': 60 }[width]!, bucket_width: width };
			const res = await call('GET', path, { query });
			expect([res.body.data.length, res.body.has_more]).toEqual([fallback, true]);
			expect((await call('GET', path, { query: { ...query, limit: max } })).body.data).toHaveLength(max);
			expect(await bad({ ...query, limit: max + 1 })).toEqual([400, 'limit']);
		}
		expect(await bad({ ...WINDOW, bucket_width: '1w' })).toEqual([400, 'bucket_width']);
		expect(await bad({ ...WINDOW, group_by: 'nothing' })).toEqual([400, 'group_by']);
		for (const param of params.filter((p) => (p.schema as any).items?.enum && p.name !== 'group_by')) {
			expect(await bad({ ...WINDOW, [param.name]: 'bogus' })).toEqual([400, param.name]);
		}
		expect(await bad({ ...WINDOW, page: 'bogus' })).toEqual([400, 'page']);
	});
});
