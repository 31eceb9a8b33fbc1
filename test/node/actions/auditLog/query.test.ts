/**
 * Audit Log → Get Many through n8n against the sandbox: each filter as the spec names it
 * (`effective_at[gte]` in Unix seconds, `event_types[]`, ...), its effect on what comes back,
 * newest first, and the errors that need more than the API's words.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../../sandbox';
import { runAgainst, useSandbox } from '../../../helpers/sandbox';

const T = 1_800_000_000;

/** The raw query of the first request, with repeated names kept. */
const sentQuery = (sandbox: Sandbox) => new URL(sandbox.requests[0].rawUrl, 'http://x').searchParams;

const getMany = (sandbox: Sandbox, filters: INodeParameters, extra: INodeParameters = {}) =>
	runAgainst(sandbox, { resource: 'auditLog', operation: 'getMany', returnAll: true, filters, ...extra });

describe('Audit Log → Get Many', () => {
	const sandbox = useSandbox({ projects: 2, users: 4, now: () => T });

	it('lists every event newest first, as the API sends them', async () => {
		const run = await getMany(sandbox(), {});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual(sandbox().state.auditLogs);
		expect(run.json.length).toBeGreaterThan(1);
	});

	it('sends the effective-at bounds as Unix seconds and returns only events inside them', async () => {
		const events = sandbox().state.auditLogs;
		const from = events[events.length - 2].effective_at;
		const to = events[1].effective_at;
		const run = await getMany(sandbox(), {
			effectiveAtOrAfter: new Date(from * 1000).toISOString(),
			effectiveAtOrBefore: new Date(to * 1000).toISOString(),
		});
		const query = sentQuery(sandbox());
		expect(query.get('effective_at[gte]')).toBe(String(from));
		expect(query.get('effective_at[lte]')).toBe(String(to));
		expect(run.json).toEqual(events.filter((e) => e.effective_at >= from && e.effective_at <= to));

		await getMany(sandbox(), { effectiveAfter: from, effectiveBefore: `${to}` });
		const strict = new URL(sandbox().requests[1].rawUrl, 'http://x').searchParams;
		expect([strict.get('effective_at[gt]'), strict.get('effective_at[lt]')]).toEqual([String(from), String(to)]);
	});

	it('sends every list filter under the spec name, repeated, and the API applies them', async () => {
		const [, project] = sandbox().state.projects;
		const run = await getMany(sandbox(), {
			event_types: ['project.created', 'user.added'],
			project_ids: [project.id],
			actor_ids: `${sandbox().state.adminKeyId}, user-x`,
			actor_emails: 'a@example.com\nb@example.com',
			resource_ids: [project.id, 'key_y'],
		});
		expect(run.error).toBeUndefined();
		const query = sentQuery(sandbox());
		expect(query.getAll('event_types[]')).toEqual(['project.created', 'user.added']);
		expect(query.getAll('project_ids[]')).toEqual([project.id]);
		expect(query.getAll('actor_ids[]')).toEqual([sandbox().state.adminKeyId, 'user-x']);
		expect(query.getAll('actor_emails[]')).toEqual(['a@example.com', 'b@example.com']);
		expect(query.getAll('resource_ids[]')).toEqual([project.id, 'key_y']);

		const byType = await getMany(sandbox(), { event_types: ['project.created'], project_ids: [project.id] });
		expect(byType.json.map((event) => [event.type, (event.project as IDataObject).id])).toEqual([['project.created', project.id]]);
	});

	it('asks for tenant events only with Tenant Only, and refuses mixing them with the others', async () => {
		const tenant = await getMany(sandbox(), { event_types: ['tenant.user.added'], tenant_only: true });
		expect(tenant.error).toBeUndefined();
		expect(sentQuery(sandbox()).get('tenant_only')).toBe('true');

		const missing = await getMany(sandbox(), { event_types: ['tenant.user.added'] });
		expect(missing.error?.message).toMatch(/^Event Types: tenant\.user\.added is tenant-scoped: turn on Tenant Only/);
		const mixed = await getMany(sandbox(), { event_types: ['tenant.user.added', 'user.added'], tenant_only: true });
		expect(mixed.error?.message).toMatch(/^Event Types: tenant-scoped types/);
		expect(sandbox().requests).toHaveLength(1);
	});

	it.each([
		[{ effectiveAfter: 'yesterday-ish' }, /^Effective After: "yesterday-ish" is not a date and time/],
		[{ event_types: ['api_key.exploded'] }, /^Event Types: "api_key.exploded" is not an audit-log event type/],
		[{ project_ids: ['proj/../x'] }, /^Project Names or IDs: "proj\/..\/x" is not a project ID/],
		[{ actor_emails: 'nobody' }, /^Actor Emails: "nobody" is not an email address/],
		[{ resource_ids: 'a b' }, /^Resource IDs: "a b" is not an ID/],
	])('refuses %j before any request, naming the field', async (filters, message) => {
		const run = await getMany(sandbox(), filters);
		expect(run.error?.message).toMatch(message);
		expect(sandbox().requests).toHaveLength(0);
	});

	it('explains an organization whose audit logging is off', async () => {
		sandbox().state.auditLogging = false;
		const run = await getMany(sandbox(), {});
		expect(run.error?.httpCode).toBe('403');
		expect(run.error?.description).toMatch(/^Audit logging is turned off for this OpenAI organization/);
	});
});
