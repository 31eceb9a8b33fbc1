/**
 * Project Access → Apply, through real n8n execution against the sandbox: the plan carried out in a
 * safe order, one outcome item per change; a second run finds nothing to do and only reads; a
 * partial failure is visible and a re-run finishes it; a project keeps an owner, and the person
 * whose admin key runs the workflow stays.
 */
import type { IDataObject } from 'n8n-workflow';

import { runAgainst, useSandbox } from '../../../helpers/sandbox';
import { ORGANIZATION, access, changesOf, join, membersOf, requestLines, row, summariesOf, team } from './team';

const writes = (lines: string[]) => lines.filter((line) => !line.startsWith('GET '));

describe('Project Access → Apply', () => {
	const sandbox = useSandbox(ORGANIZATION);

	it('makes every change in a safe order, outputs each as done, and a second run only reads', async () => {
		const { alpha, ada, ben, cleo, dev } = team(sandbox());
		join(alpha, ada, 'owner');
		join(alpha, ben, 'member');
		join(alpha, cleo, 'member');
		const input = [row(alpha, ada.email, 'member'), row(alpha, ben.email, 'owner'), row(alpha, dev.email, 'member'), row(alpha, 'new.person@example.org', 'owner')];
		// One change at a time, so that the order of the requests is the order they are made in.
		const parameters = access('apply', { removeUnlisted: true, concurrency: 1 });

		const run = await runAgainst(sandbox(), parameters, { input });

		expect(run.error).toBeUndefined();
		expect(membersOf(alpha)).toEqual({ [ada.email]: 'member', [ben.email]: 'owner', [dev.email]: 'member' });
		const [invite] = sandbox().state.collection<IDataObject>('/organization/invites', 'organization');
		expect(invite).toMatchObject({ email: 'new.person@example.org', role: 'reader', status: 'pending', projects: [{ id: alpha.id, role: 'owner' }] });
		// Joins first, the promotion before the demotion (the project is never without an owner), removals last.
		const users = `/organization/projects/${alpha.id}/users`;
		expect(writes(requestLines(sandbox()))).toEqual([
			`POST ${users}`,
			'POST /organization/invites',
			`POST ${users}/${ben.id}`,
			`POST ${users}/${ada.id}`,
			`DELETE ${users}/${cleo.id}`,
		]);
		expect(run.json).toEqual([
			expect.objectContaining({ type: 'change', status: 'done', action: 'add', email: dev.email, userId: dev.id, to: 'member' }),
			expect.objectContaining({ type: 'change', status: 'done', action: 'invite', email: 'new.person@example.org', to: 'owner', inviteId: invite.id }),
			expect.objectContaining({ type: 'change', status: 'done', action: 'changeRole', email: ben.email, from: 'member', to: 'owner' }),
			expect.objectContaining({ type: 'change', status: 'done', action: 'changeRole', email: ada.email, from: 'owner', to: 'member' }),
			expect.objectContaining({ type: 'change', status: 'done', action: 'remove', email: cleo.email, from: 'member', to: null }),
			{
				type: 'summary',
				status: 'done',
				projectId: alpha.id,
				message: '5 changes made: 1 invite, 1 add, 2 role changes, 1 removal',
				listed: 4,
				members: 3,
				changes: { invite: 1, add: 1, changeRole: 2, remove: 1 },
				outcomes: { done: 5, skipped: 0, failed: 0 },
				skipped: [],
			},
		]);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 2 }, { item: 3 }, { item: 1 }, { item: 0 }, [0, 1, 2, 3].map((item) => ({ item })), [0, 1, 2, 3].map((item) => ({ item }))]);

		sandbox().resetLog();
		const again = await runAgainst(sandbox(), parameters, { input });

		expect(again.json).toEqual([
			expect.objectContaining({
				type: 'summary',
				status: 'inSync',
				// The invite is pending: it is not sent again.
				message: 'No changes to make; 1 left as they are (see skipped)',
				skipped: [expect.objectContaining({ email: 'new.person@example.org', why: expect.stringMatching(/^Invited already .*: they join the project as owner when they accept$/) })],
			}),
		]);
		expect(requestLines(sandbox()).sort()).toEqual(['GET /organization/invites', `GET ${users}`, 'GET /organization/users']);
	});

	it('makes exactly the changes Plan showed for the same input', async () => {
		const { alpha, beta, ada, ben, cleo } = team(sandbox());
		join(alpha, ada, 'owner');
		join(alpha, cleo, 'member');
		join(beta, ben, 'owner');
		const input = [row(alpha, ada.email, 'owner'), row(alpha, ben.email, 'member'), row(beta, ben.email, 'owner'), row(beta, cleo.email, 'owner')];

		const plan = await runAgainst(sandbox(), access('plan', { removeUnlisted: true }), { input });
		const apply = await runAgainst(sandbox(), access('apply', { removeUnlisted: true }), { input });

		const what = (json: IDataObject[]) => changesOf(json).map(({ action, projectId, email, from, to }) => ({ action, projectId, email, from, to }));
		expect(what(apply.json)).toEqual(what(plan.json));
		expect(what(apply.json)).toHaveLength(3);
		expect(changesOf(apply.json).every((change) => change.status === 'done')).toBe(true);
	});

	it('sends one invite for a person listed in several projects, naming each with its role', async () => {
		const { alpha, beta, ada, ben } = team(sandbox());
		join(alpha, ada, 'owner');
		join(beta, ben, 'owner');

		const run = await runAgainst(sandbox(), access('apply'), {
			input: [row(alpha, ada.email, 'owner'), row(alpha, 'new@example.org', 'member'), row(beta, ben.email, 'owner'), row(beta, 'new@example.org', 'owner')],
		});

		expect(writes(requestLines(sandbox()))).toEqual(['POST /organization/invites']);
		expect(sandbox().requests.find((request) => request.method === 'POST')?.body).toEqual({
			email: 'new@example.org',
			role: 'reader',
			projects: [
				{ id: alpha.id, role: 'member' },
				{ id: beta.id, role: 'owner' },
			],
		});
		const invites = changesOf(run.json);
		expect(invites.map((change) => [change.projectId, change.status, change.inviteId])).toEqual([
			[alpha.id, 'done', invites[0].inviteId],
			[beta.id, 'done', invites[0].inviteId],
		]);
		expect(run.items.filter((item) => item.json.type === 'change').map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 3 }]);
	});

	it('after a 429 retried and a 500 on some changes, the rest is done; the failures are items with the API\'s message, and a re-run finishes', async () => {
		const { alpha, ada, ben, cleo, dev, eve } = team(sandbox());
		join(alpha, ada, 'owner');
		join(alpha, ben, 'member');
		const users = `/organization/projects/${alpha.id}/users`;
		// The role change meets a 429 once and is sent again; Cleo's add and the invite meet a 500 and,
		// as creates that may have happened, are not sent again.
		sandbox().addFault({ kind: 'status', status: 429, retryAfter: { ms: 10 }, method: 'POST', path: `${users}/${ben.id}`, times: 1 });
		sandbox().addFault({ kind: 'status', status: 500, method: 'POST', path: '/organization/invites', times: 1 });
		sandbox().addFault({ kind: 'status', status: 500, method: 'POST', path: users, times: 1 });
		const input = [row(alpha, ada.email, 'owner'), row(alpha, ben.email, 'owner'), row(alpha, cleo.email, 'member'), row(alpha, dev.email, 'member'), row(alpha, eve.email.replace('@', '+new@'), 'member')];

		const run = await runAgainst(sandbox(), access('apply', { concurrency: 1 }), { input });

		expect(run.error).toBeUndefined();
		const outcomes = changesOf(run.json).map(({ action, email, status }) => [action, email, status]);
		expect(outcomes).toEqual([
			['add', cleo.email, 'failed'],
			['add', dev.email, 'done'],
			['invite', eve.email.replace('@', '+new@'), 'failed'],
			['changeRole', ben.email, 'done'],
		]);
		expect(changesOf(run.json)[0]).toEqual(
			expect.objectContaining({
				error: 'The server had an error while processing your request. Sorry about that!',
				description: expect.stringContaining('may have been carried out: check before running it again'),
				httpCode: '500',
			}),
		);
		expect(summariesOf(run.json)[0]).toEqual(
			expect.objectContaining({ status: 'incomplete', message: '2 of 4 changes made, 2 failed, 0 skipped: run Apply again to finish', outcomes: { done: 2, skipped: 0, failed: 2 } }),
		);
		const sent = writes(requestLines(sandbox()));
		expect(sent.filter((line) => line === `POST ${users}`)).toHaveLength(2);
		expect(sent.filter((line) => line === 'POST /organization/invites')).toHaveLength(1);
		expect(sent.filter((line) => line === `POST ${users}/${ben.id}`)).toHaveLength(2);

		sandbox().resetLog();
		const rerun = await runAgainst(sandbox(), access('apply', { concurrency: 1 }), { input });

		expect(changesOf(rerun.json).map(({ action, email, status }) => [action, email, status])).toEqual([
			['add', cleo.email, 'done'],
			['invite', eve.email.replace('@', '+new@'), 'done'],
		]);
		expect(membersOf(alpha)).toEqual({ [ada.email]: 'owner', [ben.email]: 'owner', [cleo.email]: 'member', [dev.email]: 'member' });
	});

	it('does not repeat an add that happened although its answer was lost: the re-run finds the person there', async () => {
		const { alpha, ada, ben } = team(sandbox());
		join(alpha, ada, 'owner');
		sandbox().addFault({ kind: 'status', status: 502, method: 'POST', path: `/organization/projects/${alpha.id}/users`, afterHandler: true, times: 1 });
		const input = [row(alpha, ada.email, 'owner'), row(alpha, ben.email, 'member')];

		const run = await runAgainst(sandbox(), access('apply'), { input });
		expect(changesOf(run.json)).toEqual([expect.objectContaining({ action: 'add', status: 'failed', httpCode: '502' })]);
		expect(membersOf(alpha)[ben.email]).toBe('member');

		const rerun = await runAgainst(sandbox(), access('apply'), { input });
		expect(changesOf(rerun.json)).toEqual([]);
		expect(sandbox().requests.filter((request) => request.method === 'POST')).toHaveLength(1);
	});

	it('never leaves a project without an owner: a demotion waits when the promotion before it failed', async () => {
		const { alpha, ada, ben } = team(sandbox());
		join(alpha, ada, 'owner');
		join(alpha, ben, 'member');
		sandbox().addFault({ kind: 'status', status: 503, method: 'POST', path: `/organization/projects/${alpha.id}/users/${ben.id}` });

		// Max Retries 0: the promotion's 503 is final at once.
		const run = await runAgainst(sandbox(), access('apply', { options: { maxRetries: 0 } }), { input: [row(alpha, ada.email, 'member'), row(alpha, ben.email, 'owner')] });

		expect(changesOf(run.json)).toEqual([
			expect.objectContaining({ action: 'changeRole', email: ben.email, to: 'owner', status: 'failed', httpCode: '503' }),
			expect.objectContaining({
				action: 'changeRole',
				email: ada.email,
				to: 'member',
				status: 'skipped',
				reason: 'The last owner of the project now that a change giving it another failed: demoting them would leave it without one',
			}),
		]);
		expect(membersOf(alpha)).toEqual({ [ada.email]: 'owner', [ben.email]: 'member' });
		expect(sandbox().requests.filter((request) => request.path.endsWith(ada.id))).toHaveLength(0);
	});

	it('never removes the person whose admin key the workflow runs with', async () => {
		const { alpha, keyOwner, ada, ben } = team(sandbox());
		join(alpha, ada, 'owner');
		join(alpha, keyOwner, 'owner');
		join(alpha, ben, 'member');

		const run = await runAgainst(sandbox(), access('apply', { removeUnlisted: true }), { input: [row(alpha, ada.email, 'owner')] });

		expect(changesOf(run.json)).toEqual([expect.objectContaining({ action: 'remove', email: ben.email, status: 'done' })]);
		expect(summariesOf(run.json)[0].skipped).toEqual([expect.objectContaining({ email: keyOwner.email, why: expect.stringContaining('owns the admin key this workflow runs with') })]);
		expect(membersOf(alpha)).toEqual({ [ada.email]: 'owner', [keyOwner.email]: 'owner' });
	});

	it('makes at most Concurrency requests at once', async () => {
		const { alpha, ada } = team(sandbox());
		join(alpha, ada, 'owner');
		const newcomers = sandbox().state.addOrganizationUsers(6);
		sandbox().addFault({ kind: 'latency', latencyMs: 40, method: 'POST' });

		const run = await runAgainst(sandbox(), access('apply', { concurrency: 2 }), {
			input: [row(alpha, ada.email, 'owner'), ...newcomers.map((user) => row(alpha, user.email, 'member'))],
		});

		expect(changesOf(run.json).map((change) => change.status)).toEqual(newcomers.map(() => 'done'));
		const posts = sandbox().requests.filter((request) => request.method === 'POST');
		expect(Math.max(...posts.map((request) => request.inFlight))).toBe(2);
	});

	it('with Continue On Fail, a project that cannot be read is an error item; the other project is applied', async () => {
		const { alpha, ada, ben } = team(sandbox());
		join(alpha, ada, 'owner');

		const run = await runAgainst(sandbox(), access('apply'), {
			continueOnFail: true,
			input: [{ project: 'proj_unknown', email: ben.email, role: 'member' }, row(alpha, ada.email, 'owner'), row(alpha, ben.email, 'member')],
		});

		expect(run.json[0]).toEqual(expect.objectContaining({ httpCode: '404' }));
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		expect(changesOf(run.json)).toEqual([expect.objectContaining({ action: 'add', email: ben.email, status: 'done' })]);
		expect(membersOf(alpha)[ben.email]).toBe('member');
	});

	it('without Continue On Fail, a bad item stops the run before any request', async () => {
		const { alpha, ada } = team(sandbox());
		const run = await runAgainst(sandbox(), access('apply'), { input: [row(alpha, ada.email, 'owner'), row(alpha, 'ben@', 'member')] });

		expect(run.error?.message).toBe('Email: ben@ is not an email address [item 1]');
		expect(sandbox().requests).toHaveLength(0);
	});
});
