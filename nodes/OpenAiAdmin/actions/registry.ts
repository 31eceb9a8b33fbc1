import { auditLog } from './auditLog/AuditLog.resource';
import { project } from './project/Project.resource';
import { projectApiKey } from './projectApiKey/ProjectApiKey.resource';
import { projectRateLimit } from './projectRateLimit/ProjectRateLimit.resource';
import { projectServiceAccount } from './projectServiceAccount/ProjectServiceAccount.resource';
import { projectUser } from './projectUser/ProjectUser.resource';
import type { Operation, Resource } from './types';

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
	auditLog,
];

export type RegistryEntry = Operation & { resource: string; resourceName: string };

/** The operations as one flat list, each with its resource. */
export const registry: RegistryEntry[] = resources.flatMap((resource) =>
	resource.operations.map((operation) => ({ ...operation, resource: resource.value, resourceName: resource.name })),
);
