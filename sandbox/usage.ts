/**
 * Usage and costs: seeded, deterministic activity (one record per project, API key, model and
 * day, over the days before the epoch) that every `/organization/usage/*` endpoint and
 * `/organization/costs` aggregate into time buckets (resources/usage.ts). A test can sum
 * `state.usage` itself and compare: the buckets of any window, grouping and filter add up to
 * exactly the records inside it.
 */
import { Rng } from './random';
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

/**
 * A cost that no usage endpoint counts (a credit, a correction of what was billed): only
 * `/organization/costs` sees it. `state.addCost` and `state.setCost` make these, for tests that
 * move spend forward in time and revise it.
 */
export const BILLED_ONLY = 'billed';

/** One record: who used what, when, how much, and what it cost. */
export interface UsageRecord {
	kind: UsageKind | typeof BILLED_ONLY;
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

export interface KindSpec {
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

export const COSTS: KindSpec = {
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

/** A record of a kind, at a moment, in a project: no dimension, counter or cost yet. */
function blankRecord(kind: UsageRecord['kind'], at: number, projectId: string): UsageRecord {
	return {
		kind,
		at,
		project_id: projectId,
		user_id: null,
		api_key_id: null,
		model: null,
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
}

/** A record's counters: its metrics, and what is billed in its unit (the record's own when none is given). */
function count(record: UsageRecord, metrics: Record<string, number>, quantity: number, unit = record.quantity_unit): void {
	record.metrics = metrics;
	record.quantity = quantity;
	record.quantity_unit = unit;
}

/** One record of a kind, drawn from the stream: its dimensions, counters, cost and line item. */
function drawRecord(rng: Rng, kind: UsageKind, at: number, project: Project, key: { id: string; userId: string | null }): UsageRecord {
	const [model, price] = MODELS[kind] ? rng.pick(MODELS[kind]) : [null, 0];
	const requests = rng.int(1, 40);
	const base: UsageRecord = { ...blankRecord(kind, at, project.id), user_id: key.userId, api_key_id: key.id, model };
	let units = 0;
	switch (kind) {
		case 'completions': {
			const input = rng.int(100, 20000);
			const output = rng.int(50, 8000);
			base.batch = rng.next() < 0.25;
			base.service_tier = rng.pick(['default', 'flex', 'priority']);
			units = input + 4 * output;
			count(base, { input_tokens: input, input_cached_tokens: Math.floor(input / 4), output_tokens: output, input_audio_tokens: 0, output_audio_tokens: 0, num_model_requests: requests }, input + output);
			break;
		}
		case 'embeddings':
		case 'moderations':
			units = rng.int(100, 50000);
			count(base, { input_tokens: units, num_model_requests: requests }, units);
			break;
		case 'images':
			base.source = rng.pick(IMAGE_SOURCES);
			base.size = rng.pick(IMAGE_SIZES);
			units = rng.int(1, 6);
			count(base, { images: units, num_model_requests: Math.min(units, requests) }, units, 'images');
			break;
		case 'audio_speeches':
			units = rng.int(200, 6000);
			count(base, { characters: units, num_model_requests: requests }, units, 'characters');
			break;
		case 'audio_transcriptions':
			units = rng.int(10, 900);
			count(base, { seconds: units, num_model_requests: requests }, units, 'duration_seconds');
			break;
		case 'vector_stores':
			units = rng.int(1, 500) * 1024 * 1024;
			base.cost_micros = Math.round(units / 10000);
			count(base, { usage_bytes: units }, units, 'gibibyte_hours');
			break;
		case 'code_interpreter_sessions':
			units = rng.int(1, 12);
			base.cost_micros = 30000 * units;
			count(base, { num_sessions: units }, units, 'duration_hours');
			break;
		case 'file_search_calls':
			units = rng.int(1, 60);
			base.vector_store_id = `vs_${project.id.slice(5, 13)}${rng.int(1, 2)}`;
			base.cost_micros = 2500 * units;
			count(base, { num_requests: units }, units, 'tokens');
			break;
		case 'web_search_calls':
			base.context_level = rng.pick(CONTEXT_LEVELS);
			units = rng.int(1, 30);
			count(base, { num_model_requests: units, num_requests: units + rng.int(0, 5) }, units, 'tokens');
			break;
	}
	if (price) base.cost_micros = units * price;
	// Line items name what is billed, as the platform's cost export does: "gpt-4o, completions".
	base.line_item = model ? `${model}, ${kind.replace(/_/g, ' ')}` : kind.replace(/_/g, ' ');
	return base;
}

/** A record of a cost alone, at `at`, of `micros` millionths of a dollar, billed under `lineItem`. */
export function billedRecord(projectId: string, at: number, micros: number, lineItem: string): UsageRecord {
	return { ...blankRecord(BILLED_ONLY, at, projectId), cost_micros: micros, line_item: lineItem, quantity_unit: 'usd' };
}

/** Puts a record into records kept oldest first, after those of the same second. */
export function insertRecord(records: UsageRecord[], record: UsageRecord): void {
	let low = 0;
	let high = records.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (records[middle].at <= record.at) low = middle + 1;
		else high = middle;
	}
	records.splice(low, 0, record);
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
