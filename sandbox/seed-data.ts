/** Word lists and the model catalog the seeded organization is built from. */

import type { RateLimit } from './types';

export const FIRST_NAMES = [
	'Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Edsger',
	'Radia', 'Donald', 'Katherine', 'Tim', 'Hedy', 'John', 'Sophie', 'Guido', 'Annie', 'Bjarne',
	'Shafi', 'Leslie', 'Joan', 'Niklaus', 'Evelyn', 'Yukihiro', 'Mary', 'James', 'Lynn', 'Brian',
	'Karen', 'Vint', 'Carol', 'Robert', 'Jean', 'Whitfield', 'Marian', 'Butler', 'Adele', 'Ivan',
];

export const LAST_NAMES = [
	'Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen',
	'Dijkstra', 'Perlman', 'Knuth', 'Johnson', 'Berners-Lee', 'Lamarr', 'McCarthy', 'Wilson', 'van Rossum',
	'Easley', 'Stroustrup', 'Goldwasser', 'Lamport', 'Clarke', 'Wirth', 'Berezin', 'Matsumoto', 'Keller',
	'Gosling', 'Conway', 'Kernighan', 'Spärck Jones', 'Cerf', 'Shaw', 'Kahn', 'Bartik', 'Diffie', 'Croak',
	'Lampson', 'Goldberg', 'Sutherland',
];

export const PROJECT_TEAMS = [
	'Support', 'Growth', 'Search', 'Billing', 'Research', 'Platform', 'Mobile', 'Data', 'Marketing',
	'Legal', 'Sales', 'Security', 'Onboarding', 'Analytics', 'Infra', 'Docs',
];

export const PROJECT_PURPOSES = [
	'Chat Assistant', 'Summarizer', 'Classifier', 'Embeddings', 'Eval Harness', 'Batch Jobs', 'Prototype',
	'Agents', 'Translation', 'Voice Bot', 'Code Review', 'RAG Pipeline', 'Moderation', 'Sandbox', 'Copilot',
];

export const SERVICE_ACCOUNT_NAMES = [
	'ci-deploy', 'batch-worker', 'support-bot', 'nightly-evals', 'ingest-pipeline', 'webhook-relay',
	'analytics-export', 'staging-app', 'prod-app', 'slack-integration',
];

export const API_KEY_NAMES = [
	'Production', 'Staging', 'Local dev', 'CI', 'Notebook', 'Zapier integration', 'Eval runner',
	'Backfill script', 'Demo', 'Mobile app', 'Cron jobs', 'Load test',
];

export const RESIDENCIES = [
	'GLOBAL', 'US_STORAGE_PROCESSING', 'EU_STORAGE_PROCESSING', 'JP_STORAGE', 'KR_STORAGE', 'CA_STORAGE',
	'SG_STORAGE', 'IN_STORAGE', 'AU_STORAGE', 'GB_STORAGE', 'AE_STORAGE', 'AE_STORAGE_PROCESSING',
] as const;

/**
 * Organization-level ceilings per model, the fields of a project's rate limit: a project's limit can
 * be lowered, never raised above these.
 */
export type ModelLimits = Omit<RateLimit, 'object' | 'id'>;

const chat = (model: string, rpm: number, tpm: number, batch: number): ModelLimits => ({
	model,
	max_requests_per_1_minute: rpm,
	max_tokens_per_1_minute: tpm,
	batch_1_day_max_input_tokens: batch,
});

export const MODEL_CATALOG: ModelLimits[] = [
	chat('gpt-4o', 10000, 30000000, 5000000000),
	chat('gpt-4o-mini', 30000, 150000000, 15000000000),
	chat('gpt-4.1', 10000, 30000000, 15000000000),
	chat('gpt-4.1-mini', 30000, 150000000, 15000000000),
	chat('gpt-4.1-nano', 30000, 150000000, 15000000000),
	chat('gpt-5', 15000, 40000000, 15000000000),
	chat('gpt-5-mini', 30000, 180000000, 15000000000),
	chat('gpt-5-nano', 30000, 180000000, 15000000000),
	chat('o3', 10000, 30000000, 5000000000),
	chat('o4-mini', 30000, 150000000, 15000000000),
	chat('o1', 10000, 30000000, 5000000000),
	chat('o3-mini', 30000, 150000000, 15000000000),
	chat('gpt-4-turbo', 10000, 2000000, 300000000),
	chat('gpt-3.5-turbo', 10000, 50000000, 10000000000),
	{ model: 'gpt-3.5-turbo-instruct', max_requests_per_1_minute: 3500, max_tokens_per_1_minute: 90000, max_requests_per_1_day: 10000 },
	{ model: 'gpt-image-1', max_requests_per_1_minute: 250, max_tokens_per_1_minute: 8000000, max_images_per_1_minute: 250 },
	{ model: 'dall-e-3', max_requests_per_1_minute: 10000, max_tokens_per_1_minute: 0, max_images_per_1_minute: 15 },
	{ model: 'dall-e-2', max_requests_per_1_minute: 10000, max_tokens_per_1_minute: 0, max_images_per_1_minute: 100 },
	{ model: 'whisper-1', max_requests_per_1_minute: 10000, max_tokens_per_1_minute: 0, max_audio_megabytes_per_1_minute: 250 },
	{ model: 'gpt-4o-transcribe', max_requests_per_1_minute: 10000, max_tokens_per_1_minute: 8000000, max_audio_megabytes_per_1_minute: 250 },
	{ model: 'tts-1', max_requests_per_1_minute: 10000, max_tokens_per_1_minute: 0 },
	{ model: 'gpt-4o-mini-tts', max_requests_per_1_minute: 10000, max_tokens_per_1_minute: 8000000 },
	chat('text-embedding-3-small', 10000, 10000000, 4000000000),
	chat('text-embedding-3-large', 10000, 10000000, 4000000000),
	chat('text-embedding-ada-002', 10000, 10000000, 4000000000),
	{ model: 'omni-moderation-latest', max_requests_per_1_minute: 5000, max_tokens_per_1_minute: 500000 },
	{ model: 'gpt-4o-realtime-preview', max_requests_per_1_minute: 20000, max_tokens_per_1_minute: 15000000 },
	{ model: 'gpt-4o-audio-preview', max_requests_per_1_minute: 10000, max_tokens_per_1_minute: 30000000 },
	{ model: 'computer-use-preview', max_requests_per_1_minute: 3000, max_tokens_per_1_minute: 40000000, batch_1_day_max_input_tokens: 450000000 },
	chat('babbage-002', 10000, 3000000, 300000000),
	chat('davinci-002', 10000, 3000000, 300000000),
];

/** The n-th model of an endless catalog: the real names first, then dated snapshots of them. */
export function catalogModel(n: number): ModelLimits {
	const base = MODEL_CATALOG[n % MODEL_CATALOG.length];
	const round = Math.floor(n / MODEL_CATALOG.length);
	if (round === 0) return base;
	return { ...base, model: `${base.model}-snapshot-${String(round).padStart(3, '0')}` };
}

/** Ceilings for a model name (catalog entry, or of the base model for a snapshot name). */
export function limitsFor(model: string): ModelLimits | undefined {
	const base = model.replace(/-snapshot-\d+$/, '');
	const found = MODEL_CATALOG.find((m) => m.model === base);
	return found ? { ...found, model } : undefined;
}
