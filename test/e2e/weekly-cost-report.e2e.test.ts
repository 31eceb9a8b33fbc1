/**
 * examples/weekly-cost-report.json, unchanged, in a real n8n on both lines against the sandbox. The
 * sandbox's seeded activity ends today at 00:00 UTC (its epoch), so the workflow's window, the last
 * seven full days, holds seven days of seeded costs; the workflow's rows (one per project and day,
 * with the project's name, amount and currency, sorted by day) must be exactly those costs.
 */

import { startSandbox, type Sandbox } from '../../sandbox';
import { loadCommunityPackage } from './community-package';
import { executeWorkflow, nodeOutput } from './n8n-execute';
import { createN8nHome, importWorkflows, removeN8nHome, type N8nHome } from './n8n-home';
import { E2E_LINES } from './n8n-install';
import { REPO_ROOT } from './processes';
import { useN8nLines } from './setup';
import { importExampleCredential, readExample } from './examples';

const DAY = 86400;

const { installOf } = useN8nLines();

interface Row {
	date: string;
	project: string;
	projectId: string;
	amount: number;
	currency: string;
}

/** The seeded costs of [from, to), one row per project and day, added up as the sandbox does. */
function seededRows(sandbox: Sandbox, from: number, to: number): Row[] {
	const micros = new Map<string, number>();
	for (const record of sandbox.state.usage.filter((r) => r.at >= from && r.at < to)) {
		const key = `${Math.floor(record.at / DAY) * DAY} ${record.project_id}`;
		micros.set(key, (micros.get(key) ?? 0) + record.cost_micros);
	}
	return [...micros].map(([key, total]) => {
		const [day, projectId] = key.split(' ');
		return {
			date: new Date(Number(day) * 1000).toISOString().slice(0, 10),
			project: sandbox.state.findProject(projectId)!.name,
			projectId,
			amount: total / 1e6,
			currency: 'USD',
		};
	});
}

const byDayAndProject = (a: Row, b: Row) => a.date.localeCompare(b.date) || a.projectId.localeCompare(b.projectId);

describe.each(E2E_LINES)('n8n line %i: weekly cost report', (line) => {
	let sandbox: Sandbox;
	let home: N8nHome;
	let id: string;
	let today: number;

	beforeAll(async () => {
		const install = await installOf(line);
		today = Math.floor(Date.now() / 1000 / DAY) * DAY;
		sandbox = await startSandbox({ quiet: true, seed: 11, projects: 4, epoch: today, usageDays: 14 });
		home = createN8nHome(install);
		await loadCommunityPackage(home, REPO_ROOT);
		await importExampleCredential(home, sandbox);
		[id] = await importWorkflows(home, [readExample('weekly-cost-report.json')]);
	}, 15 * 60 * 1000);

	afterAll(async () => {
		await sandbox?.close();
		if (home) removeN8nHome(home);
	});

	test('(n8n execute) one row per project and day of the last seven days, equal to the seeded costs, sorted by day', async () => {
		const run = await executeWorkflow(home, id);
		const rows = nodeOutput(run, 'Sorted rows') as unknown as Row[];
		const expected = seededRows(sandbox, today - 7 * DAY, today);

		expect(expected.length).toBeGreaterThan(7);
		expect([...rows].sort(byDayAndProject)).toEqual(expected.sort(byDayAndProject));
		expect(rows.map((row) => row.date)).toEqual([...rows.map((row) => row.date)].sort());
		// One costs request (7 daily buckets fit one page), after one page of projects.
		const costs = sandbox.requests.filter((request) => request.path === '/organization/costs');
		expect(costs.map((request) => [request.query.start_time, request.query.end_time, request.query.group_by])).toEqual([
			[String(today - 7 * DAY), String(today), 'project_id'],
		]);
	});
});
