/**
 * What the Project Access tests share: an organization whose people are named by the part they
 * play, memberships put straight into the sandbox, the node's parameters, and the requests made.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../../sandbox';
import type { OrganizationUser, Project, ProjectRole } from '../../../../sandbox/types';
import { byId } from '../../../helpers/runNode';

/** No seeded memberships, keys or accounts: each test says who is where. */
export const ORGANIZATION = { projects: 2, users: 10, usersPerProject: 0, serviceAccountsPerProject: 0, keysPerProject: 0, rateLimitsPerProject: 0 };

export function team(sandbox: Sandbox) {
	const { state } = sandbox;
	const [alpha, beta] = state.projects.filter((project) => !project.is_default);
	// The sandbox's own admin key belongs to the organization's first user, an owner.
	const [keyOwner, ada, ben, cleo, dev, eve] = state.organizationUsers;
	return { alpha, beta, keyOwner, ada, ben, cleo, dev, eve };
}

/** Makes the user a member of the project, as if they had been for a while. */
export function join(project: Project, user: OrganizationUser, role: ProjectRole): void {
	project.users.push({ object: 'organization.project.user', id: user.id, name: user.name, email: user.email, role, added_at: 1 });
}

/** Each project's members as `email: role`, to compare with what was asked for. */
export const membersOf = (project: Project) => Object.fromEntries(project.users.map((user) => [user.email, user.role]));

/** Project Access with every field from the item: `{ project, email, role }`, Email and Role left at their defaults. */
export const access = (operation: 'plan' | 'apply', extra: INodeParameters = {}): INodeParameters => ({
	resource: 'projectAccess',
	operation,
	projectId: byId('={{ $json.project }}'),
	...extra,
});

/** One input item: a person who should be in a project, as a sheet's row would hold them. */
export const row = (project: Project, email: string, role: ProjectRole): IDataObject => ({ project: project.id, email, role });

/** The requests made, as `METHOD path`. */
export const requestLines = (sandbox: Sandbox) => sandbox.requests.map((request) => `${request.method} ${request.path}`);

export const changesOf = (json: IDataObject[]) => json.filter((item) => item.type === 'change');
export const summariesOf = (json: IDataObject[]) => json.filter((item) => item.type === 'summary');
