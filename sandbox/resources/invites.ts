/**
 * /organization/invites: invitations to the organization. An existing member cannot be invited, and
 * an address has at most one pending invite (both 400s naming `email`). Without `projects` the person
 * will join the default project, as the spec says; an empty list names none. An accepted invite cannot
 * be deleted.
 *
 * Accepting happens in a browser, not through the Admin API: the sandbox-only control
 * `POST /__sandbox/invites/{invite_id}/accept` (answered with the new user) plays that part. It
 * creates the organization user with the invite's role and adds them to the projects it names.
 */
import { badRequest, notFound } from '../http';
import { CollectionStore, organization } from '../store';
import type { OrgRole, ProjectRole } from '../types';
import type { Endpoint, Route } from './context';
import { projectUsers } from './project-users';
import { serializeUser } from './organization-user';

export interface Invite {
	object: 'organization.invite';
	id: string;
	email: string;
	role: OrgRole;
	status: 'accepted' | 'expired' | 'pending';
	created_at: number;
	expires_at: number | null;
	accepted_at: number | null;
	projects: Array<{ id: string; role: ProjectRole }>;
}

/** Invites expire after a week. */
const INVITE_LIFETIME = 7 * 86400;

export const invites = new CollectionStore<Invite>({
	path: '/organization/invites',
	idParam: 'invite_id',
	noun: 'invite',
	object: 'organization.invite',
	idPrefix: 'invite-',
	scope: organization,
	events: { created: 'invite.sent', deleted: 'invite.deleted' },
	eventData: (invite) => ({ email: invite.email, role: invite.role }),
	beforeRemove: (invite) => {
		if (invite.status === 'accepted') throw badRequest(`Invite ${invite.id} has already been accepted and cannot be deleted.`);
	},
});

export const routes: Route[] = [
	invites.listRoute('list-invites'),
	invites.createRoute('inviteUser', {
		build: (ctx) => {
			const email = (ctx.body.email as string).trim();
			if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw badRequest(`'${email}' is not a valid email address.`, 'email');
			if (ctx.state.findOrganizationUserByEmail(email)) {
				throw badRequest(`${email} is already a member of this organization.`, 'email');
			}
			const pending = invites.items(ctx.state, ctx.state).some((i) => i.status === 'pending' && i.email.toLowerCase() === email.toLowerCase());
			if (pending) throw badRequest(`There is already a pending invite for ${email}.`, 'email');
			const asked = ctx.body.projects as Invite['projects'] | undefined;
			for (const [index, { id }] of (asked ?? []).entries()) {
				const project = ctx.state.findProject(id);
				if (!project || project.archived_at !== null) throw badRequest(`No active project with id '${id}'.`, `projects[${index}].id`);
			}
			const fallback = ctx.state.defaultProject;
			const projects = asked ?? (fallback ? [{ id: fallback.id, role: 'member' as const }] : []);
			const now = ctx.now();
			return {
				object: 'organization.invite',
				id: invites.newId(ctx.state),
				email,
				role: ctx.body.role as OrgRole,
				status: 'pending',
				created_at: now,
				expires_at: now + INVITE_LIFETIME,
				accepted_at: null,
				projects: projects.map(({ id, role }) => ({ id, role })),
			};
		},
	}),
	invites.getRoute('retrieve-invite'),
	invites.deleteRoute('delete-invite'),
];

/** Controls only the sandbox has (not part of the Admin API, not in the spec). */
export const controlRoutes: Endpoint[] = [
	{
		method: 'POST',
		path: '/__sandbox/invites/{invite_id}/accept',
		handler: (ctx) => {
			const invite = invites.find(ctx.state, ctx.state, ctx.params.invite_id);
			if (!invite) throw notFound(`The invite ${ctx.params.invite_id} was not found`);
			if (invite.status !== 'pending') throw badRequest(`Invite ${invite.id} is ${invite.status}.`);
			const now = ctx.now();
			const [user] = ctx.state.addOrganizationUsers(1, { email: invite.email, name: invite.email.split('@')[0], role: invite.role, added_at: now });
			// addOrganizationUsers records the join as seeded history; an acceptance is the person's own act.
			invite.status = 'accepted';
			invite.accepted_at = now;
			ctx.state.recordEvent({ type: 'invite.accepted', payload: { id: invite.id } });
			for (const { id, role } of invite.projects) {
				const project = ctx.state.findProject(id);
				if (!project || project.archived_at !== null) continue;
				projectUsers.insert(ctx, project, { object: 'organization.project.user', id: user.id, name: user.name, email: user.email, role, added_at: now });
			}
			return serializeUser(user);
		},
	},
];
