import { adminApiKey } from './adminApiKey/AdminApiKey.resource';
import { auditLog } from './auditLog/AuditLog.resource';
import { certificate } from './certificate/Certificate.resource';
import { cost } from './cost/Cost.resource';
import { dataRetention } from './dataRetention/DataRetention.resource';
import { group } from './group/Group.resource';
import { groupRole } from './groupRole/GroupRole.resource';
import { groupUser } from './groupUser/GroupUser.resource';
import { invite } from './invite/Invite.resource';
import { project } from './project/Project.resource';
import { projectAccess } from './projectAccess/ProjectAccess.resource';
import { projectApiKey } from './projectApiKey/ProjectApiKey.resource';
import { projectCertificate } from './projectCertificate/ProjectCertificate.resource';
import { projectDataRetention } from './projectDataRetention/ProjectDataRetention.resource';
import { projectGroup } from './projectGroup/ProjectGroup.resource';
import { projectHostedToolPermissions } from './projectHostedToolPermissions/ProjectHostedToolPermissions.resource';
import { projectModelPermissions } from './projectModelPermissions/ProjectModelPermissions.resource';
import { projectGroupRole } from './projectGroupRole/ProjectGroupRole.resource';
import { projectRateLimit } from './projectRateLimit/ProjectRateLimit.resource';
import { projectRole } from './projectRole/ProjectRole.resource';
import { projectServiceAccount } from './projectServiceAccount/ProjectServiceAccount.resource';
import { projectServiceAccountApiKey } from './projectServiceAccountApiKey/ProjectServiceAccountApiKey.resource';
import { projectSpendAlert } from './projectSpendAlert/ProjectSpendAlert.resource';
import { projectSpendLimit } from './projectSpendLimit/ProjectSpendLimit.resource';
import { projectUser } from './projectUser/ProjectUser.resource';
import { projectUserRole } from './projectUserRole/ProjectUserRole.resource';
import { role } from './role/Role.resource';
import { spendAlert } from './spendAlert/SpendAlert.resource';
import { spendLimit } from './spendLimit/SpendLimit.resource';
import { usageResource } from './usage/Usage.resource';
import { user } from './user/User.resource';
import { userRole } from './userRole/UserRole.resource';
import type { Operation, Resource } from './types';

/**
 * Every resource and its operations. The node's description and hints, the README's operations
 * table, the spec coverage test and the test tables are all read from here.
 */
export const resources: Resource[] = [
	adminApiKey,
	auditLog,
	certificate,
	cost,
	dataRetention,
	group,
	groupRole,
	groupUser,
	invite,
	project,
	projectAccess,
	projectApiKey,
	projectCertificate,
	projectDataRetention,
	projectGroup,
	projectGroupRole,
	projectHostedToolPermissions,
	projectModelPermissions,
	projectRateLimit,
	projectRole,
	projectServiceAccount,
	projectServiceAccountApiKey,
	projectSpendAlert,
	projectSpendLimit,
	projectUser,
	projectUserRole,
	role,
	spendAlert,
	spendLimit,
	usageResource,
	user,
	userRole,
];

export type RegistryEntry = Operation & { resource: string; resourceName: string };

/** The operations as one flat list, each with its resource. */
export const registry: RegistryEntry[] = resources.flatMap((resource) =>
	resource.operations.map((operation) => ({ ...operation, resource: resource.value, resourceName: resource.name })),
);
