import { resource } from '../resource';
import type { ReportId } from './report';
import { report } from './report';

/** Buckets per request by width: the spec's maximum for each (stated in prose). */
export const USAGE_BUCKETS_PER_PAGE = { '1d': 31, '1h': 168, '1m': 1440 };

/** One usage endpoint, `usage-<kind>` in the spec; its widths, groupings and filters come from there. */
function usage(operationId: ReportId, name: string, what: string) {
	return report(operationId, {
		value: `get${name.replace(/ /g, '')}`,
		name: `Get ${name}`,
		action: `Get ${name.toLowerCase()} usage`,
		description: `Usage of ${what}, in time buckets`,
		bucketsPerPage: USAGE_BUCKETS_PER_PAGE,
	});
}

export const usageResource = resource({ value: 'usage', name: 'Usage', description: 'Usage of the organization by project, user, API key and model, in time buckets', defaultOperation: 'getCompletions' }, [
	usage('usage-audio-speeches', 'Audio Speeches', 'text to speech (characters)'),
	usage('usage-audio-transcriptions', 'Audio Transcriptions', 'speech to text (seconds)'),
	usage('usage-code-interpreter-sessions', 'Code Interpreter Sessions', 'code interpreter sessions'),
	usage('usage-completions', 'Completions', 'chat and completion models (tokens and requests)'),
	usage('usage-embeddings', 'Embeddings', 'embedding models (tokens and requests)'),
	usage('usage-file-search-calls', 'File Search Calls', 'file search calls'),
	usage('usage-images', 'Images', 'image models (images and requests)'),
	usage('usage-moderations', 'Moderations', 'moderation models (tokens and requests)'),
	usage('usage-vector-stores', 'Vector Stores', 'vector store storage (bytes)'),
	usage('usage-web-search-calls', 'Web Search Calls', 'web search calls'),
	]);
