/**
 * The ten `/organization/usage/*` endpoints and `/organization/costs`: the seeded records of usage.ts
 * summed into buckets aligned to the width over `[start_time, end_time)`, grouped by `group_by`,
 * narrowed by the spec's filters, in the `page` style.
 */
import type { OperationId } from '../../nodes/shared/spec';
import { badRequest, queryBoolean, queryEnum, queryList } from '../http';
import { pageOf } from '../pagers';
import { COSTS, DAY, KINDS, USAGE_KINDS, type KindSpec, type UsageKind, type UsageRecord } from '../usage';
import { route, type Route, type RouteContext } from './context';

const WIDTHS: Record<string, { seconds: number; defaultLimit: number; maxLimit: number }> = {
	'1m': { seconds: 60, defaultLimit: 60, maxLimit: 1440 },
	'1h': { seconds: 3600, defaultLimit: 24, maxLimit: 168 },
	'1d': { seconds: DAY, defaultLimit: 7, maxLimit: 31 },
};

function queryInteger(query: URLSearchParams, name: string, required: boolean): number | undefined {
	const raw = query.get(name);
	if (raw === null || raw === '') {
		if (required) throw badRequest(`Missing required parameter: '${name}'.`, name, 'missing_required_parameter');
		return undefined;
	}
	if (!/^\d+$/.test(raw)) throw badRequest(`Invalid '${name}': expected an integer, but got '${raw}' instead.`, name, 'invalid_type');
	return Number(raw);
}

function checkValues(query: URLSearchParams, name: string, values: readonly string[]): string[] {
	const given = queryList(query, name);
	for (const value of given) {
		if (!values.includes(value)) {
			throw badRequest(`Invalid value for '${name}': '${value}'. Supported values are: ${values.map((v) => `'${v}'`).join(', ')}.`, name, 'invalid_value');
		}
	}
	return given;
}

function limitOf(query: URLSearchParams, fallback: number, max: number): number {
	const raw = query.get('limit');
	if (raw === null) return fallback;
	const limit = Number(raw);
	if (!/^\d+$/.test(raw) || limit < 1 || limit > max) {
		throw badRequest(`Invalid 'limit': expected an integer from 1 to ${max} for this bucket width, but got '${raw}' instead.`, 'limit');
	}
	return limit;
}

const rowKey = (record: UsageRecord, fields: readonly string[]) =>
	JSON.stringify(fields.map((field) => record[field as keyof UsageRecord] ?? null));

/** One result row: the grouped dimensions, null for the others, and the summed counters or cost. */
function resultRow(spec: KindSpec, records: UsageRecord[], grouped: readonly string[]): Record<string, unknown> {
	const first = records[0];
	const row: Record<string, unknown> = { object: spec.object };
	if (spec === COSTS) {
		const micros = records.reduce((sum, r) => sum + r.cost_micros, 0);
		row.amount = { value: micros / 1e6, currency: 'usd' };
		const byLineItem = grouped.includes('line_item');
		for (const field of spec.dimensions) row[field] = grouped.includes(field) ? first[field as keyof UsageRecord] : null;
		row.quantity = byLineItem ? records.reduce((sum, r) => sum + r.quantity, 0) : null;
		row.quantity_unit = byLineItem ? first.quantity_unit : null;
		return row;
	}
	for (const metric of spec.metrics) row[metric] = records.reduce((sum, r) => sum + (r.metrics[metric] ?? 0), 0);
	for (const field of spec.dimensions) row[field] = grouped.includes(field) ? first[field as keyof UsageRecord] : null;
	return row;
}

/** The buckets of [start, end) and their rows, for one endpoint's query. */
export function usageBuckets(records: UsageRecord[], spec: KindSpec, query: URLSearchParams, now: number, widths: readonly string[]) {
	const start = queryInteger(query, 'start_time', true)!;
	const end = queryInteger(query, 'end_time', false) ?? Math.max(now, start + 1);
	if (end <= start) throw badRequest(`Invalid 'end_time': it must be after 'start_time'.`, 'end_time');
	const width = WIDTHS[queryEnum(query, 'bucket_width', widths) ?? '1d'];
	const grouped = checkValues(query, 'group_by', spec.groupBy);
	const tests: Array<(record: UsageRecord) => boolean> = [];
	for (const [name, filter] of Object.entries(spec.filters)) {
		const wanted = filter.values ? checkValues(query, name, filter.values) : queryList(query, name);
		if (wanted.length) tests.push((record) => wanted.includes(String(record[filter.field])));
	}
	if (spec.groupBy.includes('batch') && query.has('batch')) {
		const batch = queryBoolean(query, 'batch', false);
		tests.push((record) => record.batch === batch);
	}
	const first = Math.floor(start / width.seconds) * width.seconds;
	const buckets: Array<{ start_time: number; end_time: number }> = [];
	for (let at = first; at < end; at += width.seconds) buckets.push({ start_time: at, end_time: at + width.seconds });
	const serialize = (bucket: { start_time: number; end_time: number }) => {
		// Only the part of a bucket inside [start, end) counts.
		const from = Math.max(bucket.start_time, start);
		const to = Math.min(bucket.end_time, end);
		const inside = records.filter((r) => r.at >= from && r.at < to && tests.every((test) => test(r)));
		const groups = new Map<string, UsageRecord[]>();
		for (const record of inside) {
			const key = rowKey(record, grouped);
			groups.set(key, [...(groups.get(key) ?? []), record]);
		}
		const results = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, group]) => resultRow(spec, group, grouped));
		return { object: 'bucket', start_time: bucket.start_time, end_time: bucket.end_time, results };
	};
	return { buckets, serialize, width };
}

function usageRoute(
	operationId: OperationId,
	spec: KindSpec,
	records: (ctx: RouteContext) => UsageRecord[],
	widths: readonly string[],
	limits?: { defaultLimit: number; maxLimit: number },
): Route {
	return route(operationId, {
		handler: (ctx) => {
			const { buckets, serialize, width } = usageBuckets(records(ctx), spec, ctx.query, ctx.now(), widths);
			const { defaultLimit, maxLimit } = limits ?? width;
			return pageOf(buckets, ctx.query, serialize, limitOf(ctx.query, defaultLimit, maxLimit));
		},
	});
}

/** The spec's operation for each usage endpoint (`/organization/usage/{kind}`). */
const USAGE_OPERATIONS: Record<UsageKind, OperationId> = {
	completions: 'usage-completions',
	embeddings: 'usage-embeddings',
	moderations: 'usage-moderations',
	images: 'usage-images',
	audio_speeches: 'usage-audio-speeches',
	audio_transcriptions: 'usage-audio-transcriptions',
	vector_stores: 'usage-vector-stores',
	code_interpreter_sessions: 'usage-code-interpreter-sessions',
	file_search_calls: 'usage-file-search-calls',
	web_search_calls: 'usage-web-search-calls',
};

export const routes: Route[] = [
	...USAGE_KINDS.map((kind) =>
		usageRoute(USAGE_OPERATIONS[kind], KINDS[kind], (ctx) => ctx.state.usage.filter((r) => r.kind === kind), ['1m', '1h', '1d']),
	),
	// Costs: daily buckets only, 1 to 180 of them per page (7 by default).
	usageRoute('usage-costs', COSTS, (ctx) => ctx.state.usage, ['1d'], { defaultLimit: 7, maxLimit: 180 }),
];
