import type { IDataObject } from 'n8n-workflow';

import { apiPath } from '../../transport/path';
import { endpoint } from '../endpoint';
import { mayBeCredentialKey } from '../shared/credentialKey';
import { adminApiKeyLocator, resourceLocator } from '../shared/fields';
import { oneTimeKey } from '../shared/oneTimeKey';
import { text } from '../shared/pickers';
import { incomplete, iso, nameSuffixField, readRetirement, readRotation, retireIfUsed, retireNowField, retireSwitches } from '../shared/rotation';

/**
 * An admin key is rotated by making a new one with the same name and lifetime and deleting the
 * old one, at once or once the new key is in use. The spec lets a new admin key choose neither its
 * owner nor its scopes: the new key has what the API gives it. The key this workflow's own
 * credential holds is never deleted by it: that would cut the workflow off.
 */

const locators = { key_id: adminApiKeyLocator };
const key = oneTimeKey('replacement.value', 'admin API key');

/** The spec's longest lifetime of an admin key: a year, in seconds. */
const MAX_LIFETIME = 31536000;

const summary = (key: IDataObject) => ({ id: key.id, name: key.name, redactedValue: key.redacted_value, lastUsedAt: iso(key.last_used_at) });

const ownKeyStep = (id: unknown) =>
	`This workflow's credential holds the old key ${text(id)}: put the new key into the credential, then run Retire to delete the old one.`;

export const rotateAdminApiKey = endpoint.steps({
	value: 'rotate',
	name: 'Rotate',
	action: 'Rotate an admin API key and delete the old key now or later',
	description: 'Make a new admin API key with the same name and lifetime, and delete the old one now or later',
	calls: ['admin-api-keys-get', 'admin-api-keys-create', 'admin-api-keys-delete'],
	locators,
	fields: [retireNowField('Key', 'admin key'), ...key.fields, nameSuffixField],
	hints: [key.hint],
	oneTimeKeyAt: key.at,
	async run(itemIndex, api, ids) {
		const { retireNow, replacementName } = readRotation(this, itemIndex, 'Key');
		const old = await api.request({ method: 'GET', path: apiPath`/organization/admin_api_keys/${ids.key_id}` });
		const body: IDataObject = { name: replacementName(old.name) };
		if (typeof old.expires_at === 'number' && typeof old.created_at === 'number') {
			body.expires_in_seconds = Math.min(MAX_LIFETIME, Math.max(1, old.expires_at - old.created_at));
		}
		const made = await api.request({ method: 'POST', path: '/organization/admin_api_keys', body, createsResource: true });
		const answer: IDataObject = { status: 'rotated', old: summary(old), replacement: made, oldDeleted: false };
		if (!retireNow) return { ...answer, nextStep: `Run Retire for ${text(old.id)} with the replacement ${text(made.id)} once the new key is in use` };
		if (await mayBeCredentialKey(this, itemIndex, old.redacted_value)) return { ...answer, nextStep: ownKeyStep(old.id) };
		try {
			const deleted = await api.request({
				method: 'DELETE',
				path: apiPath`/organization/admin_api_keys/${ids.key_id}`,
				deletedAnswer: { object: 'organization.admin_api_key.deleted', id: ids.key_id, deleted: true },
			});
			return { ...answer, oldDeleted: deleted.deleted === true };
		} catch (error) {
			return incomplete(answer, 'delete the old key', error, `The new key ${text(made.id)} is ready in replacement.value; the old ${text(old.id)} is still there: delete it with Retire (Force) or Delete.`);
		}
	},
});

const replacementLocator = resourceLocator({
	name: 'replacementKeyId',
	displayName: 'Replacement',
	list: 'admin-api-keys-list',
	idPlaceholder: 'key_abc123',
	description: 'The admin key that replaced it, which must be in use first',
});

export const retireAdminApiKey = endpoint.steps({
	value: 'retire',
	name: 'Retire',
	action: 'Retire and delete a rotated admin API key',
	description: 'Delete an old admin key once its replacement is in use; until then, say so and delete nothing',
	calls: ['admin-api-keys-delete', 'admin-api-keys-get'],
	locators,
	fields: [replacementLocator, ...retireSwitches],
	async run(itemIndex, api, ids) {
		const { replacementId, force, dryRun } = readRetirement(this, itemIndex, 'replacementKeyId', ids.key_id, 'key');
		const replacement = await api.request({ method: 'GET', path: apiPath`/organization/admin_api_keys/${replacementId}` });
		const old = await api.request({ method: 'GET', path: apiPath`/organization/admin_api_keys/${ids.key_id}` });
		const answer: IDataObject = { old: summary(old), replacement: summary(replacement), forced: force, dryRun };
		if (await mayBeCredentialKey(this, itemIndex, old.redacted_value)) {
			return { ...answer, status: 'stillInUseHere', deleted: false, nextStep: ownKeyStep(old.id) };
		}
		return await retireIfUsed(api, answer, { used: replacement.last_used_at !== null, force, dryRun }, {
			path: apiPath`/organization/admin_api_keys/${ids.key_id}`,
			deletedAnswer: { object: 'organization.admin_api_key.deleted', id: ids.key_id, deleted: true },
		});
	},
});
