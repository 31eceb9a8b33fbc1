import type { IDataObject } from 'n8n-workflow';

import { apiPath } from '../../transport/path';
import { listAll } from '../../transport/pagination';
import { endpoint } from '../endpoint';
import { projectLocator, resourceLocator, serviceAccountLocator } from '../shared/fields';
import { oneTimeKey } from '../shared/oneTimeKey';
import { text } from '../shared/pickers';
import { invalidInput } from '../shared/parameters';
import {
	incomplete,
	iso,
	nameSuffixField,
	readRetirement,
	readRotation,
	retireIfUsed,
	retireNowField,
	retireSwitches,
} from '../shared/rotation';

/**
 * A service account's key cannot be deleted on its own: it goes with its service account. So a
 * rotation makes a replacement service account (same name, same role, a new key) and retires the
 * old account, at once or later, once the new key is in use.
 */

const locators = { project_id: projectLocator, service_account_id: serviceAccountLocator };
const key = oneTimeKey('replacement.api_key.value', 'service account key');

const account = (item: IDataObject) => ({ id: item.id, name: item.name, role: item.role });

export const rotateServiceAccount = endpoint.steps({
	value: 'rotate',
	name: 'Rotate',
	action: 'Rotate a service account key and delete the old account now or later',
	description: 'Make a replacement service account with a new API key (same name and role), and retire the old one now or later',
	calls: [
		'retrieve-project-service-account',
		'create-project-service-account',
		'update-project-service-account',
		'delete-project-service-account',
	],
	locators,
	fields: [retireNowField('Service Account', 'service account and its keys'), ...key.fields, nameSuffixField],
	hints: [key.hint],
	oneTimeKeyAt: key.at,
	async run(itemIndex, api, ids) {
		const { retireNow, replacementName } = readRotation(this, itemIndex, 'Service Account');
		const old = await api.request({ method: 'GET', path: apiPath`/organization/projects/${ids.project_id}/service_accounts/${ids.service_account_id}` });
		if (old.role !== 'owner' && old.role !== 'member') {
			throw invalidInput(this, itemIndex, 'Service Account', `${text(old.id)} has no role and no API key to rotate (it was made with Create Service Account Only)`);
		}
		// Nothing exists yet: a failure here is the error it is (and a create is never sent twice).
		const made = await api.request({
			method: 'POST',
			path: apiPath`/organization/projects/${ids.project_id}/service_accounts`,
			body: { name: replacementName(old.name) },
			createsResource: true,
		});
		let answer: IDataObject = { status: 'rotated', old: account(old), replacement: made, oldDeleted: false };
		const replacementPath = apiPath`/organization/projects/${ids.project_id}/service_accounts/${text(made.id)}`;
		if (made.role !== old.role) {
			try {
				const updated = await api.request({ method: 'POST', path: replacementPath, body: { role: old.role } });
				answer.replacement = { ...made, role: updated.role };
			} catch (error) {
				return incomplete(answer, `give the replacement the role ${text(old.role)}`, error, `The replacement ${text(made.id)} exists with the role ${text(made.role)} and its new key is in replacement.api_key: store the key, then change its role (Project Service Account → Update). The old service account is untouched.`);
			}
		}
		if (!retireNow) {
			return { ...answer, nextStep: `Run Retire for ${text(old.id)} with the replacement ${text(made.id)} once the new key is in use` };
		}
		try {
			const deleted = await api.request({
				method: 'DELETE',
				path: apiPath`/organization/projects/${ids.project_id}/service_accounts/${ids.service_account_id}`,
				deletedAnswer: { object: 'organization.project.service_account.deleted', id: ids.service_account_id, deleted: true },
			});
			answer = { ...answer, oldDeleted: deleted.deleted === true };
		} catch (error) {
			return incomplete(answer, 'delete the old service account', error, `The replacement ${text(made.id)} is ready and its new key is in replacement.api_key; the old ${text(old.id)} is still there: delete it with Retire (Force) or Delete.`);
		}
		return answer;
	},
});

const replacementLocator = resourceLocator({
	name: 'replacementId',
	displayName: 'Replacement',
	list: 'list-project-service-accounts',
	idPlaceholder: 'svc_acct_abc123',
	description: 'The service account that replaced it, whose key must be in use first',
});

/** The newest last use of the account's keys, in Unix seconds, or null when none was used. */
function lastUse(keys: IDataObject[], accountId: string): { keys: IDataObject[]; lastUsedAt: number | null } {
	const own = keys.filter((key) => {
		const owner = key.owner as { type?: string; service_account?: { id?: string } } | undefined;
		return owner?.type === 'service_account' && owner.service_account?.id === accountId;
	});
	let lastUsedAt: number | null = null;
	for (const key of own) if (typeof key.last_used_at === 'number' && (lastUsedAt === null || key.last_used_at > lastUsedAt)) lastUsedAt = key.last_used_at;
	return { keys: own.map((key) => ({ id: key.id, name: key.name, lastUsedAt: iso(key.last_used_at) })), lastUsedAt };
}

export const retireServiceAccount = endpoint.steps({
	value: 'retire',
	name: 'Retire',
	action: 'Retire and delete a rotated service account and its API keys',
	description: "Delete an old service account once its replacement's key is in use; until then, say so and delete nothing",
	calls: ['delete-project-service-account', 'retrieve-project-service-account', 'list-project-api-keys'],
	locators,
	fields: [replacementLocator, ...retireSwitches],
	async run(itemIndex, api, ids) {
		const { replacementId, force, dryRun } = readRetirement(this, itemIndex, 'replacementId', ids.service_account_id, 'service account');
		const inProject = (id: string) => apiPath`/organization/projects/${ids.project_id}/service_accounts/${id}`;
		// Both must exist: a replacement that is gone cannot be in use, and nothing is deleted for it.
		const replacement = await api.request({ method: 'GET', path: inProject(replacementId) });
		const old = await api.request({ method: 'GET', path: inProject(ids.service_account_id) });
		const keys = await listAll(api, apiPath`/organization/projects/${ids.project_id}/api_keys`, { owner_project_access: 'any' }, { returnAll: true, limit: Infinity });
		const use = lastUse(keys, replacementId);
		const answer: IDataObject = {
			old: account(old),
			replacement: { ...account(replacement), keys: use.keys },
			lastUsedAt: iso(use.lastUsedAt),
			forced: force,
			dryRun,
		};
		return await retireIfUsed(api, answer, { used: use.lastUsedAt !== null, force, dryRun }, {
			path: inProject(ids.service_account_id),
			deletedAnswer: { object: 'organization.project.service_account.deleted', id: ids.service_account_id, deleted: true },
		});
	},
});
