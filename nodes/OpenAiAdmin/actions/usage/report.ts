import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationId } from '../../../shared/spec';
import { SPEC_OPERATIONS } from '../../../shared/spec';
import type { SpecOperation } from '../../../shared/specTypes';
import { listAll, nextPagePager } from '../../transport/pagination';
import { ID_PATTERN, collection, dropdown, label, listControls } from '../shared/fields';
import { checkOneOf, invalidInput, readCollection, readListControls } from '../shared/parameters';
import type { Operation } from '../types';

/**
 * Usage and cost reports: `/organization/usage/*` and `/organization/costs`. They share one shape:
 * a time range in Unix seconds, time buckets paged with `page`/`next_page`, `group_by` and array
 * filters sent under the spec's own names. The output is one item per result row, with its bucket's
 * start and end on it (what a sheet or a chart wants), or one item per bucket as the API sends it.
 */

const ID_REGEX = new RegExp(ID_PATTERN);

/** What a report's filter asks for: ids (with a picker), free text, or values of the spec's enum. */
export type ReportFilter =
	| { name: string; displayName: string; description: string; ids: 'getProjects' | 'getUsers' | 'getApiKeys' }
	| { name: string; displayName: string; description: string; text: string }
	| { name: string; displayName: string; description: string; values: readonly string[] };

export interface ReportDeclaration {
	value: string;
	name: string;
	action: string;
	description: string;
	/**
	 * The most buckets one request may ask for, by bucket width: the spec says it in prose
	 * (`{ '1d': 31, '1h': 168, '1m': 1440 }` for usage). The spec's default width comes first.
	 */
	bucketsPerPage: Record<string, number>;
	/** What the filters are about, when not usage ("costs"): it goes into their descriptions. */
	what?: string;
	/** The result's `amount: {value, currency}` becomes `amount` and `currency` on each row (costs). */
	flattenAmount?: boolean;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

const WIDTH_NAMES: Record<string, string> = { '1d': 'Day', '1h': 'Hour', '1m': 'Minute' };

function filterField(filter: ReportFilter): INodeProperties {
	const common = { displayName: filter.displayName, name: filter.name, description: filter.description };
	if ('ids' in filter) {
		return {
			...common,
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: filter.ids },
			default: [],
			description: `${filter.description}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		};
	}
	if ('values' in filter) {
		return {
			...common,
			type: 'multiOptions',
			options: filter.values.map((value) => ({ name: /^[a-z]/.test(value) && !value.includes('.') ? label(value) : value, value })).sort(byName),
			default: [],
		};
	}
	return { ...common, type: 'string', default: '', placeholder: filter.text };
}

/** A date-time field's value (ISO text, a Luxon DateTime or a JS Date from an expression) in Unix seconds. */
function readTime(context: IExecuteFunctions, parameter: string, itemIndex: number, field: string, required: boolean): number | undefined {
	const raw = context.getNodeParameter(parameter, itemIndex, '') as unknown;
	if (raw === '' || raw === null || raw === undefined) {
		if (required) throw invalidInput(context, itemIndex, field, 'a date and time is required');
		return undefined;
	}
	let ms = NaN;
	if (typeof raw === 'string') ms = Date.parse(raw);
	else if (raw instanceof Date) ms = raw.getTime();
	else if (typeof raw === 'object' && typeof (raw as { toMillis?: unknown }).toMillis === 'function') {
		ms = (raw as { toMillis: () => number }).toMillis();
	}
	if (!Number.isFinite(ms)) {
		throw invalidInput(context, itemIndex, field, `${JSON.stringify(raw)} is not a date and time`);
	}
	return Math.floor(ms / 1000);
}

/** A multi-value field: an array from the editor, or a comma-separated text from an expression. */
function readList(value: unknown): unknown[] {
	if (Array.isArray(value)) return value as unknown[];
	if (typeof value === 'string') return value.split(',').map((part) => part.trim()).filter((part) => part !== '');
	return value === undefined || value === null ? [] : [value];
}

function readFilterValues(context: IExecuteFunctions, itemIndex: number, filter: ReportFilter, value: unknown): string[] {
	return readList(value).map((entry) => {
		if ('values' in filter) return checkOneOf(context, entry, filter.values, itemIndex, filter.displayName);
		if (typeof entry !== 'string' || ('ids' in filter && (!ID_REGEX.test(entry) || entry.includes('..')))) {
			throw invalidInput(context, itemIndex, filter.displayName, `${JSON.stringify(entry)} is not a valid ID`);
		}
		return entry;
	});
}

/** One item per result row, each with its bucket's start and end. */
function resultRows(buckets: IDataObject[], flattenAmount: boolean): IDataObject[] {
	return buckets.flatMap((bucket) =>
		((bucket.results ?? []) as IDataObject[]).map((result) => {
			const row: IDataObject = { start_time: bucket.start_time, end_time: bucket.end_time, ...result };
			const amount = result.amount as IDataObject | undefined;
			if (flattenAmount && amount && typeof amount === 'object') {
				row.amount = amount.value;
				row.currency = amount.currency;
			}
			return row;
		}),
	);
}

const OUTPUTS = ['rows', 'buckets'] as const;

/** A usage or cost report's parameters in the spec: its widths, its `group_by` and its filters. */
function reportQuery(operationId: ReportId) {
	const query = SPEC_OPERATIONS[operationId].query as SpecOperation['query'];
	const widths = query.bucket_width?.enum ?? [];
	const given = query.bucket_width?.default;
	const defaultWidth = typeof given === 'string' ? given : widths[0];
	const filters = Object.entries(query)
		.filter(([name, field]) => field.type === 'array' && name !== 'group_by')
		.map(([name, field]): ReportFilter => {
			const words = FILTER_WORDS[name];
			if (!words) throw new Error(`${operationId}: no words for the report filter "${name}"`);
			const values = field.items?.enum;
			return values ? { ...words, values } : words;
		});
	return {
		bucketWidths: [defaultWidth, ...widths.filter((width) => width !== defaultWidth)],
		groupBy: query.group_by?.items?.enum ?? [],
		filters,
		batchFilter: query.batch?.type === 'boolean',
	};
}

export type ReportId = Extract<OperationId, `usage-${string}`>;

/** A usage or cost report as an operation of the registry. */
export function report(operationId: ReportId, declaration: ReportDeclaration): Operation {
	const { path } = SPEC_OPERATIONS[operationId];
	const pager = nextPagePager(declaration.bucketsPerPage);
	const spec = reportQuery(operationId);
	const [defaultWidth] = spec.bucketWidths;
	const what = declaration.what ?? 'usage';
	const filterFields = spec.filters.map((filter) => filterField({ ...filter, description: filter.description.replace('usage', what) }));
	if (spec.batchFilter) {
		filterFields.push({
			displayName: 'Batch',
			name: 'batch',
			type: 'options',
			options: [
				{ name: 'Batch Jobs Only', value: true },
				{ name: 'Non-Batch Jobs Only', value: false },
			],
			default: true,
			description: 'Whether to count only batch jobs or only jobs that are not batches; leave out for both',
		});
	}
	filterFields.sort((a, b) => a.displayName.localeCompare(b.displayName));
	const widthOptions: INodePropertyOptions[] = spec.bucketWidths.map((value) => ({ name: WIDTH_NAMES[value] ?? value, value }));
	const properties: INodeProperties[] = [
		{
			displayName: 'Start Time',
			name: 'startTime',
			type: 'dateTime',
			required: true,
			default: '={{ $now.minus(7, "days").startOf("day").toISO() }}',
			description: 'Start of the time range, inclusive; the first bucket starts at the bucket boundary at or before it',
		},
		{
			displayName: 'End Time',
			name: 'endTime',
			type: 'dateTime',
			default: '',
			description: 'End of the time range, exclusive; leave empty for now',
		},
		...(widthOptions.length > 1
			? [
					{
						displayName: 'Bucket Width',
						name: 'bucket_width',
						type: 'options',
						options: widthOptions.sort(byName),
						default: defaultWidth,
						description: `The length of each time bucket. Limit and pages count buckets: at most ${Object.entries(
							Object.fromEntries(spec.bucketWidths.map((width) => [width, pager.pageSize({ bucket_width: width })])),
						)
							.map(([width, size]) => `${size} per request for ${width}`)
							.join(', ')}.`,
					} satisfies INodeProperties,
				]
			: []),
		{
			displayName: 'Group By',
			name: 'group_by',
			type: 'multiOptions',
			options: spec.groupBy.map((value) => ({ name: label(value), value })).sort(byName),
			default: [],
			description: 'Split each bucket into one result per value of these fields; none gives one total per bucket',
		},
		dropdown('Output', 'output', [
			['One Item per Bucket', 'buckets', 'Each time bucket as the API sends it, with its results inside'],
			['One Item per Result Row', 'rows', `Each result with its bucket's start_time and end_time${declaration.flattenAmount ? ', and its amount and currency as plain fields' : ''}; empty buckets give no items`],
		], { default: 'rows', description: 'How the buckets become items' }),
		...listControls(pager.maxLimit),
		collection('filters', filterFields),
	];
	const filterSpecs = new Map(spec.filters.map((filter) => [filter.name, filter]));

	return {
		method: 'GET',
		path,
		operationId,
		value: declaration.value,
		name: declaration.name,
		action: declaration.action,
		description: declaration.description,
		locators: {},
		buckets: pager,
		filters: filterFields,
		plain: true,
		properties,
		async execute(itemIndex, api) {
			const query: IDataObject = { start_time: readTime(this, 'startTime', itemIndex, 'Start Time', true) };
			const end = readTime(this, 'endTime', itemIndex, 'End Time', false);
			if (end !== undefined) {
				if (end <= (query.start_time as number)) throw invalidInput(this, itemIndex, 'End Time', 'must be after the Start Time');
				query.end_time = end;
			}
			if (widthOptions.length > 1) {
				query.bucket_width = checkOneOf(this, this.getNodeParameter('bucket_width', itemIndex, defaultWidth), spec.bucketWidths, itemIndex, 'Bucket Width');
			}
			const groupBy = readList(this.getNodeParameter('group_by', itemIndex, []));
			if (groupBy.length) query.group_by = groupBy.map((field) => checkOneOf(this, field, spec.groupBy, itemIndex, 'Group By'));
			const output = checkOneOf(this, this.getNodeParameter('output', itemIndex, 'rows'), OUTPUTS, itemIndex, 'Output');
			const chosen = readCollection(this, 'filters', itemIndex);
			for (const [name, value] of Object.entries(chosen)) {
				const filter = filterSpecs.get(name);
				if (filter) {
					const values = readFilterValues(this, itemIndex, filter, value);
					if (values.length) query[name] = values;
				} else if (name === 'batch' && spec.batchFilter) {
					if (typeof value !== 'boolean') throw invalidInput(this, itemIndex, 'Batch', `${JSON.stringify(value)} is not true or false`);
					query.batch = value;
				}
			}
			const { returnAll, limit } = readListControls(this, itemIndex, pager.maxLimit);
			const buckets = await listAll(api, path, query, { returnAll, limit }, pager);
			return output === 'buckets' ? buckets : resultRows(buckets, declaration.flattenAmount === true);
		},
	};
}

/** The words for each filter of the reports, by the spec's parameter name; `usage` is the report's subject. */
const FILTER_WORDS: Record<string, ReportFilter> = {
	project_ids: { name: 'project_ids', displayName: 'Project Names or IDs', description: 'Only usage of these projects', ids: 'getProjects' },
	user_ids: { name: 'user_ids', displayName: 'User Names or IDs', description: 'Only usage of these users', ids: 'getUsers' },
	api_key_ids: { name: 'api_key_ids', displayName: 'API Key Names or IDs', description: 'Only usage of these API keys', ids: 'getApiKeys' },
	models: { name: 'models', displayName: 'Models', description: 'Only usage of these models, separated by commas', text: 'e.g. gpt-4o, gpt-4o-mini' },
	vector_store_ids: { name: 'vector_store_ids', displayName: 'Vector Stores', description: 'Only calls on these vector stores, by ID, separated by commas', text: 'e.g. vs_abc123' },
	sizes: { name: 'sizes', displayName: 'Sizes', description: 'Only images of these sizes', values: [] },
	sources: { name: 'sources', displayName: 'Sources', description: 'Only images made this way', values: [] },
	context_levels: { name: 'context_levels', displayName: 'Context Levels', description: 'Only calls of these search context sizes', values: [] },
};
