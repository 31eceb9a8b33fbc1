/** /organization/users: the organization's members (read-only here; the node's user picker reads them). */
import { queryList } from '../http';
import { CollectionStore, organization } from '../store';
import type { OrganizationUser } from '../types';
import type { Route } from './context';

export function serializeUser(u: OrganizationUser) {
	return { object: 'organization.user' as const, id: u.id, name: u.name, email: u.email, role: u.role, added_at: u.added_at };
}

export const organizationUsers = new CollectionStore<OrganizationUser>({
	path: '/organization/users',
	idParam: 'user_id',
	noun: 'user',
	object: 'organization.user',
	idPrefix: 'user-',
	scope: organization,
	items: (_, state) => state.organizationUsers,
	serialize: serializeUser,
});

export const routes: Route[] = [
	// `emails` filters by address (case-insensitive); accepts emails[]=a&emails[]=b, emails=a&emails=b, emails=a,b.
	organizationUsers.listRoute({
		filter: (ctx) => {
			const emails = queryList(ctx.query, 'emails').map((e) => e.toLowerCase());
			return emails.length > 0 ? (u) => emails.includes(u.email.toLowerCase()) : undefined;
		},
	}),
	organizationUsers.getRoute(),
];
