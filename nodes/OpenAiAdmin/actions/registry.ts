import { auditLog } from './auditLog/AuditLog.resource';
import { project } from './project/Project.resource';
import { projectApiKey } from './projectApiKey/ProjectApiKey.resource';
import { projectRateLimit } from './projectRateLimit/ProjectRateLimit.resource';
import { projectServiceAccount } from './projectServiceAccount/ProjectServiceAccount.resource';
import { projectUser } from './projectUser/ProjectUser.resource';
import { cost } from './cost/Cost.resource';
import { dataRetention } from './dataRetention/DataRetention.resource';
import { projectDataRetention } from './projectDataRetention/ProjectDataRetention.resource';
import { projectHostedToolPermissions } from './projectHostedToolPermissions/ProjectHostedToolPermissions.resource';
import { projectModelPermissions } from './projectModelPermissions/ProjectModelPermissions.resource';
import { projectSpendAlert } from './projectSpendAlert/ProjectSpendAlert.resource';
import { projectSpendLimit } from './projectSpendLimit/ProjectSpendLimit.resource';
import { spendAlert } from './spendAlert/SpendAlert.resource';
import { spendLimit } from './spendLimit/SpendLimit.resource';
import { usageResource } from './usage/Usage.resource';
import type { Operation, Resource } from './types';

/**
 * Every resource and its operations. The node's description and hints, the README's operations
 * table, the spec coverage test and the test tables are all read from here.
 */
export const resources: Resource[] = [
	auditLog,
	cost,
	dataRetention,
	project,
	projectApiKey,
	projectDataRetention,
	projectHostedToolPermissions,
	projectModelPermissions,
	projectRateLimit,
	projectServiceAccount,
	projectSpendAlert,
	projectSpendLimit,
	projectUser,
	spendAlert,
	spendLimit,
	usageResource,
];

export type RegistryEntry = Operation & { resource: string; resourceName: string };

/** The operations as one flat list, each with its resource. */
export const registry: RegistryEntry[] = resources.flatMap((resource) =>
	resource.operations.map((operation) => ({ ...operation, resource: resource.value, resourceName: resource.name })),
);
