import { project } from './project/Project.resource';
import { projectApiKey } from './projectApiKey/ProjectApiKey.resource';
import { projectRateLimit } from './projectRateLimit/ProjectRateLimit.resource';
import { projectServiceAccount } from './projectServiceAccount/ProjectServiceAccount.resource';
import { projectUser } from './projectUser/ProjectUser.resource';
import type { Operation, Resource } from './types';
import { user } from './user/User.resource';
import { invite } from './invite/Invite.resource';
import { adminApiKey } from './adminApiKey/AdminApiKey.resource';
import { projectServiceAccountApiKey } from './projectServiceAccountApiKey/ProjectServiceAccountApiKey.resource';
import { group } from './group/Group.resource';
import { groupUser } from './groupUser/GroupUser.resource';
import { groupRole } from './groupRole/GroupRole.resource';
import { role } from './role/Role.resource';
import { userRole } from './userRole/UserRole.resource';
import { projectGroup } from './projectGroup/ProjectGroup.resource';
import { certificate } from './certificate/Certificate.resource';
import { projectCertificate } from './projectCertificate/ProjectCertificate.resource';

/**
 * Every resource and its operations. The node's description and hints, the README's operations
 * table, the spec coverage test and the test tables are all read from here.
 */
export const resources: Resource[] = [
	project,
	projectApiKey,
	projectRateLimit,
	projectServiceAccount,
	projectUser,
	user,
	invite,
	adminApiKey,
	projectServiceAccountApiKey,
	group,
	groupUser,
	groupRole,
	role,
	userRole,
	projectGroup,
	certificate,
	projectCertificate,
];

export type RegistryEntry = Operation & { resource: string; resourceName: string };

/** The operations as one flat list, each with its resource. */
export const registry: RegistryEntry[] = resources.flatMap((resource) =>
	resource.operations.map((operation) => ({ ...operation, resource: resource.value, resourceName: resource.name })),
);
