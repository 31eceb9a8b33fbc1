/**
 * Where the state keeps the collections it seeds. Like every store's objects, they live in
 * `state.collection(path, parent)` under their store's path and parent (a project's id, or
 * ORGANIZATION for the organization's own): the state's builders and the stores in resources/ name
 * the same arrays through these constants.
 */
export const ORGANIZATION = 'organization';

export const SEEDED_COLLECTIONS = {
	projects: '/organization/projects',
	organizationUsers: '/organization/users',
	projectUsers: '/organization/projects/{project_id}/users',
	serviceAccounts: '/organization/projects/{project_id}/service_accounts',
	apiKeys: '/organization/projects/{project_id}/api_keys',
	rateLimits: '/organization/projects/{project_id}/rate_limits',
} as const;
