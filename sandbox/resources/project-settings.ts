/**
 * Settings kept as one object per organization or project: data retention, a project's model
 * allow/deny list and its hosted tool permissions. Each reads back what was last set (defaults until
 * then); values outside the spec's enums are 400s. Changes are recorded as `organization.updated` or
 * `project.updated`.
 */
import type { SandboxState } from '../state';
import { SingletonStore, organization, project } from '../store';
import type { Project } from '../types';
import type { Route } from './context';

interface Retention {
	type: string;
}

/** The body names the setting `retention_type`; the object calls it `type`. */
const retentionType = (_current: Retention, body: Record<string, unknown>) => ({ type: body.retention_type as string });

export const organizationRetention = new SingletonStore<Retention, SandboxState>({
	path: '/organization/data_retention',
	scope: organization,
	defaults: () => ({ type: 'modified_abuse_monitoring' }),
	serialize: (value) => ({ object: 'organization.data_retention', ...value }),
	event: 'organization.updated',
});

export const projectRetention = new SingletonStore<Retention, Project>({
	path: '/organization/projects/{project_id}/data_retention',
	scope: project,
	defaults: () => ({ type: 'organization_default' }),
	serialize: (value) => ({ object: 'project.data_retention', ...value }),
	event: 'project.updated',
});

interface ModelPermissions {
	mode: string;
	model_ids: string[];
}

/** Until set, nothing is denied; DELETE goes back to that. */
export const modelPermissions = new SingletonStore<ModelPermissions, Project>({
	path: '/organization/projects/{project_id}/model_permissions',
	scope: project,
	defaults: () => ({ mode: 'deny_list', model_ids: [] }),
	serialize: (value) => ({ object: 'project.model_permissions', ...value }),
	event: 'project.updated',
	deleted: () => ({ object: 'project.model_permissions.deleted', deleted: true }),
});

export const HOSTED_TOOLS = ['file_search', 'web_search', 'image_generation', 'mcp', 'code_interpreter'] as const;
type HostedTools = Record<(typeof HOSTED_TOOLS)[number], { enabled: boolean }>;

/** Every tool is enabled until changed; a tool left out of an update (or null) keeps its setting. */
export const hostedToolPermissions = new SingletonStore<HostedTools, Project>({
	path: '/organization/projects/{project_id}/hosted_tool_permissions',
	scope: project,
	defaults: () => Object.fromEntries(HOSTED_TOOLS.map((tool) => [tool, { enabled: true }])) as HostedTools,
	event: 'project.updated',
});

export const routes: Route[] = [
	organizationRetention.getRoute('retrieve-organization-data-retention'),
	organizationRetention.updateRoute('update-organization-data-retention', { apply: retentionType }),
	projectRetention.getRoute('retrieve-project-data-retention'),
	projectRetention.updateRoute('update-project-data-retention', { apply: retentionType }),
	modelPermissions.getRoute('retrieve-project-model-permissions'),
	modelPermissions.updateRoute('update-project-model-permissions', { apply: (_current, body) => ({ mode: body.mode as string, model_ids: [...(body.model_ids as string[])] }) }),
	modelPermissions.resetRoute('delete-project-model-permissions'),
	hostedToolPermissions.getRoute('retrieve-project-hosted-tool-permissions'),
	hostedToolPermissions.updateRoute('update-project-hosted-tool-permissions', {
		apply: (current, body) => {
			const next = { ...current };
			for (const tool of HOSTED_TOOLS) {
				const change = body[tool] as { enabled: boolean } | null | undefined;
				if (change) next[tool] = { enabled: change.enabled };
			}
			return next;
		},
	}),
];
