/**
 * Usage and costs: seeded, deterministic activity (one record per project, API key, model and
 * day, over the days before the epoch) that every `/organization/usage/*` endpoint and
 * `/organization/costs` aggregate into time buckets. A test can sum `state.usage` itself and compare:
 * the buckets of any window, grouping and filter add up to exactly the records inside it.
 */
import { badRequest, queryBoolean, queryEnum, queryList } from './http';
import { pageOf } from './pagers';
import { Rng } from './random';
import type { OperationId } from '../nodes/shared/spec';
import { route, type Route, type RouteContext } from './resources/context';
import type { Project } from './types';

export const DAY = 86400;

/** One kind of activity per usage endpoint, named by the endpoint's last path segment. */
export const USAGE_KINDS = [
	'completions',
	'embeddings',
	'moderations',
	'images',
	'audio_speeches',
	'audio_transcriptions',
	'vector_stores',
	'code_interpreter_sessions',
	'file_search_calls',
	'web_search_calls',
] as const;
export type UsageKind = (typeof USAGE_KINDS)[number];

/** One seeded record: who used what, when, how much, and what it cost. */
export interface UsageRecord {
	kind: UsageKind;
	/** Unix seconds, inside the record's day. */
	at: number;
	project_id: string;
	user_id: string | null;
	api_key_id: string | null;
	model: string | null;
	batch: boolean | null;
	service_tier: string | null;
	size: string | null;
	source: string | null;
	context_level: string | null;
	vector_store_id: string | null;
	/** The kind's counters, by the spec's result field names (input_tokens, images, usage_bytes, ...). */
	metrics: Record<string, number>;
	/** The cost of the record in millionths of a dollar, so that sums stay exact. */
	cost_micros: number;
	/** The costs endpoint's `line_item` this record is billed under. */
	line_item: string;
	/** The billed quantity and its unit (`quantity`, `quantity_unit` of a line-item cost row). */
	quantity: number;
	quantity_unit: string;
}

interface KindSpec {
	object: string;
	/** The dimensions `group_by` accepts (the spec's enum) and that filters narrow. */
	groupBy: readonly string[];
	/** Query filter → record field; enum filters list their values. */
	filters: Record<string, { field: keyof UsageRecord; values?: readonly string[] }>;
	metrics: readonly string[];
	/** The record's dimensions shown on every result row (null unless grouped by). */
	dimensions: readonly string[];
}

const IDS = {
	project_ids: { field: 'project_id' },
	user_ids: { field: 'user_id' },
	api_key_ids: { field: 'api_key_id' },
	models: { field: 'model' },
} as const;
const PERSON = ['project_id', 'user_id', 'api_key_id', 'model'] as const;

const IMAGE_SOURCES = ['image.generation', 'image.edit', 'image.variation'] as const;
const IMAGE_SIZES = ['256x256', '512x512', '1024x1024', '1792x1792', '1024x1792'] as const;
const CONTEXT_LEVELS = ['low', 'medium', 'high'] as const;

/** What each usage endpoint groups, filters and counts, as the spec lists them. */
export const KINDS: Record<UsageKind, KindSpec> = {
	completions: {
		object: 'organization.usage.completions.result',
		groupBy: [...PERSON, 'batch', 'service_tier'],
		filters: { ...IDS },
		metrics: ['input_tokens', 'input_cached_tokens', 'output_tokens', 'input_audio_tokens', 'output_audio_tokens', 'num_model_requests'],
		dimensions: [...PERSON, 'batch', 'service_tier'],
	},
	embeddings: { object: 'organization.usage.embeddings.result', groupBy: PERSON, filters: { ...IDS }, metrics: ['input_tokens', 'num_model_requests'], dimensions: PERSON },
	moderations: { object: 'organization.usage.moderations.result', groupBy: PERSON, filters: { ...IDS }, metrics: ['input_tokens', 'num_model_requests'], dimensions: PERSON },
	images: {
		object: 'organization.usage.images.result',
		groupBy: [...PERSON, 'size', 'source'],
		filters: { ...IDS, sources: { field: 'source', values: IMAGE_SOURCES }, sizes: { field: 'size', values: IMAGE_SIZES } },
		metrics: ['images', 'num_model_requests'],
		dimensions: ['source', 'size', ...PERSON],
	},
	audio_speeches: { object: 'organization.usage.audio_speeches.result', groupBy: PERSON, filters: { ...IDS }, metrics: ['characters', 'num_model_requests'], dimensions: PERSON },
	audio_transcriptions: { object: 'organization.usage.audio_transcriptions.result', groupBy: PERSON, filters: { ...IDS }, metrics: ['seconds', 'num_model_requests'], dimensions: PERSON },
	vector_stores: { object: 'organization.usage.vector_stores.result', groupBy: ['project_id'], filters: { project_ids: IDS.project_ids }, metrics: ['usage_bytes'], dimensions: ['project_id'] },
	code_interpreter_sessions: {
		object: 'organization.usage.code_interpreter_sessions.result',
		groupBy: ['project_id'],
		filters: { project_ids: IDS.project_ids },
		metrics: ['num_sessions'],
		dimensions: ['project_id'],
	},
	file_search_calls: {
		object: 'organization.usage.file_searches.result',
		groupBy: ['project_id', 'user_id', 'api_key_id', 'vector_store_id'],
		filters: { project_ids: IDS.project_ids, user_ids: IDS.user_ids, api_key_ids: IDS.api_key_ids, vector_store_ids: { field: 'vector_store_id' } },
		metrics: ['num_requests'],
		dimensions: ['project_id', 'user_id', 'api_key_id', 'vector_store_id'],
	},
	web_search_calls: {
		object: 'organization.usage.web_searches.result',
		groupBy: [...PERSON, 'context_level'],
		filters: { ...IDS, context_levels: { field: 'context_level', values: CONTEXT_LEVELS } },
		metrics: ['num_model_requests', 'num_requests'],
		dimensions: [...PERSON, 'context_level'],
	},
};

const COSTS: KindSpec = {
	object: 'organization.costs.result',
	groupBy: ['project_id', 'line_item', 'api_key_id'],
	filters: { project_ids: IDS.project_ids, api_key_ids: IDS.api_key_ids },
	metrics: [],
	dimensions: ['project_id', 'line_item', 'api_key_id'],
};

/** Models per kind, and what a unit costs in millionths of a dollar. */
const MODELS: Partial<Record<UsageKind, Array<[model: string, microsPerUnit: number]>>> = {
	completions: [['gpt-4o', 5], ['gpt-4o-mini', 1], ['o3-mini', 3]],
	embeddings: [['text-embedding-3-small', 1]],
	moderations: [['omni-moderation-latest', 0]],
	images: [['gpt-image-1', 40000], ['dall-e-3', 80000]],
	audio_speeches: [['tts-1', 15]],
	audio_transcriptions: [['whisper-1', 100]],
	web_search_calls: [['gpt-4o', 25000]],
};

/** One record of a kind, drawn from the stream: its dimensions, counters, cost and line item. */
function drawRecord(rng: Rng, kind: UsageKind, at: number, project: Project, key: { id: string; userId: string | null }): UsageRecord {
	const [model, price] = MODELS[kind] ? rng.pick(MODELS[kind]) : [null, 0];
	const requests = rng.int(1, 40);
	const base: UsageRecord = {
		kind,
		at,
		project_id: project.id,
		user_id: key.userId,
		api_key_id: key.id,
		model,
		batch: null,
		service_tier: null,
		size: null,
		source: null,
		context_level: null,
		vector_store_id: null,
		metrics: {},
		cost_micros: 0,
		line_item: '',
		quantity: 0,
		quantity_unit: 'tokens',
	};
	let units = 0;
	switch (kind) {
		case 'completions': {
			const input = rng.int(100, 20000);
			const output = rng.int(50, 8000);
			base.batch = rng.next() < 0.25;
			base.service_tier = rng.pick(['default', 'flex', 'priority']);
			base.metrics = { input_tokens: input, input_cached_tokens: Math.floor(input / 4), output_tokens: output, input_audio_tokens: 0, output_audio_tokens: 0, num_model_requests: requests };
			units = input + 4 * output;
			base.quantity = input + output;
			break;
		}
		case 'embeddings':
		case 'moderations':
			units = rng.int(100, 50000);
			base.metrics = { input_tokens: units, num_model_requests: requests };
			base.quantity = units;
			break;
		case 'images':
			base.source = rng.pick(IMAGE_SOURCES);
			base.size = rng.pick(IMAGE_SIZES);
			units = rng.int(1, 6);
			base.metrics = { images: units, num_model_requests: Math.min(units, requests) };
			base.quantity = units;
			base.quantity_unit = 'images';
			break;
		case 'audio_speeches':
			units = rng.int(200, 6000);
			base.metrics = { characters: units, num_model_requests: requests };
			base.quantity = units;
			base.quantity_unit = 'characters';
			break;
		case 'audio_transcriptions':
			units = rng.int(10, 900);
			base.metrics = { seconds: units, num_model_requests: requests };
			base.quantity = units;
			base.quantity_unit = 'duration_seconds';
			break;
		case 'vector_stores':
			units = rng.int(1, 500) * 1024 * 1024;
			base.metrics = { usage_bytes: units };
			base.cost_micros = Math.round(units / 10000);
			base.quantity = units;
			base.quantity_unit = 'gibibyte_hours';
			break;
		case 'code_interpreter_sessions':
			units = rng.int(1, 12);
			base.metrics = { num_sessions: units };
			base.cost_micros = 30000 * units;
			base.quantity = units;
			base.quantity_unit = 'duration_hours';
			break;
		case 'file_search_calls':
			units = rng.int(1, 60);
			base.vector_store_id = `vs_${project.id.slice(5, 13)}${rng.int(1, 2)}`;
			base.metrics = { num_requests: units };
			base.cost_micros = 2500 * units;
			base.quantity = units;
			base.quantity_unit = 'tokens';
			break;
		case 'web_search_calls':
			base.context_level = rng.pick(CONTEXT_LEVELS);
			units = rng.int(1, 30);
			base.metrics = { num_model_requests: units, num_requests: units + rng.int(0, 5) };
			base.quantity = units;
			base.quantity_unit = 'tokens';
			break;
	}
	if (price) base.cost_micros = units * price;
	// Line items name what is billed, as the platform's cost export does: "gpt-4o, completions".
	base.line_item = model ? `${model}, ${kind.replace(/_/g, ' ')}` : kind.replace(/_/g, ' ');
	return base;
}

/**
 * Seeds `days` days of activity before `epoch`: every project with keys, on every day, gets one
 * record per key of a few kinds (completions always), at a drawn second of the day. Its own stream,
 * so the activity shifts no other id.
 */
export function seedUsage(projects: Project[], seed: number, epoch: number, days: number): UsageRecord[] {
	const rng = Rng.derive(seed, 0x05a9e);
	const records: UsageRecord[] = [];
	const firstDay = Math.floor(epoch / DAY) * DAY - days * DAY;
	for (let day = 0; day < days; day++) {
		const dayStart = firstDay + day * DAY;
		for (const project of projects) {
			const keys = project.apiKeys.slice(0, 3).map((key) => ({ id: key.id, userId: key.owner.type === 'user' ? key.owner.user.id : null }));
			for (const key of keys) {
				const kinds: UsageKind[] = ['completions', ...USAGE_KINDS.filter((kind) => kind !== 'completions' && rng.next() < 0.35)];
				for (const kind of kinds) records.push(drawRecord(rng, kind, dayStart + rng.int(0, DAY - 1), project, key));
			}
		}
	}
	return records.sort((a, b) => a.at - b.at);
}

// ---------------------------------------------------------------------------- aggregation

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
