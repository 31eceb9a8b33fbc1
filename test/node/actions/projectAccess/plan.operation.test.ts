/**
 * Project Access → Plan, through real n8n execution against the sandbox: one input item per person,
 * compared with the project's members; one item per change, then a summary per project; nothing
 * changes, and the reads are each list once.
 */
import { runAgainst, useSandbox } from '../../../helpers/sandbox';
import { ORGANIZATION, access, changesOf, join, membersOf, requestLines, row, summariesOf, team } from './team';

describe('Project Access → Plan', () => {
	const sandbox = useSandbox(ORGANIZATION);

	it('plans an invite, an add, a role change and a removal, each with who, from, to and why, and changes nothing', async () => {
		const { alpha, keyOwner, ada, ben, cleo, dev } = team(sandbox());
		join(alpha, keyOwner, 'owner');
		join(alpha, ada, 'owner');
		join(alpha, ben, 'member');
		join(alpha, cleo, 'member');
		const before = membersOf(alpha);
		const input = [
			row(alpha, keyOwner.email, 'owner'),
			row(alpha, ada.email, 'owner'),
			row(alpha, ben.email, 'owner'),
			row(alpha, dev.email, 'member'),
			row(alpha, 'new.person@example.org', 'member'),
		];

		const run = await runAgainst(sandbox(), access('plan', { removeUnlisted: true }), { input });

		expect(run.error).toBeUndefined();
		// In the order Apply makes them: joins (in the list's order), promotions, demotions, removals.
		expect(run.json).toEqual([
			{
				type: 'change',
				status: 'planned',
				action: 'add',
				projectId: alpha.id,
				email: dev.email,
				userId: dev.id,
				from: null,
				to: 'member',
				why: 'A member of the organization, not of the project',
			},
			{
				type: 'change',
				status: 'planned',
				action: 'invite',
				projectId: alpha.id,
				email: 'new.person@example.org',
				userId: null,
				from: null,
				to: 'member',
				why: 'Not a member of the organization: an invite that names the project, which they join as member on accepting',
			},
			expect.objectContaining({ action: 'changeRole', email: ben.email, userId: ben.id, from: 'member', to: 'owner', why: 'Listed as owner, member in the project now' }),
			expect.objectContaining({
				action: 'remove',
				email: cleo.email,
				userId: cleo.id,
				from: 'member',
				to: null,
				why: 'In the project (as member), not in the list; Remove Unlisted Members is on',
			}),
			{
				type: 'summary',
				status: 'planned',
				projectId: alpha.id,
				message: '4 changes to make: 1 invite, 1 add, 1 role change, 1 removal',
				listed: 5,
				members: 4,
				changes: { invite: 1, add: 1, changeRole: 1, remove: 1 },
				skipped: [],
			},
		]);
		// Each change with the item of its person; a removal and the summary with the whole list.
		expect(run.items.map((item) => item.pairedItem)).toEqual([
			{ item: 3 },
			{ item: 4 },
			{ item: 2 },
			[0, 1, 2, 3, 4].map((item) => ({ item })),
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		]);
		// Reads only, each once: the organization's users, the project's, the invites (someone is not a
		// member) and the admin keys (someone may be removed).
		expect(requestLines(sandbox()).sort()).toEqual(
			['GET /organization/admin_api_keys', 'GET /organization/invites', `GET /organization/projects/${alpha.id}/users`, 'GET /organization/users'].sort(),
		);
		expect(membersOf(alpha)).toEqual(before);
	});

	it('says "no changes" when the project matches the list, after reading only the two member lists', async () => {
		const { alpha, ada, ben } = team(sandbox());
		join(alpha, ada, 'owner');
		join(alpha, ben, 'member');

		// Emails compare without case or surrounding spaces, as addresses do.
		const run = await runAgainst(sandbox(), access('plan'), { input: [row(alpha, ` ${ada.email.toUpperCase()} `, 'owner'), row(alpha, ben.email, 'member')] });

		expect(run.json).toEqual([
			{
				type: 'summary',
				status: 'inSync',
				projectId: alpha.id,
				message: "No changes: the project's members match the list",
				listed: 2,
				members: 2,
				changes: { invite: 0, add: 0, changeRole: 0, remove: 0 },
				skipped: [],
			},
		]);
		expect(run.items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(requestLines(sandbox()).sort()).toEqual([`GET /organization/projects/${alpha.id}/users`, 'GET /organization/users']);
	});

	describe('the policy', () => {
		it('keeps unlisted members by default, naming them, and reads no admin keys', async () => {
			const { alpha, ada, ben } = team(sandbox());
			join(alpha, ada, 'owner');
			join(alpha, ben, 'member');

			const run = await runAgainst(sandbox(), access('plan'), { input: [row(alpha, ada.email, 'owner')] });

			expect(changesOf(run.json)).toEqual([]);
			expect(summariesOf(run.json)).toEqual([
				expect.objectContaining({
					status: 'inSync',
					message: 'No changes to make; 1 left as they are (see skipped)',
					skipped: [{ email: ben.email, userId: ben.id, why: 'In the project (as member), not in the list; Remove Unlisted Members is off' }],
				}),
			]);
			expect(requestLines(sandbox())).not.toContain('GET /organization/admin_api_keys');
		});

		it('with Invite Non-Members off, skips a person outside the organization', async () => {
			const { alpha, ada } = team(sandbox());
			join(alpha, ada, 'owner');

			const run = await runAgainst(sandbox(), access('plan', { inviteNonMembers: false }), {
				input: [row(alpha, ada.email, 'owner'), row(alpha, 'outsider@example.org', 'member')],
			});

			expect(changesOf(run.json)).toEqual([]);
			expect(summariesOf(run.json)[0].skipped).toEqual([
				{ email: 'outsider@example.org', userId: null, why: 'Not a member of the organization; Invite Non-Members is off' },
			]);
		});

		it('with Change Roles off, skips a role that differs', async () => {
			const { alpha, ada, ben } = team(sandbox());
			join(alpha, ada, 'owner');
			join(alpha, ben, 'member');

			const run = await runAgainst(sandbox(), access('plan', { changeRoles: false }), {
				input: [row(alpha, ada.email, 'owner'), row(alpha, ben.email, 'owner')],
			});

			expect(changesOf(run.json)).toEqual([]);
			expect(summariesOf(run.json)[0].skipped).toEqual([
				{ email: ben.email, userId: ben.id, why: 'Listed as owner, member in the project now; Change Roles is off' },
			]);
		});
	});

	it('does not invite a person whose invite is pending, and says whether it names the project', async () => {
		const { alpha, beta, ada } = team(sandbox());
		join(alpha, ada, 'owner');
		const invite = async (email: string, projects: Array<{ id: string; role: string }>) =>
			await fetch(`${sandbox().baseUrl}/organization/invites`, {
				method: 'POST',
				headers: { authorization: `Bearer ${sandbox().adminKey}`, 'content-type': 'application/json' },
				body: JSON.stringify({ email, role: 'reader', projects }),
			}).then(async (response) => (await response.json()) as { id: string });
		const here = await invite('here@example.org', [{ id: alpha.id, role: 'member' }]);
		const elsewhere = await invite('elsewhere@example.org', [{ id: beta.id, role: 'member' }]);
		sandbox().resetLog();

		const run = await runAgainst(sandbox(), access('plan'), {
			input: [row(alpha, ada.email, 'owner'), row(alpha, 'here@example.org', 'member'), row(alpha, 'elsewhere@example.org', 'owner')],
		});

		expect(changesOf(run.json)).toEqual([]);
		expect(summariesOf(run.json)[0].skipped).toEqual([
			{ email: 'here@example.org', userId: null, why: `Invited already (${here.id}, pending): they join the project as member when they accept` },
			{ email: 'elsewhere@example.org', userId: null, why: `Invited already (${elsewhere.id}, pending), without this project: once they accept, run again to add them` },
		]);
	});

	describe('the last owner', () => {
		it('is not demoted when the list makes no one else an owner', async () => {
			const { alpha, ada, ben } = team(sandbox());
			join(alpha, ada, 'owner');
			join(alpha, ben, 'member');

			const run = await runAgainst(sandbox(), access('plan'), { input: [row(alpha, ada.email, 'member'), row(alpha, ben.email, 'member')] });

			expect(changesOf(run.json)).toEqual([]);
			expect(summariesOf(run.json)[0].skipped).toEqual([
				{
					email: ada.email,
					userId: ada.id,
					why: 'Listed as member, owner in the project now, but the last owner of the project: demoting them would leave it without one',
				},
			]);
		});

		it('is not removed, while another owner is; a new owner added first makes the removals safe', async () => {
			const { alpha, ada, ben, cleo } = team(sandbox());
			join(alpha, ada, 'owner');
			join(alpha, ben, 'owner');

			const removing = await runAgainst(sandbox(), access('plan', { removeUnlisted: true }), { input: [row(alpha, cleo.email, 'member')] });
			// The project's first owner stays.
			expect(changesOf(removing.json).map((change) => [change.action, change.email])).toEqual([
				['add', cleo.email],
				['remove', ben.email],
			]);
			expect(summariesOf(removing.json)[0].skipped).toEqual([
				expect.objectContaining({ email: ada.email, why: expect.stringMatching(/the last owner of the project: removing them would leave it without one$/) }),
			]);

			const handingOver = await runAgainst(sandbox(), access('plan', { removeUnlisted: true }), { input: [row(alpha, cleo.email, 'owner')] });
			expect(changesOf(handingOver.json).map((change) => [change.action, change.email])).toEqual([
				['add', cleo.email],
				['remove', ada.email],
				['remove', ben.email],
			]);
		});
	});

	it('never plans to remove the person whose admin key the workflow runs with', async () => {
		const { alpha, keyOwner, ada } = team(sandbox());
		join(alpha, ada, 'owner');
		join(alpha, keyOwner, 'member');

		const run = await runAgainst(sandbox(), access('plan', { removeUnlisted: true }), { input: [row(alpha, ada.email, 'owner')] });

		expect(changesOf(run.json)).toEqual([]);
		expect(summariesOf(run.json)[0].skipped).toEqual([
			{
				email: keyOwner.email,
				userId: keyOwner.id,
				why: 'In the project (as member), not in the list, but owns the admin key this workflow runs with, and is never removed by it',
			},
		]);
	});

	it('plans each project of the input on its own, reading the organization once', async () => {
		const { alpha, beta, ada, ben, cleo } = team(sandbox());
		join(alpha, ada, 'owner');
		join(beta, ben, 'owner');
		const input = [row(alpha, ada.email, 'owner'), row(beta, ben.email, 'owner'), row(alpha, cleo.email, 'member'), row(beta, 'new@example.org', 'member')];

		const run = await runAgainst(sandbox(), access('plan'), { input });

		expect(run.json.map((item) => [item.type, item.projectId, item.action ?? item.status])).toEqual([
			['change', alpha.id, 'add'],
			['summary', alpha.id, 'planned'],
			['change', beta.id, 'invite'],
			['summary', beta.id, 'planned'],
		]);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 2 }, [{ item: 0 }, { item: 2 }], { item: 3 }, [{ item: 1 }, { item: 3 }]]);
		expect(requestLines(sandbox()).sort()).toEqual(
			['GET /organization/invites', `GET /organization/projects/${alpha.id}/users`, `GET /organization/projects/${beta.id}/users`, 'GET /organization/users'].sort(),
		);
	});

	it('takes a person listed twice with the same role once, paired with both items', async () => {
		const { alpha, ada, ben } = team(sandbox());
		join(alpha, ada, 'owner');

		const run = await runAgainst(sandbox(), access('plan'), { input: [row(alpha, ada.email, 'owner'), row(alpha, ben.email, 'member'), row(alpha, ben.email.toUpperCase(), 'member')] });

		expect(changesOf(run.json)).toEqual([expect.objectContaining({ action: 'add', email: ben.email })]);
		expect(run.items[0].pairedItem).toEqual([{ item: 1 }, { item: 2 }]);
	});

	describe('bad input', () => {
		it.each([
			['Email', { email: 'not-an-email' }, /^Email: not-an-email is not an email address \[item 1\]$/],
			['Role', { role: 'admin' }, /^Role: admin is not one of "member", "owner" \[item 1\]$/],
			['Role (missing from the item)', { role: undefined }, /^Role: .* is not one of "member", "owner" \[item 1\]$/],
			['Project', { project: 'a/b' }, /^Project: "a\/b" is not a valid ID .* \[item 1\]$/],
		])('a bad %s stops the run naming the field and the item, before any request', async (_field, spoiled, message) => {
			const { alpha, ada, ben } = team(sandbox());
			const run = await runAgainst(sandbox(), access('plan'), { input: [row(alpha, ada.email, 'owner'), { ...row(alpha, ben.email, 'member'), ...spoiled }] });

			expect(run.error?.message).toMatch(message);
			expect(run.error?.context?.itemIndex).toBe(1);
			expect(sandbox().requests).toHaveLength(0);
		});

		it('a person listed with two roles stops the run naming Role and both items', async () => {
			const { alpha, ada } = team(sandbox());
			const run = await runAgainst(sandbox(), access('plan'), { input: [row(alpha, ada.email, 'owner'), row(alpha, ada.email, 'member')] });

			expect(run.error?.message).toBe(`Role: "member" for ${ada.email}, who item 0 lists as "owner" in the same project [item 1]`);
			expect(sandbox().requests).toHaveLength(0);
		});

		it('with Continue On Fail, an item with bad request options is an error item, the others are planned, and no one is removed', async () => {
			const { alpha, ada, ben } = team(sandbox());
			join(alpha, ada, 'owner');
			join(alpha, ben, 'member');

			const run = await runAgainst(sandbox(), access('plan', { removeUnlisted: true, options: { maxRetries: '={{ $json.retries }}' } }), {
				continueOnFail: true,
				input: [{ ...row(alpha, ada.email, 'owner'), retries: 2 }, { ...row(alpha, ben.email, 'member'), retries: -1 }],
			});

			expect(run.json[0]).toEqual(expect.objectContaining({ error: 'Max Retries: -1 is not a whole number of 0 or more [item 1]' }));
			expect(run.items[0].pairedItem).toEqual({ item: 1 });
			// Ben's item failed: he may be listed, so he stays.
			expect(run.json.slice(1)).toEqual([
				expect.objectContaining({ type: 'summary', status: 'inSync', listed: 1, skipped: [expect.objectContaining({ email: ben.email, why: expect.stringContaining('could not be read') })] }),
			]);
			expect(run.items[1].pairedItem).toEqual({ item: 0 });
		});

		it('with Continue On Fail, bad items become error items, the rest is planned, and no one is removed', async () => {
			const { alpha, ada, ben, cleo } = team(sandbox());
			join(alpha, ada, 'owner');
			join(alpha, cleo, 'member');

			const run = await runAgainst(sandbox(), access('plan', { removeUnlisted: true }), {
				continueOnFail: true,
				input: [row(alpha, ada.email, 'owner'), row(alpha, 'nope', 'member'), row(alpha, ben.email, 'owner')],
			});

			expect(run.error).toBeUndefined();
			expect(run.json[0]).toEqual({ error: 'Email: nope is not an email address [item 1]', description: 'Check the "Email" field of item 1.' });
			expect(run.items[0].pairedItem).toEqual({ item: 1 });
			// Item 1 might have listed Cleo: she stays until the list reads whole.
			expect(changesOf(run.json)).toEqual([expect.objectContaining({ action: 'add', email: ben.email })]);
			expect(summariesOf(run.json)[0].skipped).toEqual([
				expect.objectContaining({ email: cleo.email, why: expect.stringMatching(/but input item 1 could not be read: no one is removed until the list reads whole$/) }),
			]);
			expect(summariesOf(run.json)[0].listed).toBe(2);
		});
	});

	describe('when a read fails', () => {
		it('with Continue On Fail, a project that cannot be read is an error item paired with its items; the other is planned', async () => {
			const { alpha, ada, ben } = team(sandbox());
			join(alpha, ada, 'owner');

			const run = await runAgainst(sandbox(), access('plan'), {
				continueOnFail: true,
				input: [row(alpha, ada.email, 'owner'), { project: 'proj_unknown', email: ben.email, role: 'member' }, row(alpha, ben.email, 'member')],
			});

			expect(run.json[0]).toEqual(expect.objectContaining({ error: expect.stringContaining('proj_unknown'), httpCode: '404' }));
			expect(run.items[0].pairedItem).toEqual({ item: 1 });
			expect(run.json.slice(1).map((item) => [item.type, item.projectId])).toEqual([
				['change', alpha.id],
				['summary', alpha.id],
			]);
		});

		it('plans nothing from a list the API cut short', async () => {
			const { alpha, ada } = team(sandbox());
			sandbox().state.addOrganizationUsers(150);
			sandbox().addFault({ kind: 'bad_page', page: 'empty', method: 'GET', path: '/organization/users', skip: 1, times: 1 });

			const run = await runAgainst(sandbox(), access('plan'), { input: [row(alpha, ada.email, 'owner')] });

			expect(run.error?.message).toMatch(/an empty page that says has_more: true \(page 2 of GET \/organization\/users\)/);
			expect(run.json).toEqual([]);
		});
	});
});
