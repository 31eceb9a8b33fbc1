/**
 * An organization user as the resources that name one see it: looked up by id (else the API's 404),
 * and served in the spec's `User` shape (role assignments answer with it too). Kept apart from
 * users.ts, whose removal cascade reaches into the resources that use these.
 */
import { notFound } from '../http';
import type { SandboxState } from '../state';
import type { OrganizationUser } from '../types';

export function serializeUser(u: OrganizationUser) {
	return { object: 'organization.user' as const, id: u.id, name: u.name, email: u.email, role: u.role, added_at: u.added_at };
}

export function organizationUserOr404(state: SandboxState, id: string): OrganizationUser {
	const user = state.findOrganizationUser(id);
	if (!user) throw notFound(`The user ${id} was not found`);
	return user;
}
