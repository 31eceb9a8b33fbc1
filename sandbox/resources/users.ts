/** /organization/users: the organization's members (read-only here; the node's user picker reads them). */
import { notFound, paginate, queryList } from '../http';
import type { OrganizationUser } from '../types';
import type { RouteContext } from './context';

export function serializeUser(u: OrganizationUser) {
	return { object: 'organization.user' as const, id: u.id, name: u.name, email: u.email, role: u.role, added_at: u.added_at };
}

/** `emails` filters by address (case-insensitive); accepts emails[]=a&emails[]=b, emails=a&emails=b, emails=a,b. */
export function listUsers(ctx: RouteContext) {
	const emails = queryList(ctx.query, 'emails').map((e) => e.toLowerCase());
	const visible = emails.length > 0 ? (u: OrganizationUser) => emails.includes(u.email.toLowerCase()) : undefined;
	return paginate(ctx.state, ctx.state.organizationUsers, ctx.query, serializeUser, { visible });
}

export function retrieveUser(ctx: RouteContext) {
	const id = ctx.params.user_id;
	const user = ctx.state.findOrganizationUser(id);
	if (!user) throw notFound(`The user ${id} was not found`);
	return serializeUser(user);
}
