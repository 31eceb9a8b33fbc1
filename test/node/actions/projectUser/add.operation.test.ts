import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project User → Add', () => {
	const sandbox = useSandbox({ projects: 1, users: 5, usersPerProject: 0 });
	const project = () => sandbox().state.projects.find((p) => !p.is_default)!;

	const outsiderOfProject = () =>
		sandbox().state.organizationUsers.find((user) => !project().users.some((member) => member.id === user.id))!;

	it('adds an organization member by email', async () => {
		const person = outsiderOfProject();
		const membersBefore = project().users.map((user) => user.id);
		const run = await runAgainst(sandbox(), {
			resource: 'projectUser',
			operation: 'add',
			projectId: byId(project().id),
			identifyBy: 'email',
			email: person.email,
			role: 'member',
		});

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())).toEqual([
			{
				method: 'POST',
				path: `/organization/projects/${project().id}/users`,
				query: {},
				body: { email: person.email, role: 'member' },
			},
		]);
		expect(run.json).toEqual([
			expect.objectContaining({ object: 'organization.project.user', id: person.id, role: 'member' }),
		]);
		expect(project().users.map((user) => user.id)).toEqual([...membersBefore, person.id]);
	});

	it('adds an organization member by user id, as owner', async () => {
		const person = outsiderOfProject();
		const run = await runAgainst(sandbox(), {
			resource: 'projectUser',
			operation: 'add',
			projectId: byId(project().id),
			identifyBy: 'user',
			userId: byId(person.id),
			role: 'owner',
		});

		expect(calls(sandbox())[0].body).toEqual({ user_id: person.id, role: 'owner' });
		expect(run.json[0]).toEqual(expect.objectContaining({ id: person.id, role: 'owner' }));
	});

	it('passes on the API refusal for someone outside the organization', async () => {
		const membersBefore = project().users.length;
		const run = await runAgainst(sandbox(), {
			resource: 'projectUser',
			operation: 'add',
			projectId: byId(project().id),
			identifyBy: 'email',
			email: 'stranger@example.org',
			role: 'member',
		});
		expect(run.error?.message).toMatch(/stranger@example\.org|not a member|not found/i);
		expect(project().users).toHaveLength(membersBefore);
	});
});
