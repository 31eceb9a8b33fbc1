import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { mapInOrder } from '../../transport/concurrency';
import { EVERYTHING, listAll, nextPagePager } from '../../transport/pagination';
import type { AdminApi } from '../../transport';
import { apiPath } from '../../transport/path';
import { endpoint } from '../endpoint';
import { concurrencyField, readConcurrency } from '../shared/concurrency';
import { collection, dropdown } from '../shared/fields';
import { checkId, checkOneOf, checkWholeNumber, invalidInput, readCollection } from '../shared/parameters';

const DAY_MS = 86_400_000;

/** What a key can be flagged for, in the order the flags are listed. */
export const AUDIT_FLAGS = ['neverUsed', 'unusedTooLong', 'ownerLeftProject', 'ownerLeftOrganization', 'tooOld', 'spendWithoutOwner'] as const;
export type AuditFlag = (typeof AUDIT_FLAGS)[number];

// n8n's lint reads a default only when it is a literal or a plain identifier.
const defaultUnusedDays = 90;
/** Costs come in daily buckets, at most 180 a request: the longest spend window one request reads. */
const MAX_SPEND_DAYS = 180;
const costPager = nextPagePager({ '1d': MAX_SPEND_DAYS });

interface AuditSettings {
	unusedDays: number;
	/** 0: keys are not flagged for their age. */
	olderThanDays: number;
	concurrency: number;
	onlyFlagged: boolean;
	includeArchived: boolean;
	/** Only these projects, when given. */
	projectIds?: string[];
	/** 0: no spend. */
	spendDays: number;
	sortBy: 'project' | 'spend';
}

const PROJECTS_FIELD = 'Project Names or IDs';

function readSettings(context: IExecuteFunctions, itemIndex: number): AuditSettings {
	const number = (name: string, field: string, fallback: number, min: number, max?: number) =>
		checkWholeNumber(context, context.getNodeParameter(name, itemIndex, fallback), itemIndex, field, min, max);
	const filters = readCollection(context, 'filters', itemIndex);
	// The picker gives a list; an expression may also give the IDs as text, separated by commas.
	const ids = filters.projectIds;
	const listed = typeof ids === 'string' ? ids.split(/[\s,]+/) : ids;
	if (listed !== undefined && !(Array.isArray(listed) && listed.every((id) => typeof id === 'string'))) {
		throw invalidInput(context, itemIndex, PROJECTS_FIELD, 'give a list of project IDs, or the IDs as text separated by commas');
	}
	const projectIds = (listed ?? []).filter(Boolean).map((id) => checkId(context, id, itemIndex, PROJECTS_FIELD));
	return {
		unusedDays: number('unusedDays', 'Unused For More Than (Days)', defaultUnusedDays, 1),
		olderThanDays: number('olderThanDays', 'Older Than (Days)', 0, 0),
		concurrency: readConcurrency(context, itemIndex),
		onlyFlagged: filters.onlyFlagged === true,
		includeArchived: filters.includeArchived === true,
		projectIds: projectIds.length ? projectIds : undefined,
		spendDays: number('spendDays', 'Include Spend (Days)', 0, 0, MAX_SPEND_DAYS),
		sortBy: checkOneOf(context, context.getNodeParameter('sortBy', itemIndex, 'project'), ['project', 'spend'] as const, itemIndex, 'Sort By'),
	};
}

const iso = (seconds: unknown) => (typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : null);
const idOf = (project: IDataObject) => (typeof project.id === 'string' ? project.id : '');
const object = (value: unknown): IDataObject => (value && typeof value === 'object' ? (value as IDataObject) : {});

/**
 * The key's owner. Whether they are still in the project is the API's own `owner_project_access`
 * (for a service account, which lives in one project, that is whether it still exists); whether a
 * user is still in the organization, and their organization role, come from the organization's
 * users.
 */
function ownerOf(key: IDataObject, organizationUsers: Map<unknown, IDataObject>): IDataObject {
	const owner = object(key.owner);
	const inProject = key.owner_project_access === 'active';
	if (owner.type === 'service_account') {
		const account = object(owner.service_account);
		return { type: 'service_account', id: account.id, name: account.name, projectRole: account.role ?? null, exists: inProject };
	}
	const user = object(owner.user);
	const member = organizationUsers.get(user.id);
	return {
		type: 'user',
		id: user.id,
		email: user.email ?? null,
		name: user.name ?? null,
		projectRole: user.role ?? null,
		organizationRole: member?.role ?? null,
		inProject,
		inOrganization: member !== undefined,
	};
}

/** What a key cost over the spend window, summed from the costs' daily buckets. */
interface Spend {
	amount: number;
	currency: string;
	days: number;
}

function flagsOf(key: IDataObject, owner: IDataObject, settings: AuditSettings, nowMs: number, spend?: Spend): AuditFlag[] {
	const olderThan = (seconds: unknown, days: number) => typeof seconds === 'number' && nowMs - seconds * 1000 > days * DAY_MS;
	const raised: Record<AuditFlag, boolean> = {
		neverUsed: key.last_used_at === null || key.last_used_at === undefined,
		unusedTooLong: olderThan(key.last_used_at, settings.unusedDays),
		ownerLeftProject: key.owner_project_access === 'inactive',
		ownerLeftOrganization: owner.type === 'user' && owner.inOrganization === false,
		tooOld: settings.olderThanDays > 0 && olderThan(key.created_at, settings.olderThanDays),
		spendWithoutOwner: false,
	};
	// Money spent by a key nobody answers for any more: the most urgent key to look at.
	raised.spendWithoutOwner = spend !== undefined && spend.amount > 0 && (raised.ownerLeftProject || raised.ownerLeftOrganization);
	return AUDIT_FLAGS.filter((flag) => raised[flag]);
}

/**
 * Each key's spend over the last `days` days (today included), from one costs request per 180 days
 * grouped by key and project. Amounts are summed in millionths, so that sums stay exact; a key
 * with no cost spent 0. Costs in more than one currency cannot be added up: an error, not a sum.
 */
async function spendByKey(context: IExecuteFunctions, itemIndex: number, api: AdminApi, settings: AuditSettings, nowMs: number): Promise<{ of(keyId: unknown): Spend }> {
	const today = Math.floor(nowMs / DAY_MS) * (DAY_MS / 1000);
	const query: IDataObject = {
		start_time: today - (settings.spendDays - 1) * (DAY_MS / 1000),
		bucket_width: '1d',
		group_by: ['api_key_id', 'project_id'],
	};
	if (settings.projectIds) query.project_ids = settings.projectIds;
	const buckets = await listAll(api, '/organization/costs', query, EVERYTHING, costPager);
	const micros = new Map<unknown, number>();
	const currencies = new Set<string>();
	for (const bucket of buckets) {
		for (const result of (bucket.results ?? []) as IDataObject[]) {
			const amount = object(result.amount);
			if (typeof amount.value !== 'number') continue;
			if (typeof amount.currency === 'string') currencies.add(amount.currency);
			micros.set(result.api_key_id, (micros.get(result.api_key_id) ?? 0) + Math.round(amount.value * 1e6));
		}
	}
	if (currencies.size > 1) {
		throw invalidInput(context, itemIndex, 'Include Spend (Days)', `the costs come in more than one currency (${[...currencies].join(', ')}), which cannot be added up`);
	}
	const [currency = 'usd'] = currencies;
	return { of: (keyId) => ({ amount: (micros.get(keyId) ?? 0) / 1e6, currency, days: settings.spendDays }) };
}

function auditItem(project: IDataObject, key: IDataObject, owner: IDataObject, flags: AuditFlag[], spend?: Spend): IDataObject {
	return {
		project: { id: project.id, name: project.name ?? null, status: project.status ?? (project.archived_at ? 'archived' : 'active') },
		key: {
			id: key.id,
			name: key.name,
			redactedValue: key.redacted_value,
			createdAt: iso(key.created_at),
			lastUsedAt: iso(key.last_used_at),
		},
		owner,
		...(spend ? { spend } : {}),
		flags,
	};
}

/** The projects asked for, in list order; an id the list does not have is an error, not a silent gap. */
function chosenProjects(context: IExecuteFunctions, itemIndex: number, projects: IDataObject[], settings: AuditSettings) {
	if (!settings.projectIds) return projects;
	const listed = new Set(projects.map((project) => project.id));
	const unknown = settings.projectIds.filter((id) => !listed.has(id));
	if (unknown.length) {
		const archivedHint = settings.includeArchived ? '' : ' (an archived project needs Include Archived Projects)';
		throw invalidInput(context, itemIndex, PROJECTS_FIELD, `${unknown.join(', ')} is not a project of the organization${archivedHint}`);
	}
	return projects.filter((project) => settings.projectIds!.includes(idOf(project)));
}

/**
 * Every key of every project in one step. Requests: the project list, each project's keys
 * (`owner_project_access=any`, so keys of owners who left are included) with at most Concurrency
 * projects at once, and the organization's users once when a key belongs to a user; every list in
 * pages of 100. Items come in project order, then key order, whatever order the walks finish in.
 */
export const auditAllProjects = endpoint.steps({
	value: 'auditAllProjects',
	name: 'Audit All Projects',
	action: 'Audit the API keys of all projects',
	description:
		'List every API key of every project with its owner, and flag keys never used, unused for long, or whose owner left',
	calls: ['list-projects', 'list-project-api-keys', 'list-users', 'usage-costs'],
	fields: [
		{
			displayName: 'Unused For More Than (Days)',
			name: 'unusedDays',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: defaultUnusedDays,
			description: 'Flag a key as unused too long when its last use is more than this many days ago',
		},
		{
			displayName: 'Older Than (Days)',
			name: 'olderThanDays',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 0,
			description: 'Flag a key as too old when it was created more than this many days ago; 0 flags no key for its age',
		},
		{
			displayName: 'Include Spend (Days)',
			name: 'spendDays',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_SPEND_DAYS, numberPrecision: 0 },
			default: 0,
			description:
				'What each key cost over this many days, today included (1 to 180; one more request), as spend: {amount, currency, days}; 0 leaves spend out. Keys that cost money while their owner left get the flag spendWithoutOwner.',
		},
		dropdown('Sort By', 'sortBy', [
			['Project, Then Key', 'project', 'In the order of the projects, then of their keys'],
			['Spend, Highest First', 'spend', 'The costliest keys first (needs Include Spend)'],
		], { default: 'project', description: 'The order of the output items' }),
		concurrencyField("projects' keys are listed", ', so under a rate limit the audit slows down instead of failing'),
		collection('filters', [
			{
				displayName: 'Include Archived Projects',
				name: 'includeArchived',
				type: 'boolean',
				default: false,
				description: 'Whether to audit the keys of archived projects too',
			},
			{
				displayName: 'Only Flagged Keys',
				name: 'onlyFlagged',
				type: 'boolean',
				default: false,
				description: 'Whether to output only the keys with at least one flag',
			},
			{
				displayName: 'Project Names or IDs',
				name: 'projectIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getProjects' },
				default: [],
				description:
					'Audit only these projects; none chosen audits every project. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		]),
	],
	async run(itemIndex, api) {
		const settings = readSettings(this, itemIndex);
		const projectQuery = settings.includeArchived ? { include_archived: true } : {};
		const listed = await listAll(api, '/organization/projects', projectQuery, EVERYTHING);
		const projects = chosenProjects(this, itemIndex, listed, settings);
		const keysByProject = await mapInOrder(
			projects,
			settings.concurrency,
			async (project) =>
				await listAll(api, apiPath`/organization/projects/${idOf(project)}/api_keys`, { owner_project_access: 'any' }, EVERYTHING),
		);
		const ownedByUsers = keysByProject.some((keys) => keys.some((key) => object(key.owner).type !== 'service_account'));
		const organizationUsers = ownedByUsers ? await listAll(api, '/organization/users', {}, EVERYTHING) : [];
		const usersById = new Map(organizationUsers.map((user) => [user.id, user]));

		const nowMs = Date.now();
		const spend = settings.spendDays > 0 ? await spendByKey(this, itemIndex, api, settings, nowMs) : undefined;
		const items = projects.flatMap((project, index) =>
			keysByProject[index].flatMap((key) => {
				const owner = ownerOf(key, usersById);
				const keySpend = spend?.of(key.id);
				const flags = flagsOf(key, owner, settings, nowMs, keySpend);
				return settings.onlyFlagged && flags.length === 0 ? [] : [auditItem(project, key, owner, flags, keySpend)];
			}),
		);
		// A stable sort: keys of equal spend stay in project order.
		const spent = (item: IDataObject) => (item.spend as Spend | undefined)?.amount ?? 0;
		if (settings.sortBy === 'spend') items.sort((a, b) => spent(b) - spent(a));
		return items;
	},
});
