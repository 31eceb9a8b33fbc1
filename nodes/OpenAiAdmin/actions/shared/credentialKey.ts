import type { IExecuteFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../transport';

/**
 * Whether the admin key with this redacted value (`sk-admin-...abcd`) may be the one this workflow's
 * credential holds. Only its start and end show; a key that could be it is treated as it: a rotation
 * never deletes it, Project Access never removes its owner.
 */
export async function mayBeCredentialKey(context: IExecuteFunctions, itemIndex: number, redacted: unknown): Promise<boolean> {
	if (typeof redacted !== 'string') return false;
	const [start, end] = redacted.split('...');
	if (end === undefined) return false;
	const { apiKey } = await context.getCredentials(CREDENTIAL_TYPE, itemIndex);
	return typeof apiKey === 'string' && apiKey.startsWith(start) && apiKey.endsWith(end);
}
