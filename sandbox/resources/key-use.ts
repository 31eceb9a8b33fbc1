/**
 * Keys in use: the admin keys made through the API call the API as the sandbox's own key does, and
 * each use sets the key's `last_used_at`, as the live API shows it. A project or service account key
 * calls models, not the Administration API; the sandbox-only control `POST /__sandbox/api_keys/use`
 * plays an app using one (or an admin key), so that a rotation's "is the new key in use yet?" can be
 * tested. Not in the spec.
 */
import { badRequest, notFound } from '../http';
import type { SandboxState } from '../state';
import type { ApiKey } from '../types';
import { adminApiKeys } from './admin-api-keys';
import type { Endpoint } from './context';

/** The admin key or project key whose secret this is, if it still exists. */
function keyOf(state: SandboxState, value: string): { last_used_at: number | null } | undefined {
	const id = state.keyIdOfSecret(value);
	if (id === undefined) return undefined;
	const admin = adminApiKeys.find(state, state, id);
	if (admin) return admin;
	for (const project of state.projects) {
		const key: ApiKey | undefined = project.apiKeys.find((candidate) => candidate.id === id);
		if (key) return key;
	}
	return undefined;
}

/** Whether `value` is an admin key made through the API (then this use is recorded on it). */
export function useAdminKey(state: SandboxState, value: string): boolean {
	const id = state.keyIdOfSecret(value);
	const key = id === undefined ? undefined : adminApiKeys.find(state, state, id);
	if (!key) return false;
	key.last_used_at = state.now();
	return true;
}

export const controlRoutes: Endpoint[] = [
	{
		method: 'POST',
		path: '/__sandbox/api_keys/use',
		jsonBody: true,
		handler: (ctx) => {
			const raw: unknown = (ctx.body as { value?: unknown }).value;
			if (typeof raw !== 'string' || raw === '') throw badRequest("Give the key's secret as 'value'.", 'value');
			const key = keyOf(ctx.state, raw);
			if (!key) throw notFound('No key of this organization has this secret.');
			key.last_used_at = ctx.now();
			return key;
		},
	},
];
