/**
 * Costs that tests move forward in time and revise: `state.addCost` bills an amount at a moment,
 * `state.setCost` makes a project's day add up to an amount (up, down, below the seeded usage), and
 * the clock (`now`) says how far `/organization/costs` reaches. Only the costs endpoint sees them.
 */
import { DEFAULT_EPOCH, startSandbox, type Sandbox } from '../../sandbox';
import { DAY } from '../../sandbox/usage';
import { client } from './helpers';

interface CostRow {
	amount: { value: number; currency: string };
	project_id: string | null;
	line_item: string | null;
}
interface Bucket {
	start_time: number;
	end_time: number;
	results: CostRow[];
}

/** Midday of the epoch's day: the clock the sandbox answers by. */
const NOON = DEFAULT_EPOCH + DAY / 2;

describe('sandbox costs that tests add and revise', () => {
	let clock = NOON;
	let sandbox: Sandbox;
	let call: ReturnType<typeof client>;
	beforeEach(async () => {
		clock = NOON;
		sandbox = await startSandbox({ quiet: true, seed: 23, projects: 2, now: () => clock });
		call = client(sandbox);
	});
	afterEach(() => sandbox.close());

	const projectIds = () => sandbox.state.projects.filter((project) => !project.is_default).map((project) => project.id);

	/** The cost buckets from `from` to the clock, grouped by project. */
	async function costs(from: number, query: Record<string, string | number | string[]> = { group_by: 'project_id' }): Promise<Bucket[]> {
		const res = await call<{ data: Bucket[] }>('GET', '/organization/costs', { query: { start_time: from, limit: 180, ...query } });
		expect(res.status).toBe(200);
		return res.body.data;
	}

	const totalOf = (bucket: Bucket | undefined, projectId: string) =>
		Math.round((bucket?.results.find((row) => row.project_id === projectId)?.amount.value ?? 0) * 1e6) / 1e6;

	/** What the seeded usage cost the project on the day from `start`, in dollars. */
	const seeded = (projectId: string, start: number) =>
		sandbox.state.usage.filter((r) => r.project_id === projectId && r.at >= start && r.at < start + DAY).reduce((sum, r) => sum + r.cost_micros, 0) / 1e6;

	it('addCost bills a project at a moment: in that day\'s bucket of /organization/costs, in no usage endpoint', async () => {
		const [project] = projectIds();
		const before = await costs(DEFAULT_EPOCH);
		expect(before).toHaveLength(1);
		expect(totalOf(before[0], project)).toBe(0);

		const record = sandbox.state.addCost(project, DEFAULT_EPOCH + 3600, 12.5);
		expect(record).toMatchObject({ kind: 'billed', project_id: project, cost_micros: 12_500_000, line_item: 'billing adjustment' });
		sandbox.state.addCost(project, DEFAULT_EPOCH + 7200, 0.25, 'fine-tuning');
		const after = await costs(DEFAULT_EPOCH);
		expect(totalOf(after[0], project)).toBe(12.75);
		const byLineItem = await costs(DEFAULT_EPOCH, { group_by: ['project_id', 'line_item'] });
		expect(byLineItem[0].results.map((row) => [row.line_item, row.amount.value])).toEqual([
			['billing adjustment', 12.5],
			['fine-tuning', 0.25],
		]);

		const usage = await call<{ data: Bucket[] }>('GET', '/organization/usage/completions', { query: { start_time: DEFAULT_EPOCH, bucket_width: '1d' } });
		expect(usage.body.data[0].results).toEqual([]);
		// Kept oldest first, like the seeded records.
		const ats = sandbox.state.usage.map((r) => r.at);
		expect(ats).toEqual([...ats].sort((a, b) => a - b));
	});

	it('answers up to the clock: a cost after now shows once the clock has moved past it', async () => {
		const [project] = projectIds();
		sandbox.state.addCost(project, NOON + 3600, 40);
		expect(totalOf((await costs(DEFAULT_EPOCH))[0], project)).toBe(0);
		clock = NOON + 3601;
		expect(totalOf((await costs(DEFAULT_EPOCH))[0], project)).toBe(40);

		// The next day starts a new bucket.
		sandbox.state.addCost(project, DEFAULT_EPOCH + DAY + 60, 5);
		clock = DEFAULT_EPOCH + DAY + 120;
		const buckets = await costs(DEFAULT_EPOCH);
		expect(buckets.map((bucket) => [bucket.start_time, totalOf(bucket, project)])).toEqual([
			[DEFAULT_EPOCH, 40],
			[DEFAULT_EPOCH + DAY, 5],
		]);
	});

	it('setCost makes a day add up to an amount: up, down, below the seeded usage (a credit), and a day that ended', async () => {
		const [project, other] = projectIds();
		const yesterday = DEFAULT_EPOCH - DAY;
		const usageBefore = sandbox.state.usage.length;
		const seededYesterday = seeded(project, yesterday);
		expect(seededYesterday).toBeGreaterThan(0.1);
		const otherYesterday = totalOf((await costs(yesterday))[0], other);

		const revision = sandbox.state.setCost(project, yesterday + 5000, seededYesterday + 100);
		expect(revision).toMatchObject({ kind: 'billed', at: yesterday, line_item: 'billing revision' });
		expect(totalOf((await costs(yesterday))[0], project)).toBe(Math.round((seededYesterday + 100) * 1e6) / 1e6);

		// Changed again: the same record, no second one.
		expect(sandbox.state.setCost(project, yesterday, 80)).toBe(revision);
		expect(totalOf((await costs(yesterday))[0], project)).toBe(80);
		expect(sandbox.state.setCost(project, yesterday, 0.05).cost_micros).toBe(50_000 - Math.round(seededYesterday * 1e6));
		expect(totalOf((await costs(yesterday))[0], project)).toBe(0.05);
		expect(sandbox.state.usage).toHaveLength(usageBefore + 1);

		// Another project's day, and the project's other days, are as they were.
		const [yesterdayBucket, todayBucket] = await costs(yesterday);
		expect(totalOf(yesterdayBucket, other)).toBe(otherYesterday);
		expect(totalOf(todayBucket, project)).toBe(0);
		const before = await costs(yesterday - DAY, { group_by: 'project_id', end_time: yesterday });
		expect(totalOf(before[0], project)).toBe(Math.round(seeded(project, yesterday - DAY) * 1e6) / 1e6);
	});

	it('counts added costs into a day that setCost revised', async () => {
		const [project] = projectIds();
		sandbox.state.setCost(project, DEFAULT_EPOCH, 10);
		sandbox.state.addCost(project, DEFAULT_EPOCH + 60, 2);
		expect(totalOf((await costs(DEFAULT_EPOCH))[0], project)).toBe(12);
		sandbox.state.setCost(project, DEFAULT_EPOCH, 10);
		expect(totalOf((await costs(DEFAULT_EPOCH))[0], project)).toBe(10);
	});

	it('refuses a project the organization does not have', () => {
		expect(() => sandbox.state.addCost('proj_nope', NOON, 1)).toThrow('no project proj_nope');
		expect(() => sandbox.state.setCost('proj_nope', NOON, 1)).toThrow('no project proj_nope');
	});

	it('is deterministic: the same seed, clock and calls give the same answers', async () => {
		const play = async (sb: Sandbox) => {
			const [project] = sb.state.projects.filter((p) => !p.is_default);
			sb.state.addCost(project.id, DEFAULT_EPOCH + 100, 3.3);
			sb.state.setCost(project.id, DEFAULT_EPOCH - DAY, 7);
			return (await client(sb)('GET', '/organization/costs', { query: { start_time: DEFAULT_EPOCH - 3 * DAY, group_by: 'project_id' } })).body as unknown;
		};
		const twin = await startSandbox({ quiet: true, seed: 23, projects: 2, now: () => clock });
		try {
			expect(await play(twin)).toEqual(await play(sandbox));
		} finally {
			await twin.close();
		}
	});
});
