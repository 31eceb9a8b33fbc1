/**
 * How the spend watch reads `/organization/costs`, against a bare server that answers as told: the
 * buckets must follow one another from the first day asked for through every day that has ended (a
 * missing day would count as no spend), only today's may be missing; a page that contradicts itself
 * is an error; a second page, when the API sends one, is followed; a cost of no project belongs to
 * no project watched.
 */
import type { IDataObject } from 'n8n-workflow';

import type { LocalServer } from '../../helpers/httpServer';
import { startServer } from '../../helpers/httpServer';
import { pollTrigger } from '../../helpers/runNode';
import { at, DAY, THRESHOLD, useClock } from './helpers';

const setClock = useClock();

const NOW = '2026-03-10T10:00:00Z';
const FIRST_DAY = at('2026-03-08T00:00:00Z');

const bucket = (start: number, results: IDataObject[] = []) => ({ object: 'bucket', start_time: start, end_time: start + DAY, results });
const cost = (projectId: string | null, value: number, currency = 'usd') => ({ object: 'organization.costs.result', amount: { value, currency }, project_id: projectId, line_item: null, api_key_id: null, quantity: null, quantity_unit: null });
const page = (data: unknown[], nextPage: string | null = null) => ({ object: 'page', data, has_more: nextPage !== null, next_page: nextPage });

describe('the spend watch reading the costs', () => {
	let server: LocalServer | undefined;
	afterEach(async () => {
		await server?.close();
		server = undefined;
	});

	async function pollAgainst(answer: (query: URLSearchParams) => unknown) {
		setClock(NOW);
		server = await startServer((request) => answer(request.query));
		const result = await pollTrigger({ ...THRESHOLD, options: { fireForSpendAlreadyOver: true } }, { api: { baseUrl: server.baseUrl, adminKey: 'sk-admin-test' } });
		return { ...result, items: (result.output?.[0] ?? []).map((item) => item.json) };
	}

	it('fails on a day missing between two others, and fires nothing', async () => {
		const result = await pollAgainst(() => page([bucket(FIRST_DAY, [cost('proj_a', 70)]), bucket(FIRST_DAY + 2 * DAY, [cost('proj_a', 70)])]));
		expect(result.error?.message).toBe(
			`The OpenAI Administration API sent a bucket from ${FIRST_DAY + 2 * DAY} to ${FIRST_DAY + 3 * DAY} where the day of 2026-03-09T00:00:00.000Z was due (page 1 of GET /organization/costs)`,
		);
		expect(result.output).toBeUndefined();
		expect(result.changed).toBe(false);
	});

	it('fails on an answer that stops before a day that has ended', async () => {
		const result = await pollAgainst(() => page([bucket(FIRST_DAY, [cost('proj_a', 70)])]));
		expect(result.error?.message).toBe('The OpenAI Administration API sent no bucket for 2026-03-09T00:00:00.000Z and after, days that have ended (page 1 of GET /organization/costs)');
		expect(result.changed).toBe(false);
	});

	it('takes an answer without today\'s bucket: nothing billed today yet', async () => {
		const result = await pollAgainst(() => page([bucket(FIRST_DAY), bucket(FIRST_DAY + DAY, [cost('proj_a', 70)])]));
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([expect.objectContaining({ project: { id: 'proj_a', name: null }, period: expect.objectContaining({ key: '2026-03-09' }), total: 70 })]);
	});

	it('follows a second page, and leaves out costs of no project', async () => {
		const result = await pollAgainst((query) =>
			query.get('page') === 'p2'
				? page([bucket(FIRST_DAY + 2 * DAY, [cost('proj_a', 60), cost(null, 500)])])
				: page([bucket(FIRST_DAY), bucket(FIRST_DAY + DAY, [cost('proj_a', 30)])], 'p2'),
		);
		expect(result.error).toBeUndefined();
		expect(server!.requests.filter((request) => request.path === '/organization/costs').map((request) => request.query.get('page'))).toEqual([null, 'p2']);
		expect(result.items.map((item) => [(item.project as IDataObject).id, (item.period as IDataObject).key, item.total])).toEqual([['proj_a', '2026-03-10', 60]]);
	});

	it('adds amounts exactly, in millionths', async () => {
		const result = await pollAgainst(() => page([bucket(FIRST_DAY), bucket(FIRST_DAY + DAY), bucket(FIRST_DAY + 2 * DAY, Array.from({ length: 10 }, () => cost('proj_a', 5.1)))]));
		expect(result.items).toEqual([expect.objectContaining({ total: 51, threshold: 50 })]);
	});
});
