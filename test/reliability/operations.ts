/**
 * A catalogue of every operation for the bad-input and fuzz suites: parameters filled from the input
 * item by expressions, two distinct valid items per operation, and the bad values of each field.
 *
 * A plain operation's entry is derived from its declaration alone (`derived`): its ids from its
 * locators (test/helpers/world.ts), its list controls, and each field by its type, the fields of
 * Filters, Additional Fields and Update Fields too: a text's blankness, a number's bounds and
 * precision, an option's values, a switch. Only operations with rules of their own are written out
 * (`written`), and a test holds the catalogue to that.
 */
import type { GenericValue, IDataObject, INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { RegistryEntry } from '../../nodes/OpenAiAdmin/actions/registry';
import { registry } from '../../nodes/OpenAiAdmin/actions/registry';
import { SPEC_OPERATIONS } from '../../nodes/shared/spec';
import type { SpecOperation } from '../../nodes/shared/specTypes';
import { byId } from '../helpers/runNode';
import type { World } from '../helpers/world';
import { targetOf } from '../helpers/world';

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
export const NAME_BAD: GenericValue[] = ['', '   '];
export const EMAIL_BAD: GenericValue[] = ['not-an-email', 'a@b', 'a b@c.de', '@c.de', ''];
export const COUNT_BAD: GenericValue[] = [-1, 1.5, -0.5];
export const DAYS_BAD: GenericValue[] = [0, -1, 2.5, '90'];
export const CONCURRENCY_BAD: GenericValue[] = [0, 21, 1.5, -2];

export interface OperationSpec {
	name: string;
	parameters: INodeParameters;
	/** The input item of valid run `i` (0 or 1): two distinct, valid targets (lists: Limit 1, one output). */
	valid(world: World, i: number): IDataObject;
	/** Requests one valid item makes. */
	requests: number;
	/** One valid item makes many output items (besides a list's Return All: the key audit). */
	manyOutputs?: boolean;
	/**
	 * Requests made once per run, whatever the items, by an operation that runs once over all items
	 * (Project Access): its errors come first, then its changes, then a summary paired with the items
	 * it read. `requests` counts what each valid item adds.
	 */
	perRun?: number;
	/** Every request any run of this operation may make. */
	route: RegExp;
	/** [field as named in the error, key of the input item, bad values]. */
	fields: Field[];
}

type Field = [string, string, GenericValue[]];
const expr = (key: string) => `={{ $json[${JSON.stringify(key)}] }}`;

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

/** Every shape an id takes in a route. */
export const ID_SHAPES = [...new Set(Object.values(SEGMENTS))];

/** The route of a spec path, each id as the sandbox makes it. */
const routeOf = (path: string) => new RegExp(`^${path.replace(/\{([^}]+)\}/g, (_match, name: string) => SEGMENTS[name])}$`);

const entryNamed = (name: string): RegistryEntry => {
	const entry = registry.find((candidate) => `${candidate.resource} → ${candidate.value}` === name.replace(/ \(.*\)$/, ''));
	if (!entry) throw new Error(`${name}: no such operation in the registry`);
	return entry;
};

// ------------------------------------------------------------------ derived from a declaration

/** The optional-field collections, and where each puts its fields. */
type Place = 'top' | 'filters' | 'additionalFields' | 'updateFields';

interface Slot {
	property: INodeProperties;
	place: Place;
}

const LIST_CONTROLS = new Set(['returnAll', 'limit']);

/** A field shown only on the AI agent's tool: read there alone (test/node/tool.test.ts). */
export const toolOnly = (property: INodeProperties) => property.displayOptions?.show?.['@tool'] !== undefined;

/** Every field an entry's user fills in, but its locators and list controls: top level, or in a collection. */
function slotsOf(entry: RegistryEntry): Slot[] {
	return entry.properties.flatMap((property): Slot[] => {
		if (property.type === 'resourceLocator' || property.type === 'notice' || toolOnly(property) || LIST_CONTROLS.has(property.name)) return [];
		if (property.type !== 'collection') return [{ property, place: 'top' }];
		return (property.options as INodeProperties[]).map((option) => ({ property: option, place: property.name as Place }));
	});
}

const optionValues = (property: INodeProperties) => (property.options as INodePropertyOptions[]).map((option) => option.value);
const swapCase = (text: string) => [...text].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');

/** The bad values of a field, by its type; none for a type the declaration reads in its own way. */
export function badValuesOf(property: INodeProperties): GenericValue[] {
	switch (property.type) {
		case 'options': {
			const values = optionValues(property);
			const [first] = values;
			// Blank, unknown, the first value in the other case, a value of another type.
			const bad = ['', 'not_an_option', ...(typeof first === 'string' ? [swapCase(first)] : []), 1];
			return bad.filter((value) => !values.includes(value));
		}
		case 'boolean':
			return ['yes', 1];
		case 'number': {
			const { minValue, maxValue, numberPrecision } = (property.typeOptions ?? {}) as { minValue?: number; maxValue?: number; numberPrecision?: number };
			return [
				...(minValue !== undefined ? [minValue - 1] : []),
				...(maxValue !== undefined ? [maxValue + 1] : []),
				...(numberPrecision === 0 ? [1.5] : []),
				'1',
			];
		}
		case 'string':
			if (property.typeOptions?.multipleValues) return [[1], ['  ']];
			return property.required ? NAME_BAD : [42];
		default:
			return [];
	}
}

/** A valid value of a field: its default, or for a text a distinct one per run. */
function validValueOf(property: INodeProperties, i: number): GenericValue {
	if (property.type === 'string' && !property.typeOptions?.multipleValues) return `${property.displayName} ${i}`;
	return property.default as GenericValue;
}

/** Values that leave a field out: nothing, and for any but a choice a blank. */
const nothing = (property: INodeProperties): GenericValue[] => (property.type === 'options' ? [null] : [null, '']);

/** A list's filters are checked against the spec when the list sends each under its own name. */
const sendsEachFilter = (entry: RegistryEntry) =>
	entry.queryParameters !== undefined &&
	[...entry.queryParameters].sort().join() === (entry.filters ?? []).map((filter) => filter.name).sort().join();

/**
 * A plain operation's cells, from its declaration. The valid item fills the locators, the required
 * fields, a create's Additional Fields with their defaults, and in an update's Update Fields the
 * spec's first field (the others are left out: they may not apply to every object); a list asks for
 * one item. Each field's bad values come from its type; an update whose fields are all optional
 * also fails with nothing to change.
 */
export function derived(entry: RegistryEntry): OperationSpec {
	const locators = Object.values(entry.locators);
	const varying = entry.pager ? -1 : locators.length - 1;
	// A POST's fields and a list's filters are the spec's, each checked by its type; a get's or a
	// report's own fields are read in their own way, and of those only a choice is always checked.
	const checked = ({ property, place }: Slot) =>
		property.type === 'options' || (place === 'filters' ? sendsEachFilter(entry) : entry.method === 'POST');
	const slots = slotsOf(entry).filter((slot) => badValuesOf(slot.property).length > 0 && checked(slot));
	const bodyOrder = Object.keys((SPEC_OPERATIONS[entry.operationId as keyof typeof SPEC_OPERATIONS] as SpecOperation).body?.fields ?? {});
	const updates = slots.filter(({ place }) => place === 'updateFields');
	const [change] = updates.sort((a, b) => bodyOrder.indexOf(a.property.name) - bodyOrder.indexOf(b.property.name));
	const required = slots.some(({ property, place }) => place === 'top' && property.required);

	const parameters: INodeParameters = { resource: entry.resource, operation: entry.value };
	for (const locator of locators) parameters[locator.name] = byId(expr(locator.name));
	for (const { property, place } of slots) {
		if (place === 'top') parameters[property.name] = expr(property.name);
		else parameters[place] = { ...(parameters[place] as Record<string, string> | undefined), [property.name]: expr(property.name) };
	}
	if (entry.pager) Object.assign(parameters, { returnAll: false, limit: expr('limit') });
	// A report: one bucket per item, as an item, so that each valid item gives one output.
	if (entry.buckets) Object.assign(parameters, { returnAll: false, limit: 1 });
	const keys = [...locators.map((locator) => locator.name), ...slots.map(({ property }) => property.name)];
	if (new Set(keys).size !== keys.length) throw new Error(`${entry.operationId}: two fields share an input key`);

	const filled = slots.filter(({ place }) => place !== 'updateFields');
	return {
		name: `${entry.resource} → ${entry.value}`,
		parameters,
		valid: (w, i) => ({
			...Object.fromEntries(locators.map((locator, index) => [locator.name, targetOf(locator, w, index === varying ? i : 0)])),
			...(entry.pager ? { limit: 1 } : {}),
			...Object.fromEntries(
				filled.map(({ property, place }) => [property.name, place === 'top' && property.required ? validValueOf(property, i) : (property.default as GenericValue)]),
			),
			...(change ? { [change.property.name]: validValueOf(change.property, i) } : {}),
			...(entry.buckets ? { output: 'buckets' } : {}),
		}),
		requests: 1,
		route: routeOf(entry.path),
		fields: [
			...locators.map((locator): Field => [locator.displayName, locator.name, ID_BAD]),
			...(entry.pager ? [['Limit', 'limit', [0, entry.pager.maxLimit + 1, 1.5, -1]] as Field] : []),
			...slots.map(({ property }): Field => [property.displayName, property.name, badValuesOf(property)]),
			// Nothing given to change: refused before any request.
			...(change && !required && !entry.createsResource ? [['Update Fields', change.property.name, nothing(change.property)] as Field] : []),
		],
	};
}

// ------------------------------------------------------------------ written out: rules of their own

interface Written {
	/** Parameters besides the resource, the operation and the path's locators. */
	parameters?: INodeParameters;
	valid: OperationSpec['valid'];
	/** Cells besides the path's locators'. */
	fields?: Field[];
	/** Whether the path's locators get cells here (a variant leaves them to its main entry). */
	locatorCells?: boolean;
	requests?: number;
	route?: RegExp;
	manyOutputs?: boolean;
	perRun?: number;
}

/** An operation with rules of its own: the path's locators and route from the registry, the rest as given. */
function written(name: string, spec: Written): OperationSpec {
	const entry = entryNamed(name);
	const locators = Object.values(entry.locators);
	return {
		name,
		parameters: {
			resource: entry.resource,
			operation: entry.value,
			...Object.fromEntries(locators.map((locator) => [locator.name, byId(expr(locator.name))])),
			...spec.parameters,
		},
		valid: spec.valid,
		requests: spec.requests ?? 1,
		manyOutputs: spec.manyOutputs,
		perRun: spec.perRun,
		route: spec.route ?? routeOf(entry.path),
		fields: [...(spec.locatorCells === false ? [] : locators.map((locator): Field => [locator.displayName, locator.name, ID_BAD])), ...(spec.fields ?? [])],
	};
}

const CERTIFICATES: Field = ['Certificates', 'certificateIds', [[], ['a/b'], ['..'], ['x?limit=1'], Array.from({ length: 11 }, (_, n) => `cert_${n}`)]];

/** A PEM the sandbox accepts, distinct per `i`. */
const pem = (i: number) => `-----BEGIN CERTIFICATE-----\nMIIB${'A'.repeat(20)}${i}\n-----END CERTIFICATE-----\n`;

/** The certificate toggles: for the organization, or for one project. */
const toggles = (): OperationSpec[] =>
	(['activate', 'deactivate'] as const).flatMap((operation) => [
		written(`certificate → ${operation}`, {
			parameters: { certificateIds: expr('certificateIds') },
			valid: (w, i) => ({ certificateIds: [w.certificates[i].id] }),
			fields: [CERTIFICATES],
		}),
		written(`projectCertificate → ${operation}`, {
			parameters: { certificateIds: expr('certificateIds') },
			valid: (w, i) => ({ projectId: w.p0.id, certificateIds: [w.certificates[i].id] }),
			fields: [CERTIFICATES],
		}),
	]);

/** Custom roles, of the organization or of a project: a name and its permissions. */
const roleWrites = (): OperationSpec[] =>
	(['role', 'projectRole'] as const).flatMap((resource) => {
		const inProject = resource === 'projectRole';
		const at = (w: World) => (inProject ? { projectId: w.p0.id } : {});
		const custom = (w: World, i: number) => (inProject ? w.projectRoles : w.roles)[i].id;
		return [
			written(`${resource} → create`, {
				parameters: { role_name: expr('name'), permissions: expr('permissions') },
				valid: (w, i) => ({ ...at(w), name: `Custom ${i}`, permissions: ['api.organization.read'] }),
				fields: [['Name', 'name', NAME_BAD], ['Permissions', 'permissions', ['', [], [1]]]],
			}),
			written(`${resource} → update`, {
				parameters: { updateFields: { role_name: expr('name') } },
				valid: (w, i) => ({ ...at(w), roleId: custom(w, i), name: `Renamed ${i}` }),
				fields: [['Update Fields', 'name', ['']]],
			}),
			written(`${resource} → update (permissions)`, {
				parameters: { updateFields: { permissions: expr('permissions') } },
				valid: (w, i) => ({ ...at(w), roleId: custom(w, i), permissions: ['api.organization.read'] }),
				// An empty list would take every permission from the role: refused unless asked for.
				fields: [['Permissions', 'permissions', ['', [1], ' , ', []]]],
				locatorCells: false,
			}),
		];
	});

/** Who gets a role in each assignment family (holding none yet), and which roles they may get. */
const HOLDERS: Record<string, (w: World) => IDataObject> = {
	groupRole: (w) => ({ groupId: w.groups[1].id }),
	userRole: (w) => ({ userId: w.outsiders[0].id }),
	projectGroupRole: (w) => ({ projectId: w.p0.id, groupId: w.groups[1].id }),
	projectUserRole: (w) => ({ projectId: w.p0.id, userId: w.p0.users[2].id }),
};

/** Assigning a role: of the organization to a user or a group, of a project to its member or group. */
const assignments = (): OperationSpec[] =>
	Object.entries(HOLDERS).map(([resource, holder]) =>
		written(`${resource} → add`, {
			parameters: { roleId: byId(expr('roleId')) },
			valid: (w, i) => ({ ...holder(w), roleId: (resource.startsWith('project') ? w.projectRoles : w.roles)[i].id }),
			fields: [['Role', 'roleId', ID_BAD]],
		}),
	);

/** The spend alerts and limits, of the organization or of a project: amounts, recipients. */
const spend = (): OperationSpec[] =>
	(['', 'project'] as const).flatMap((owner) => {
		const resource = (noun: string) => (owner ? `project${noun}` : noun.charAt(0).toLowerCase() + noun.slice(1));
		const at = (w: World) => (owner ? { projectId: w.p0.id } : {});
		const alertFields = { threshold_amount: expr('amount'), currency: 'USD', interval: 'month', recipients: expr('recipients') };
		const alert = (w: World, i: number): IDataObject => ({ ...at(w), amount: 1000 * (i + 1), recipients: `finance${i}@example.com` });
		const alertCells: Field[] = [
			['Threshold Amount (Cents)', 'amount', COUNT_BAD],
			['Recipients', 'recipients', ['', 'not-an-email', 'a@b.co, nope']],
		];
		return [
			written(`${resource('SpendAlert')} → create`, { parameters: alertFields, valid: alert, fields: alertCells }),
			written(`${resource('SpendAlert')} → update`, {
				parameters: alertFields,
				valid: (w, i) => {
					const alerts = owner ? w.projectAlerts : w.alerts;
					return { ...alert(w, i), [owner ? 'projectSpendAlertId' : 'spendAlertId']: alerts[i].id };
				},
				fields: alertCells,
			}),
			written(`${resource('SpendLimit')} → set`, {
				parameters: { threshold_amount: expr('amount'), currency: 'USD', interval: 'month' },
				valid: (w, i) => (owner ? { projectId: w.projects[i].id, amount: 100 * (i + 1) } : { amount: 100 * (i + 1) }),
				fields: [['Threshold Amount (Cents)', 'amount', [0, ...COUNT_BAD]]],
			}),
		];
	});

/**
 * A create that can look first ("If … Exists"): its cells are its declaration's, and the choice
 * itself. Left at Create Another, a valid item sends the create alone.
 */
function lookingFirst(name: string, field: string): OperationSpec {
	const spec = derived(entryNamed(name));
	return {
		...spec,
		parameters: { ...spec.parameters, ifExists: expr('ifExists') },
		valid: (w, i) => ({ ...spec.valid(w, i), ifExists: 'createAnother' }),
		fields: [...spec.fields, [field, 'ifExists', ['sometimes', 'CREATEANOTHER', '']]],
	};
}

const ROTATE = { retire: expr('retire'), additionalFields: { nameSuffix: expr('nameSuffix') } };
const ROTATE_CELLS: Field[] = [['Name Suffix', 'nameSuffix', [42]]];
const RETIRE = { force: expr('force'), dryRun: expr('dryRun') };
const RETIRE_CELLS: Field[] = [['Force', 'force', ['yes', 1]], ['Dry Run', 'dryRun', ['no', 0]]];

/** Rotation and retirement, of a service account or an admin key. Retire runs dry and forced: it reads, and deletes nothing. */
const rotations = (): OperationSpec[] => [
	written('projectServiceAccount → rotate', {
		parameters: ROTATE,
		valid: (w, i) => ({ projectId: w.p0.id, serviceAccountId: w.p0.serviceAccounts[i].id, retire: 'later', nameSuffix: ` (${i})` }),
		// The old account, the replacement.
		requests: 2,
		route: /^\/organization\/projects\/proj_\w+\/service_accounts(\/svc_acct_\w+)?$/,
		fields: [['Retire Old Service Account', 'retire', ['soon', 'LATER', '']], ...ROTATE_CELLS],
	}),
	written('projectServiceAccount → retire', {
		parameters: { replacementId: byId(expr('replacementId')), ...RETIRE },
		valid: (w, i) => ({ projectId: w.p0.id, serviceAccountId: w.p0.serviceAccounts[i].id, replacementId: w.p0.serviceAccounts[2].id, force: true, dryRun: true }),
		// The replacement, the old account, the project's keys.
		requests: 3,
		route: /^\/organization\/projects\/proj_\w+\/(service_accounts\/svc_acct_\w+|api_keys)$/,
		fields: [['Replacement', 'replacementId', ID_BAD], ...RETIRE_CELLS],
	}),
	written('adminApiKey → rotate', {
		parameters: ROTATE,
		valid: (w, i) => ({ adminApiKeyId: w.adminKeys[i].id, retire: 'later', nameSuffix: ` (${i})` }),
		requests: 2,
		route: /^\/organization\/admin_api_keys(\/key_\w+)?$/,
		fields: [['Retire Old Key', 'retire', ['soon', 'LATER', '']], ...ROTATE_CELLS],
	}),
	written('adminApiKey → retire', {
		parameters: { replacementKeyId: byId(expr('replacementKeyId')), ...RETIRE },
		valid: (w, i) => ({ adminApiKeyId: w.adminKeys[i].id, replacementKeyId: w.adminKeys[2].id, force: true, dryRun: true }),
		requests: 2,
		fields: [['Replacement', 'replacementKeyId', ID_BAD], ...RETIRE_CELLS],
	}),
];

/** A project's members from a list, one person an item: planned (nothing changes) or applied. */
const projectAccess = (): OperationSpec[] =>
	(['plan', 'apply'] as const).map((operation) =>
		written(`projectAccess → ${operation}`, {
			parameters: { projectId: byId(expr('projectId')), email: expr('email'), projectRole: expr('role') },
			valid: (w, i) => ({ projectId: w.p0.id, email: w.outsiders[i].email, role: 'member' }),
			// One run over all items reads the organization's users and the project's; to apply, each person is added.
			perRun: 2,
			requests: operation === 'plan' ? 0 : 1,
			route: /^\/organization\/(users|projects\/proj_\w+\/users)$/,
			fields: [['Email', 'email', EMAIL_BAD], ['Role', 'role', ['admin', 'OWNER', 'none', '']]],
		}),
	);

/** The operations with rules of their own. */
function withLogic(): OperationSpec[] {
	return [
		lookingFirst('project → create', 'If a Project With This Name Exists'),
		lookingFirst('projectServiceAccount → create', 'If a Service Account With This Name Exists'),
		...rotations(),
		...projectAccess(),
		written('projectApiKey → auditAllProjects', {
			parameters: {
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
		}),
		written('projectUser → add (by email)', {
			parameters: { identifyBy: 'email', email: expr('email'), role: expr('role') },
			valid: (w, i) => ({ projectId: w.p0.id, email: w.outsiders[i].email, role: 'member' }),
			fields: [['Email', 'email', EMAIL_BAD], ['Role', 'role', ['admin', 'OWNER', 'none', '']]],
		}),
		written('projectUser → add (by user)', {
			parameters: { identifyBy: 'user', userId: byId(expr('userId')), role: 'owner' },
			valid: (w, i) => ({ projectId: w.p0.id, userId: w.outsiders[i].id }),
			fields: [['User', 'userId', ID_BAD]],
			locatorCells: false,
		}),
		written('projectModelPermissions → update', {
			parameters: { mode: expr('mode'), model_ids: expr('models') },
			valid: (w, i) => ({ projectId: w.projects[i].id, mode: 'allow_list', models: 'gpt-4o, gpt-4o-mini' }),
			// An empty allow list would shut the project out of every model: refused unless asked for.
			fields: [['Mode', 'mode', ['allow', 'ALLOW_LIST', '']], ['Model IDs', 'models', ['gpt 4o', '', ' , ', []]]],
		}),
		written('projectHostedToolPermissions → update', {
			parameters: { updateFields: { web_search: expr('webSearch') } },
			valid: (w, i) => ({ projectId: w.projects[i].id, webSearch: i === 0 }),
			fields: [['Web Search', 'webSearch', ['yes', 1]]],
		}),
		written('invite → create', {
			parameters: { email: expr('email'), role: expr('role'), projectAccess: 'none', ifExists: expr('ifExists') },
			valid: (_w, i) => ({ email: `new.person${i}@example.org`, role: 'reader', ifExists: 'fail' }),
			fields: [
				['Email', 'email', EMAIL_BAD],
				['Organization Role', 'role', ['admin', 'member', '']],
				['If Already Invited or a Member', 'ifExists', ['createAnother', 'sometimes', '']],
			],
		}),
		written('groupUser → add', {
			parameters: { userId: byId(expr('userId')) },
			valid: (w, i) => ({ groupId: w.groups[0].id, userId: w.outsiders[i].id }),
			fields: [['User', 'userId', ID_BAD]],
		}),
		written('projectGroup → add', {
			parameters: { groupId: byId(expr('groupId')), projectRoleId: byId(expr('projectRoleId')) },
			valid: (w, i) => ({ projectId: w.projects[1].id, groupId: w.groups[i].id, projectRoleId: 'role_proj_member' }),
			fields: [['Group', 'groupId', ID_BAD], ['Project Role', 'projectRoleId', ID_BAD]],
		}),
		written('certificate → upload', {
			parameters: { source: 'text', certificate: expr('certificate') },
			valid: (_w, i) => ({ certificate: pem(i) }),
			fields: [['Certificate', 'certificate', NAME_BAD]],
		}),
		...toggles(),
		...roleWrites(),
		...assignments(),
		...spend(),
	];
}

const writtenOut = withLogic();

export const OPERATIONS: OperationSpec[] = [...registry.filter((entry) => entry.plain).map(derived), ...writtenOut];

/** The operations the catalogue writes out, by their registry names (less any "(variant)"). */
export const WRITTEN = new Set(writtenOut.map((spec) => spec.name.replace(/ \(.*\)$/, '')));

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const namesFieldAndItem = (field: string, item: number) => new RegExp(`^${escape(field)}: .+ \\[item ${item}\\]$`);
