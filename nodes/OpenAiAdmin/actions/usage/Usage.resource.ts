import { nextPagePager } from '../../transport/pagination';
import type { Resource } from '../types';
import type { ReportFilter } from './report';
import { API_KEYS, MODELS, PROJECTS, USERS, report } from './report';

/** Buckets per request by width, the API's default width first: the spec's maximum for each. */
export const usagePager = nextPagePager({ '1d': 31, '1h': 168, '1m': 1440 });

const WIDTHS = ['1d', '1h', '1m'] as const;
const PEOPLE = ['project_id', 'user_id', 'api_key_id', 'model'] as const;
const PEOPLE_FILTERS = [PROJECTS, USERS, API_KEYS, MODELS];

/** One usage endpoint: `/organization/usage/<segment>`, `usage-<segment in kebab case>` in the spec. */
function usage(
	segment: string,
	name: string,
	what: string,
	groupBy: readonly string[],
	filters: ReportFilter[],
	extra: { batchFilter?: boolean } = {},
) {
	return report({
		value: `get${name.replace(/ /g, '')}`,
		name: `Get ${name}`,
		action: `Get ${name.toLowerCase()} usage`,
		description: `Usage of ${what}, in time buckets`,
		path: `/organization/usage/${segment}`,
		operationId: `usage-${segment.replace(/_/g, '-')}`,
		bucketWidths: WIDTHS,
		pager: usagePager,
		groupBy,
		filters,
		...extra,
	});
}

export const usageResource: Resource = {
	value: 'usage',
	name: 'Usage',
	description: 'Usage of the organization by project, user, API key and model, in time buckets',
	defaultOperation: 'getCompletions',
	operations: [
		usage('audio_speeches', 'Audio Speeches', 'text to speech (characters)', PEOPLE, PEOPLE_FILTERS),
		usage('audio_transcriptions', 'Audio Transcriptions', 'speech to text (seconds)', PEOPLE, PEOPLE_FILTERS),
		usage('code_interpreter_sessions', 'Code Interpreter Sessions', 'code interpreter sessions', ['project_id'], [PROJECTS]),
		usage('completions', 'Completions', 'chat and completion models (tokens and requests)', [...PEOPLE, 'batch', 'service_tier'], PEOPLE_FILTERS, {
			batchFilter: true,
		}),
		usage('embeddings', 'Embeddings', 'embedding models (tokens and requests)', PEOPLE, PEOPLE_FILTERS),
		usage('file_search_calls', 'File Search Calls', 'file search calls', ['project_id', 'user_id', 'api_key_id', 'vector_store_id'], [
			PROJECTS,
			USERS,
			API_KEYS,
			{ name: 'vector_store_ids', displayName: 'Vector Stores', description: 'Only calls on these vector stores, by ID, separated by commas', text: 'e.g. vs_abc123' },
		]),
		usage('images', 'Images', 'image models (images and requests)', [...PEOPLE, 'size', 'source'], [
			...PEOPLE_FILTERS,
			{ name: 'sizes', displayName: 'Sizes', description: 'Only images of these sizes', values: ['256x256', '512x512', '1024x1024', '1792x1792', '1024x1792'] },
			{ name: 'sources', displayName: 'Sources', description: 'Only images made this way', values: ['image.generation', 'image.edit', 'image.variation'] },
		]),
		usage('moderations', 'Moderations', 'moderation models (tokens and requests)', PEOPLE, PEOPLE_FILTERS),
		usage('vector_stores', 'Vector Stores', 'vector store storage (bytes)', ['project_id'], [PROJECTS]),
		usage('web_search_calls', 'Web Search Calls', 'web search calls', [...PEOPLE, 'context_level'], [
			...PEOPLE_FILTERS,
			{ name: 'context_levels', displayName: 'Context Levels', description: 'Only calls of these search context sizes', values: ['low', 'medium', 'high'] },
		]),
	],
};
