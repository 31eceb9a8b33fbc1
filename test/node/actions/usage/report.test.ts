/**
 * Usage and cost reports through real n8n execution against the sandbox's seeded activity: the rows
 * add up to exactly the seeded records of the window, Return All walks every bucket once in the
 * fewest requests, Limit counts buckets, filters and group_by go out under the spec's names.
 */
import type { IDataObject } from 'n8n-workflow';

import { KINDS, USAGE_KINDS, type UsageRecord } from '../../../../sandbox/usage';
import { DEFAULT_EPOCH } from '../../../../sandbox/state';
import { runAgainst, useSandbox } from '../../../helpers/sandbox';

const DAY = 86400;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const START = DEFAULT_EPOCH - 42 * DAY;

const sum = (records: UsageRecord[], metric: (r: UsageRecord) => number) => records.reduce((total, r) => total + metric(r), 0);

describe('usage and cost reports', () => {
	const sandbox = useSandbox({ now: () => DEFAULT_EPOCH });
	const inWindow = (from: number, to: number, kind?: string) => sandbox().state.usage.filter((r) => r.at >= from && r.at < to && (!kind || r.kind === kind));

	it.each(USAGE_KINDS)('%s: Return All over six weeks of daily buckets: every bucket once in two full pages, totals as seeded', async (kind) => {
		const operation = `get${kind.split('_').map((w) => w[0].toUpperCase() + w.slice(1)).join('')}`;
		const run = await runAgainst(sandbox(), { resource: 'usage', operation, startTime: iso(START), endTime: iso(DEFAULT_EPOCH), returnAll: true, output: 'buckets' });

		expect(run.error).toBeUndefined();
		expect(run.json.map((bucket) => bucket.start_time)).toEqual(Array.from({ length: 42 }, (_, day) => START + day * DAY));
		// 31 buckets a page at most for 1d: 42 buckets take two requests, the second at next_page.
		const requests = sandbox().requests;
		expect(requests.map((r) => [r.query.limit, r.query.page])).toEqual([['31', undefined], ['31', 'page_31']]);
		expect(requests[0].query).toMatchObject({ start_time: String(START), end_time: String(DEFAULT_EPOCH), bucket_width: '1d' });
		const records = inWindow(START, DEFAULT_EPOCH, kind);
		expect(records.length).toBeGreaterThan(0);
		for (const metric of KINDS[kind].metrics) {
			const served = sum(run.json.flatMap((bucket) => bucket.results as IDataObject[]).map((row) => ({ metrics: row }) as unknown as UsageRecord), (r) => Number(r.metrics[metric]));
			expect([metric, served]).toEqual([metric, sum(records, (r) => r.metrics[metric] ?? 0)]);
		}
	});

	it('rows: one item per result with its bucket, grouped by project; hourly buckets over ten days in two requests', async () => {
		const from = DEFAULT_EPOCH - 10 * DAY;
		const run = await runAgainst(sandbox(), {
			resource: 'usage',
			operation: 'getCompletions',
			startTime: iso(from),
			endTime: iso(DEFAULT_EPOCH),
			bucket_width: '1h',
			group_by: ['project_id', 'model'],
			returnAll: true,
		});

		expect(run.error).toBeUndefined();
		expect(sandbox().requests.map((r) => r.query.limit)).toEqual(['168', '168']);
		const records = inWindow(from, DEFAULT_EPOCH, 'completions');
		expect(run.json).toHaveLength(new Set(records.map((r) => `${Math.floor(r.at / 3600)} ${r.project_id} ${r.model}`)).size);
		for (const row of run.json) {
			expect(row).toMatchObject({ object: 'organization.usage.completions.result', user_id: null, api_key_id: null });
			const inside = records.filter(
				(r) => r.at >= Number(row.start_time) && r.at < Number(row.end_time) && r.project_id === row.project_id && r.model === row.model,
			);
			expect(row.end_time).toBe(Number(row.start_time) + 3600);
			expect(row.input_tokens).toBe(sum(inside, (r) => r.metrics.input_tokens));
		}
	});

	it('Limit counts buckets: 40 daily buckets in a page of 31 and one of 9', async () => {
		const run = await runAgainst(sandbox(), { resource: 'usage', operation: 'getEmbeddings', startTime: iso(START), returnAll: false, limit: 40, output: 'buckets' });

		expect(run.error).toBeUndefined();
		expect(run.json).toHaveLength(40);
		expect(sandbox().requests.map((r) => r.query.limit)).toEqual(['31', '9']);
	});

	it('filters and group_by go out repeated under the spec names, and narrow the rows', async () => {
		const [p1, p2] = sandbox().state.projects.filter((p) => p.apiKeys.length > 0);
		const run = await runAgainst(sandbox(), {
			resource: 'usage',
			operation: 'getCompletions',
			startTime: iso(START),
			endTime: iso(DEFAULT_EPOCH),
			group_by: ['project_id', 'batch'],
			returnAll: true,
			filters: { project_ids: [p1.id, p2.id], models: 'gpt-4o, o3-mini', batch: false },
		});

		expect(run.error).toBeUndefined();
		const url = sandbox().requests[0].rawUrl;
		expect(url).toContain(`project_ids=${p1.id}&project_ids=${p2.id}`);
		expect(url).toContain('models=gpt-4o&models=o3-mini');
		expect(url).toContain('group_by=project_id&group_by=batch');
		expect(url).toContain('batch=false');
		const wanted = inWindow(START, DEFAULT_EPOCH, 'completions').filter(
			(r) => [p1.id, p2.id].includes(r.project_id) && ['gpt-4o', 'o3-mini'].includes(r.model!) && r.batch === false,
		);
		expect(new Set(run.json.map((row) => row.project_id))).toEqual(new Set([p1.id, p2.id]));
		expect(run.json.every((row) => row.batch === false)).toBe(true);
		expect(sum(run.json.map((row) => ({ metrics: row }) as unknown as UsageRecord), (r) => Number(r.metrics.output_tokens))).toBe(
			sum(wanted, (r) => r.metrics.output_tokens),
		);
	});

	it('costs: one row per project and day with amount and currency, adding up to the seeded costs, in one request', async () => {
		const from = DEFAULT_EPOCH - 7 * DAY;
		const run = await runAgainst(sandbox(), { resource: 'cost', operation: 'getMany', startTime: iso(from), endTime: iso(DEFAULT_EPOCH), group_by: ['project_id'], returnAll: true });

		expect(run.error).toBeUndefined();
		expect(sandbox().requests.map((r) => [r.path, r.query.limit, r.query.bucket_width])).toEqual([['/organization/costs', '180', undefined]]);
		const records = inWindow(from, DEFAULT_EPOCH);
		for (const row of run.json) {
			expect(row).toMatchObject({ object: 'organization.costs.result', currency: 'usd', amount: expect.any(Number) });
			const micros = sum(records.filter((r) => r.project_id === row.project_id && r.at >= Number(row.start_time) && r.at < Number(row.end_time)), (r) => r.cost_micros);
			expect(Math.round(Number(row.amount) * 1e6)).toBe(micros);
		}
		expect(run.json).toHaveLength(new Set(records.map((r) => `${Math.floor(r.at / DAY)} ${r.project_id}`)).size);
	});

	it('refuses an End Time before the Start Time and a filter id that is not one, naming field and item', async () => {
		const backwards = await runAgainst(sandbox(), { resource: 'cost', operation: 'getMany', startTime: iso(START), endTime: iso(START - DAY) });
		expect(backwards.error?.message).toBe('End Time: must be after the Start Time [item 0]');
		const badId = await runAgainst(sandbox(), { resource: 'cost', operation: 'getMany', startTime: iso(START), filters: { project_ids: ['../users'] } });
		expect(badId.error?.message).toMatch(/^Project Names or IDs: .* \[item 0\]$/);
		expect(sandbox().requests).toHaveLength(0);
	});
});
