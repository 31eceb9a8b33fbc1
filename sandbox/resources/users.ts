/**
 * /organization/users: the organization's members. A role change is `owner` or `reader`. Removing a
 * user from the organization removes them from every project (with the project roles they held
 * there), deletes the API keys they own in projects, and drops their group memberships and role
 * assignments, each change with its event.
 */
import { queryList } from '../http';
import { SEEDED_COLLECTIONS } from '../collections';
import { CollectionStore, organization } from '../store';
import type { OrganizationUser } from '../types';
import { apiKeys } from './api-keys';
import type { Route } from './context';
import * as groups from './groups';
import { serializeUser } from './organization-user';
import { projectUsers } from './project-users';
import * as roles from './roles';

export const organizationUsers = new CollectionStore<OrganizationUser>({
	path: SEEDED_COLLECTIONS.organizationUsers,
	idParam: 'user_id',
	noun: 'user',
	object: 'organization.user',
	idPrefix: 'user-',
	scope: organization,
	serialize: serializeUser,
	events: { updated: 'user.updated', deleted: 'user.deleted' },
	eventChanges: (body) => (typeof body.role === 'string' ? { role: body.role } : {}),
	afterRemove: (user, _scope, ctx) => {
		for (const project of ctx.state.projects) {
			for (let i = project.apiKeys.length - 1; i >= 0; i--) {
				const key = project.apiKeys[i];
				if (key.owner.type !== 'user' || key.owner.user.id !== user.id) continue;
				ctx.state.removeAt(project.apiKeys, i);
				apiKeys.record(ctx.state, 'deleted', project, key, {});
			}
			if (projectUsers.find(project, ctx.state, user.id)) projectUsers.remove(ctx, project, user.id);
		}
		groups.forgetUser(ctx.state, user);
		roles.forgetUser(ctx.state, user);
	},
});

export const routes: Route[] = [
	// `emails` filters by address (case-insensitive); accepts emails[]=a&emails[]=b, emails=a&emails=b, emails=a,b.
	organizationUsers.listRoute('list-users', {
		filter: (ctx) => {
			const emails = queryList(ctx.query, 'emails').map((e) => e.toLowerCase());
			return emails.length > 0 ? (u) => emails.includes(u.email.toLowerCase()) : undefined;
		},
	}),
	organizationUsers.getRoute('retrieve-user'),
	organizationUsers.updateRoute('modify-user', {
		rules: { role: { enum: ['owner', 'reader'] } },
		apply: (user, ctx) => {
			if (typeof ctx.body.role === 'string') user.role = ctx.body.role as OrganizationUser['role'];
		},
	}),
	organizationUsers.deleteRoute('delete-user'),
];
