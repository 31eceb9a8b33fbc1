/**
 * The spend watch (OpenAI Admin Trigger → Spend Crossed a Threshold, Spend Jumped) polled through
 * n8n-core's PollContext against the sandbox, with the workflow's static data carried from poll to
 * poll as n8n saves it, and a clock that moves the node's day and the sandbox's together: thresholds
 * per day and calendar month (UTC boundaries), several thresholds, revisions down and late fills,
 * the first poll with and without the option, restarts, overlapping polls, costs cut short, one
 * request per poll, names only for what fires, and manual mode recording nothing.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { activateTrigger, pollTrigger } from '../../helpers/runNode';
import { useSandbox } from '../../helpers/sandbox';
import { asked, at, COSTS, crossing, DAY, JUMP, projectsOf, sorted, spendWatch, stateIn, THRESHOLD, useClock } from './helpers';

const setClock = useClock();

describe('Spend Crossed a Threshold', () => {
	const sandbox = useSandbox({ projects: 3, users: 3, usageDays: 0 });

	it('fires once per project, period and threshold when the total first reaches it, each of several thresholds once', async () => {
		setClock('2026-03-10T08:00:00Z');
		const watch = spendWatch(sandbox, { ...THRESHOLD, thresholds: '200, 50, 100' });
		const [a, b] = projectsOf(sandbox());
		const first = await watch.poll();
		expect(first.error).toBeUndefined();
		expect(first).toMatchObject({ output: null, changed: true, named: [] });

		sandbox().state.addCost(a.id, at('2026-03-10T08:30:00Z'), 60);
		setClock('2026-03-10T09:00:00Z');
		const second = await watch.poll();
		expect(second.items).toEqual([
			{
				type: 'spend.threshold_crossed',
				project: { id: a.id, name: a.name },
				period: { unit: 'day', key: '2026-03-10', start: '2026-03-10T00:00:00.000Z', end: '2026-03-11T00:00:00.000Z', ended: false },
				total: 60,
				threshold: 50,
				currency: 'usd',
			},
		]);
		expect(second.named).toEqual([a.id]);

		// b passes two thresholds between two polls: two items, its name asked for once.
		sandbox().state.addCost(b.id, at('2026-03-10T09:10:00Z'), 120);
		sandbox().state.addCost(a.id, at('2026-03-10T09:20:00Z'), 90);
		setClock('2026-03-10T09:30:00Z');
		const third = await watch.poll();
		expect(sorted(third.items.map(crossing))).toEqual(sorted([[a.id, '2026-03-10', 100, 150], [b.id, '2026-03-10', 50, 120], [b.id, '2026-03-10', 100, 120]]));
		expect(third.named.sort()).toEqual([a.id, b.id].sort());
		expect(third.items.find((item) => (item.project as IDataObject).id === b.id)!.project).toEqual({ id: b.id, name: b.name });

		const quiet = await watch.poll();
		expect(quiet).toMatchObject({ output: null, changed: false, named: [], requests: 1 });

		sandbox().state.addCost(a.id, at('2026-03-10T09:40:00Z'), 60);
		setClock('2026-03-10T10:00:00Z');
		expect((await watch.poll()).items.map(crossing)).toEqual([[a.id, '2026-03-10', 200, 210]]);
	});

	it('reads the costs in one request per poll, grouped by project in daily buckets from the first watched day', async () => {
		setClock('2026-03-10T08:00:00Z');
		const poll = await spendWatch(sandbox, THRESHOLD).poll();
		expect(poll.requests).toBe(1);
		expect(poll.costQueries).toHaveLength(1);
		const [query] = poll.costQueries;
		// The day and the two before it, whose costs can still arrive (Late Costs Window, 2 days).
		expect(Object.fromEntries(query)).toEqual({ start_time: String(at('2026-03-08T00:00:00Z')), bucket_width: '1d', group_by: 'project_id', limit: '180' });
	});

	it('adds up UTC days: a cost at 23:59:59 is the day\'s, one at 00:00:00 the next day\'s, which starts from zero', async () => {
		setClock('2026-03-10T23:00:00Z');
		const watch = spendWatch(sandbox, THRESHOLD);
		await watch.poll();
		const [a] = projectsOf(sandbox());
		sandbox().state.addCost(a.id, at('2026-03-10T23:59:59Z'), 40);
		sandbox().state.addCost(a.id, at('2026-03-11T00:00:00Z'), 40);
		setClock('2026-03-11T00:10:00Z');
		expect((await watch.poll()).items).toEqual([]);

		sandbox().state.addCost(a.id, at('2026-03-11T00:05:00Z'), 15);
		expect((await watch.poll()).items.map(crossing)).toEqual([[a.id, '2026-03-11', 50, 55]]);
	});

	it('adds up calendar months (UTC); the month that just ended is still watched for late costs, then dropped', async () => {
		setClock('2026-01-20T12:00:00Z');
		const watch = spendWatch(sandbox, { ...THRESHOLD, period: 'month', thresholds: '100' });
		const [a] = projectsOf(sandbox());
		await watch.poll();
		sandbox().state.addCost(a.id, at('2026-01-02T10:00:00Z'), 40);
		sandbox().state.addCost(a.id, at('2026-01-20T12:30:00Z'), 30);
		setClock('2026-01-20T13:00:00Z');
		expect((await watch.poll()).items).toEqual([]);

		// Past midnight UTC on the 31st: February starts from zero.
		sandbox().state.addCost(a.id, at('2026-01-31T23:59:59Z'), 20);
		sandbox().state.addCost(a.id, at('2026-02-01T00:00:00Z'), 25);
		setClock('2026-02-01T00:30:00Z');
		const turn = await watch.poll();
		expect(turn.items).toEqual([]);
		expect(turn.costQueries[0].get('start_time')).toBe(String(at('2026-01-01T00:00:00Z')));

		// January's costs arrive late and take it over the line: it fires, for January, marked ended.
		sandbox().state.addCost(a.id, at('2026-01-31T22:00:00Z'), 15);
		const late = await watch.poll();
		expect(late.items).toEqual([
			expect.objectContaining({
				period: { unit: 'month', key: '2026-01', start: '2026-01-01T00:00:00.000Z', end: '2026-02-01T00:00:00.000Z', ended: true },
				total: 105,
				threshold: 100,
			}),
		]);
		sandbox().state.addCost(a.id, at('2026-02-01T00:40:00Z'), 80);
		setClock('2026-02-01T01:00:00Z');
		expect((await watch.poll()).items.map(crossing)).toEqual([[a.id, '2026-02', 100, 105]]);

		// Two days after January ended, it is no longer read nor kept.
		setClock('2026-02-03T00:00:01Z');
		const after = await watch.poll();
		expect(after.costQueries[0].get('start_time')).toBe(String(at('2026-02-01T00:00:00Z')));
		expect(stateIn(watch.staticData)).toMatchObject({ crossed: { '2026-02': { [a.id]: [100_000_000] } } });
		expect(Object.keys(stateIn(watch.staticData)!.crossed as IDataObject)).toEqual(['2026-02']);
	});

	it('a total revised down un-fires nothing, and back up does not fire the same threshold again in the period', async () => {
		setClock('2026-03-10T10:00:00Z');
		const watch = spendWatch(sandbox, THRESHOLD);
		const [a] = projectsOf(sandbox());
		await watch.poll();
		sandbox().state.setCost(a.id, at('2026-03-10T00:00:00Z'), 120);
		expect((await watch.poll()).items.map(crossing)).toEqual([[a.id, '2026-03-10', 50, 120], [a.id, '2026-03-10', 100, 120]]);

		sandbox().state.setCost(a.id, at('2026-03-10T00:00:00Z'), 30);
		const down = await watch.poll();
		expect(down).toMatchObject({ output: null, changed: false });
		sandbox().state.setCost(a.id, at('2026-03-10T00:00:00Z'), 130);
		expect((await watch.poll()).output).toBeNull();

		// The next day is a new period.
		setClock('2026-03-11T10:00:00Z');
		sandbox().state.setCost(a.id, at('2026-03-11T00:00:00Z'), 55);
		expect((await watch.poll()).items.map(crossing)).toEqual([[a.id, '2026-03-11', 50, 55]]);
	});

	it('a day that fills in after it ended still fires, once, marked ended; past the Late Costs Window it does not', async () => {
		setClock('2026-03-10T23:30:00Z');
		const watch = spendWatch(sandbox, THRESHOLD);
		const [a, b] = projectsOf(sandbox());
		await watch.poll();

		setClock('2026-03-11T06:00:00Z');
		sandbox().state.setCost(a.id, at('2026-03-10T00:00:00Z'), 70);
		const late = await watch.poll();
		expect(late.items).toEqual([expect.objectContaining({ period: expect.objectContaining({ key: '2026-03-10', ended: true }), total: 70, threshold: 50 })]);
		expect((await watch.poll()).output).toBeNull();

		// The 10th ended more than two days ago: no longer read.
		setClock('2026-03-13T00:00:01Z');
		sandbox().state.setCost(b.id, at('2026-03-10T00:00:00Z'), 70);
		const tooLate = await watch.poll();
		expect(tooLate.output).toBeNull();
		expect(tooLate.costQueries[0].get('start_time')).toBe(String(at('2026-03-11T00:00:00Z')));
		expect(Object.keys(stateIn(watch.staticData)!.crossed as IDataObject)).toEqual([]);

		// With a longer window it would have been.
		const wider = spendWatch(sandbox, { ...THRESHOLD, options: { lateDays: 3, fireForSpendAlreadyOver: true } });
		expect((await wider.poll()).items.map(crossing)).toEqual(sorted([[a.id, '2026-03-10', 50, 70], [b.id, '2026-03-10', 50, 70]]));
	});

	it('the first poll after activation only notes spend already over the line; with the option it fires for it', async () => {
		setClock('2026-03-10T10:00:00Z');
		const [a, b] = projectsOf(sandbox());
		sandbox().state.setCost(a.id, at('2026-03-10T00:00:00Z'), 120);
		sandbox().state.setCost(b.id, at('2026-03-09T00:00:00Z'), 60);

		const quiet = spendWatch(sandbox, THRESHOLD);
		const first = await quiet.poll();
		expect(first).toMatchObject({ output: null, changed: true, named: [] });
		expect(stateIn(quiet.staticData)).toEqual({
			watch: expect.any(String),
			thresholds: [50_000_000, 100_000_000],
			crossed: { '2026-03-09': { [b.id]: [50_000_000] }, '2026-03-10': { [a.id]: [50_000_000, 100_000_000] } },
			jumped: {},
		});
		expect((await quiet.poll()).output).toBeNull();
		sandbox().state.setCost(b.id, at('2026-03-10T00:00:00Z'), 51);
		expect((await quiet.poll()).items.map(crossing)).toEqual([[b.id, '2026-03-10', 50, 51]]);

		const told = spendWatch(sandbox, { ...THRESHOLD, options: { fireForSpendAlreadyOver: true } });
		expect(sorted((await told.poll()).items.map(crossing))).toEqual(
			sorted([[a.id, '2026-03-10', 50, 120], [a.id, '2026-03-10', 100, 120], [b.id, '2026-03-09', 50, 60], [b.id, '2026-03-10', 50, 51]]),
		);
		expect((await told.poll()).output).toBeNull();
	});

	it('a threshold added to a running watch is armed like a first poll; the others keep what they fired; a change of period starts over', async () => {
		setClock('2026-03-10T10:00:00Z');
		const [a] = projectsOf(sandbox());
		const watch = spendWatch(sandbox, { ...THRESHOLD, thresholds: '50' });
		await watch.poll();
		sandbox().state.setCost(a.id, at('2026-03-10T00:00:00Z'), 120);
		expect((await watch.poll()).items.map(crossing)).toEqual([[a.id, '2026-03-10', 50, 120]]);

		// 100 is added while the day is already at 120: noted, not fired; 150 fires when reached.
		const more = spendWatch(sandbox, { ...THRESHOLD, thresholds: '50, 100, 150' }, watch.staticData);
		expect((await more.poll()).output).toBeNull();
		sandbox().state.setCost(a.id, at('2026-03-10T00:00:00Z'), 160);
		expect((await more.poll()).items.map(crossing)).toEqual([[a.id, '2026-03-10', 150, 160]]);
		// With the option, an added threshold already reached fires.
		const told = spendWatch(sandbox, { ...THRESHOLD, thresholds: '50, 100, 150, 155', options: { fireForSpendAlreadyOver: true } }, more.staticData);
		expect((await told.poll()).items.map(crossing)).toEqual([[a.id, '2026-03-10', 155, 160]]);

		// Another period is another watch: the month, already over 150, is noted.
		const monthly = spendWatch(sandbox, { ...THRESHOLD, period: 'month', thresholds: '50, 100, 150' }, more.staticData);
		expect((await monthly.poll()).output).toBeNull();
		expect(stateIn(monthly.staticData)).toMatchObject({ crossed: { '2026-03': { [a.id]: [50_000_000, 100_000_000, 150_000_000] } } });
	});

	it('survives a restart: the static data n8n saved is all the next process needs', async () => {
		setClock('2026-03-10T10:00:00Z');
		const [a] = projectsOf(sandbox());
		const before = spendWatch(sandbox, THRESHOLD);
		await before.poll();
		sandbox().state.setCost(a.id, at('2026-03-10T00:00:00Z'), 60);
		expect((await before.poll()).items).toHaveLength(1);

		const saved = JSON.parse(JSON.stringify(before.staticData)) as IDataObject;
		const after = spendWatch(sandbox, THRESHOLD, saved);
		expect((await after.poll()).output).toBeNull();
		sandbox().state.setCost(a.id, at('2026-03-10T00:00:00Z'), 101);
		expect((await after.poll()).items.map(crossing)).toEqual([[a.id, '2026-03-10', 100, 101]]);
	});

	it('watches the organization as a whole: the sum of every project, no project and no name asked for', async () => {
		setClock('2026-03-10T10:00:00Z');
		const watch = spendWatch(sandbox, { ...THRESHOLD, watch: 'organization' });
		await watch.poll();
		const [a, b, c] = projectsOf(sandbox());
		for (const project of [a, b, c]) sandbox().state.addCost(project.id, at('2026-03-10T09:00:00Z'), 20);
		const poll = await watch.poll();
		expect(poll.items).toEqual([expect.objectContaining({ project: null, total: 60, threshold: 50 })]);
		expect(poll.named).toEqual([]);
		expect(poll.costQueries[0].has('group_by')).toBe(false);
	});

	it('watches chosen projects only, each on its own, asking for their costs alone', async () => {
		setClock('2026-03-10T10:00:00Z');
		const [a, b, c] = projectsOf(sandbox());
		const watch = spendWatch(sandbox, { ...THRESHOLD, watch: 'chosenProjects', projectIds: [c.id, a.id] });
		await watch.poll();
		for (const project of [a, b, c]) sandbox().state.addCost(project.id, at('2026-03-10T09:00:00Z'), 60);
		const poll = await watch.poll();
		expect(sorted(poll.items.map(crossing))).toEqual(sorted([[a.id, '2026-03-10', 50, 60], [c.id, '2026-03-10', 50, 60]]));
		expect(poll.costQueries[0].getAll('project_ids').sort()).toEqual([a.id, c.id].sort());
	});

	it('reads the costs of 150 projects in one request, and asks the names of only those that fire', async () => {
		setClock('2026-03-10T10:00:00Z');
		sandbox().state.addProjects(147);
		const watch = spendWatch(sandbox, { ...THRESHOLD, period: 'month', thresholds: '50' });
		await watch.poll();
		const projects = projectsOf(sandbox());
		expect(projects).toHaveLength(150);
		projects.forEach((project, index) => sandbox().state.addCost(project.id, at('2026-03-01T09:00:00Z'), index % 3 === 0 ? 75 : 5));
		const poll = await watch.poll();
		expect(poll.costQueries).toHaveLength(1);
		expect(poll.items).toHaveLength(50);
		expect(poll.named.sort()).toEqual(projects.filter((_, index) => index % 3 === 0).map((project) => project.id).sort());
		expect(poll.requests).toBe(1 + 50);
		for (const item of poll.items) expect((item.project as IDataObject).name).toBe(projects.find((p) => p.id === (item.project as IDataObject).id)!.name);
	});
});

describe('Spend Jumped', () => {
	const sandbox = useSandbox({ projects: 3, users: 3, usageDays: 0 });

	/** The project spent `amount` on each day from `from` to `to` (ISO days). */
	function history(projectId: string, from: string, to: string, amount: number) {
		for (let day = at(`${from}T00:00:00Z`); day <= at(`${to}T00:00:00Z`); day += DAY) sandbox().state.setCost(projectId, day, amount);
	}

	it("fires when today's spend is above 3 times the median of the 14 days before, once per project and day", async () => {
		setClock('2026-03-20T12:00:00Z');
		const [a] = projectsOf(sandbox());
		history(a.id, '2026-03-04', '2026-03-19', 10);
		sandbox().state.setCost(a.id, at('2026-03-20T00:00:00Z'), 25);
		const watch = spendWatch(sandbox, JUMP);
		const first = await watch.poll();
		expect(first.output).toBeNull();
		// Today, the two days of the late window, and 14 days before the first of them.
		expect(Object.fromEntries(first.costQueries[0])).toEqual({ start_time: String(at('2026-03-04T00:00:00Z')), bucket_width: '1d', group_by: 'project_id', limit: '180' });

		sandbox().state.setCost(a.id, at('2026-03-20T00:00:00Z'), 30);
		expect((await watch.poll()).output).toBeNull();
		sandbox().state.setCost(a.id, at('2026-03-20T00:00:00Z'), 31);
		const jumped = await watch.poll();
		expect(jumped.items).toEqual([
			{
				type: 'spend.jumped',
				project: { id: a.id, name: a.name },
				period: { unit: 'day', key: '2026-03-20', start: '2026-03-20T00:00:00.000Z', end: '2026-03-21T00:00:00.000Z', ended: false },
				total: 31,
				median: 10,
				ratio: 3.1,
				multiplier: 3,
				baselineDays: 14,
				minimumAmount: 10,
				currency: 'usd',
			},
		]);
		expect(jumped.named).toEqual([a.id]);
		sandbox().state.setCost(a.id, at('2026-03-20T00:00:00Z'), 90);
		expect((await watch.poll()).output).toBeNull();

		// The next day may jump again: its 14 days before are 13 of 10 and the 20th's 90, median 10.
		setClock('2026-03-21T12:00:00Z');
		sandbox().state.setCost(a.id, at('2026-03-21T00:00:00Z'), 45);
		expect((await watch.poll()).items).toEqual([expect.objectContaining({ period: expect.objectContaining({ key: '2026-03-21' }), total: 45, median: 10, ratio: 4.5 })]);
	});

	it('needs the minimum amount: a small project does not fire on cents, then fires once it reaches it; an idle one fires with its first day at the minimum', async () => {
		setClock('2026-03-20T12:00:00Z');
		const [, b, c] = projectsOf(sandbox());
		history(b.id, '2026-03-04', '2026-03-19', 1);
		const watch = spendWatch(sandbox, JUMP);
		await watch.poll();
		sandbox().state.setCost(b.id, at('2026-03-20T00:00:00Z'), 9.99);
		sandbox().state.setCost(c.id, at('2026-03-20T00:00:00Z'), 9.99);
		expect((await watch.poll()).output).toBeNull();
		sandbox().state.setCost(b.id, at('2026-03-20T00:00:00Z'), 10);
		sandbox().state.setCost(c.id, at('2026-03-20T00:00:00Z'), 10);
		const poll = await watch.poll();
		expect(sorted(poll.items.map((item) => [(item.project as IDataObject).id, item.total, item.median, item.ratio]))).toEqual(
			sorted([[b.id, 10, 1, 10], [c.id, 10, 0, null]]),
		);
	});

	it('a day whose costs fill in after it ended still fires once, marked ended', async () => {
		setClock('2026-03-20T23:00:00Z');
		const [a] = projectsOf(sandbox());
		history(a.id, '2026-03-04', '2026-03-20', 10);
		const watch = spendWatch(sandbox, JUMP);
		await watch.poll();
		setClock('2026-03-21T03:00:00Z');
		sandbox().state.setCost(a.id, at('2026-03-20T00:00:00Z'), 40);
		const late = await watch.poll();
		expect(late.items).toEqual([expect.objectContaining({ period: expect.objectContaining({ key: '2026-03-20', ended: true }), total: 40, median: 10 })]);
		expect((await watch.poll()).output).toBeNull();
	});

	it('the first poll only notes a jump already there; with the option it fires; uses the multiple and days set', async () => {
		setClock('2026-03-20T12:00:00Z');
		const [a] = projectsOf(sandbox());
		history(a.id, '2026-03-13', '2026-03-19', 10);
		sandbox().state.setCost(a.id, at('2026-03-20T00:00:00Z'), 25);
		const quiet = spendWatch(sandbox, { ...JUMP, multiplier: 2, baselineDays: 7 });
		expect((await quiet.poll()).output).toBeNull();
		expect(stateIn(quiet.staticData)).toMatchObject({ jumped: { '2026-03-20': [a.id] } });
		expect((await quiet.poll()).output).toBeNull();

		const told = spendWatch(sandbox, { ...JUMP, multiplier: 2, baselineDays: 7, options: { fireForSpendAlreadyOver: true } });
		const poll = await told.poll();
		expect(poll.items).toEqual([expect.objectContaining({ total: 25, median: 10, multiplier: 2, baselineDays: 7 })]);
		expect(poll.costQueries[0].get('start_time')).toBe(String(at('2026-03-11T00:00:00Z')));
		// Three times the same usual spend is more than today's.
		expect((await spendWatch(sandbox, { ...JUMP, baselineDays: 7, options: { fireForSpendAlreadyOver: true } }).poll()).output).toBeNull();
	});
});

describe('the spend watch under failure and overlap', () => {
	const sandbox = useSandbox({ projects: 2, users: 2, usageDays: 0 });

	it.each(['empty', 'no_cursor'] as const)('costs cut short (page: %s): the poll fails, nothing fires, nothing is recorded; the next poll fires once', async (page) => {
		setClock('2026-03-10T10:00:00Z');
		const watch = spendWatch(sandbox, THRESHOLD);
		await watch.poll();
		const before = structuredClone(watch.staticData);
		const [a] = projectsOf(sandbox());
		sandbox().state.setCost(a.id, at('2026-03-10T00:00:00Z'), 60);

		sandbox().addFault({ kind: 'bad_page', page, path: COSTS, times: 1 });
		const cut = await watch.poll();
		expect(cut.error?.message).toMatch(/^The OpenAI Administration API sent .* \(page 1 of GET \/organization\/costs\)$/);
		expect((cut.error as { description?: string }).description).toMatch(/would be incomplete.*Nothing was recorded as fired: the next poll reads the costs again\./);
		expect(cut.output).toBeUndefined();
		expect(cut).toMatchObject({ changed: false, named: [] });
		expect(watch.staticData).toEqual(before);

		expect((await watch.poll()).items.map(crossing)).toEqual([[a.id, '2026-03-10', 50, 60]]);
		expect((await watch.poll()).output).toBeNull();
	});

	it('a name that cannot be read fails the poll before anything is recorded; a project the API does not know keeps its id', async () => {
		setClock('2026-03-10T10:00:00Z');
		const watch = spendWatch(sandbox, THRESHOLD);
		await watch.poll();
		const [a] = projectsOf(sandbox());
		sandbox().state.setCost(a.id, at('2026-03-10T00:00:00Z'), 60);
		sandbox().addFault({ kind: 'status', status: 403, path: `/organization/projects/${a.id}` });
		const failed = await watch.poll();
		expect(failed.error).toBeDefined();
		expect(failed.changed).toBe(false);
		sandbox().clearFaults();
		sandbox().addFault({ kind: 'status', status: 404, path: `/organization/projects/${a.id}`, times: 1 });
		expect((await watch.poll()).items).toEqual([expect.objectContaining({ project: { id: a.id, name: null }, threshold: 50 })]);
	});

	it('one poll at a time: a poll that starts while the one before still runs returns nothing, asks nothing and records nothing; each crossing fires once', async () => {
		setClock('2026-03-10T10:00:00Z');
		const active = activateTrigger(THRESHOLD, { api: sandbox() });
		expect((await active.poll()).error).toBeUndefined();
		const [a] = projectsOf(sandbox());
		sandbox().state.setCost(a.id, at('2026-03-10T00:00:00Z'), 60);
		sandbox().resetLog();
		sandbox().addFault({ kind: 'latency', latencyMs: 400, path: COSTS, times: 1 });

		const slow = active.poll();
		while (sandbox().requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
		const overlapping = await active.poll();
		expect(overlapping).toMatchObject({ output: null, changed: false });
		expect(overlapping.error).toBeUndefined();
		expect(sandbox().requests).toHaveLength(1);

		const done = await slow;
		expect(done.output![0].map((item) => crossing(item.json))).toEqual([[a.id, '2026-03-10', 50, 60]]);
		// The mark that a poll runs is not saved.
		expect(Object.keys(done.staticData['node:OpenAI Admin Trigger'] as IDataObject)).toEqual(['spendWatch']);
		expect(await active.poll()).toMatchObject({ output: null, changed: false });
	});

	it('401: the poll fails with what to do, and nothing recorded', async () => {
		setClock('2026-03-10T10:00:00Z');
		const result = await pollTrigger(THRESHOLD, { api: sandbox(), credential: { apiKey: 'sk-admin-wrong-key-1234567890' } });
		expect((result.error as { httpCode?: string }).httpCode).toBe('401');
		expect((result.error as { description?: string }).description).toMatch(/admin key.*Nothing was recorded as fired/);
		expect(result.changed).toBe(false);
	});

	it('refuses bad settings before any request, naming the field', async () => {
		setClock('2026-03-10T10:00:00Z');
		const refused = async (parameters: INodeParameters) => {
			sandbox().resetLog();
			const result = await pollTrigger({ ...THRESHOLD, ...parameters }, { api: sandbox() });
			expect(asked(sandbox()).requests).toBe(0);
			return result.error?.message;
		};
		expect(await refused({ thresholds: '50, lots' })).toBe('Thresholds: "lots" is not an amount above 0');
		expect(await refused({ thresholds: '0' })).toBe('Thresholds: "0" is not an amount above 0');
		expect(await refused({ thresholds: ' ' })).toBe('Thresholds: give at least one amount, e.g. 100');
		expect(await refused({ currency: 'dollars' })).toBe('Currency: "dollars" is not a three-letter currency code such as usd');
		expect(await refused({ watch: 'chosenProjects', projectIds: [] })).toBe('Project Names or IDs: choose at least one project, or watch each project');
		expect(await refused({ watch: 'chosenProjects', projectIds: ['proj/../x'] })).toBe('Project Names or IDs: "proj/../x" is not a project ID');
		expect(await refused({ ...JUMP, baselineDays: 200 })).toBe('Usual Spend Over (Days): 200 is not a whole number from 1 to 90');
		expect(await refused({ ...JUMP, minimumAmount: -1 })).toBe('Minimum Amount: -1 is not an amount of 0 or more');
		expect(await refused({ options: { lateDays: 9 } })).toBe('Late Costs Window (Days): 9 is not a whole number from 0 to 7');
	});

	it('takes thresholds as a list from an expression too', async () => {
		setClock('2026-03-10T10:00:00Z');
		const [a] = projectsOf(sandbox());
		sandbox().state.setCost(a.id, at('2026-03-10T00:00:00Z'), 60);
		const poll = await spendWatch(sandbox, { ...THRESHOLD, thresholds: [20, 40, 80] as unknown as string, options: { fireForSpendAlreadyOver: true } }).poll();
		expect(poll.items.map(crossing)).toEqual([[a.id, '2026-03-10', 20, 60], [a.id, '2026-03-10', 40, 60]]);
	});

	it('costs in another currency than the amounts fail the poll, naming the field', async () => {
		setClock('2026-03-10T10:00:00Z');
		const [a] = projectsOf(sandbox());
		sandbox().state.setCost(a.id, at('2026-03-10T00:00:00Z'), 60);
		const result = await pollTrigger({ ...THRESHOLD, currency: 'EUR' }, { api: sandbox() });
		expect(result.error?.message).toBe('Currency: the costs come in usd, not eur; set the currency to usd and the amounts in it');
		expect(result.changed).toBe(false);
	});
});

describe('the spend watch in manual mode (Fetch Test Event)', () => {
	const sandbox = useSandbox({ projects: 2, users: 2, usageDays: 0 });

	it('shows what would fire now, spend already over the line included, and records nothing', async () => {
		setClock('2026-03-10T10:00:00Z');
		const [a, b] = projectsOf(sandbox());
		sandbox().state.setCost(a.id, at('2026-03-10T00:00:00Z'), 60);
		const watch = spendWatch(sandbox, THRESHOLD);
		const never = await watch.poll('manual');
		expect(never.items.map(crossing)).toEqual([[a.id, '2026-03-10', 50, 60]]);
		expect(never.changed).toBe(false);
		expect(watch.staticData).toEqual({});

		// Active, it noted a's crossing; a manual fetch shows only what the next poll would add.
		await watch.poll();
		const before = structuredClone(watch.staticData);
		sandbox().state.setCost(b.id, at('2026-03-10T00:00:00Z'), 101);
		const test = await watch.poll('manual');
		expect(test.items.map(crossing)).toEqual([[b.id, '2026-03-10', 50, 101], [b.id, '2026-03-10', 100, 101]]);
		expect(test.items[0].project).toEqual({ id: b.id, name: b.name });
		expect(test.changed).toBe(false);
		expect(watch.staticData).toEqual(before);
		expect((await watch.poll()).items).toHaveLength(2);
	});

	it('says so when nothing would fire', async () => {
		setClock('2026-03-10T10:00:00Z');
		const threshold = await spendWatch(sandbox, THRESHOLD).poll('manual');
		expect(threshold.error?.message).toBe('No spend is over a threshold that has not fired yet');
		expect((threshold.error as { description?: string }).description).toMatch(/reached 50 usd/);
		const jump = await spendWatch(sandbox, JUMP).poll('manual');
		expect(jump.error?.message).toBe('No spend has jumped today');
	});
});
