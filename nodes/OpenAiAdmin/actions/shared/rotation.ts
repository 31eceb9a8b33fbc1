import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { AdminApi, AdminApiRequest } from '../../transport';
import { collection, dropdown } from './fields';
import { checkOneOf, invalidInput, readCollection, readId, readSwitch } from './parameters';

/**
 * What a key rotation and its retirement share: when the old one goes, what the replacement is
 * called, whether a retirement only says what it would do, and the answer of a step that failed
 * after the replacement was made. A rotation never deletes before the replacement exists, and
 * nothing that could create a twin is sent again (creates are not retried after an ambiguous
 * failure; see the transport).
 */

export const retireNowField = (what: string, how: string): INodeProperties =>
	dropdown(`Retire Old ${what}`, 'retire', [
		['Later, With Retire', 'later', `Keep the old ${how} until Retire finds the new key in use (run Retire on a schedule)`],
		['Now', 'now', `Delete the old ${how} as soon as the replacement exists: whatever still uses the old key stops working`],
	], { default: 'later', description: `When the old ${how} is deleted` });

export const nameSuffixField = collection('additionalFields', [
	{
		displayName: 'Name Suffix',
		name: 'nameSuffix',
		type: 'string',
		default: '',
		placeholder: 'e.g. (2026-12)',
		description: 'Added to the old name for the replacement; without it the replacement has the same name',
	},
]);

export const retireSwitches: INodeProperties[] = [
	{
		displayName: 'Force',
		name: 'force',
		type: 'boolean',
		default: false,
		description: 'Whether to delete the old one even when the new key has not been used yet',
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: 'Whether to only say what Retire would do, and delete nothing',
	},
];

/**
 * A rotation's settings, read before any request: when the old one goes ("Retire Old …", `what` as
 * given to retireNowField, so that an error names the field as shown) and the replacement's name,
 * the old one with the suffix if one is given.
 */
export function readRotation(context: IExecuteFunctions, itemIndex: number, what: string) {
	const retire = checkOneOf(context, context.getNodeParameter('retire', itemIndex, 'later'), ['later', 'now'], itemIndex, `Retire Old ${what}`);
	const { nameSuffix = '' } = readCollection(context, 'additionalFields', itemIndex);
	if (typeof nameSuffix !== 'string') throw invalidInput(context, itemIndex, 'Name Suffix', `${JSON.stringify(nameSuffix)} is not a text`);
	const suffix = nameSuffix.trim();
	return {
		retireNow: retire === 'now',
		replacementName: (oldName: unknown): string => {
			const base = typeof oldName === 'string' && oldName.trim() !== '' ? oldName.trim() : 'Rotated';
			return suffix ? `${base} ${suffix}` : base;
		},
	};
}

/**
 * Retire's settings, read before any request: the replacement from the locator `replacementField`
 * (never the `what` to retire itself, whose id is `retiringId`), Force and Dry Run.
 */
export function readRetirement(context: IExecuteFunctions, itemIndex: number, replacementField: string, retiringId: string, what: string) {
	const replacementId = readId(context, replacementField, itemIndex, 'Replacement');
	if (replacementId === retiringId) throw invalidInput(context, itemIndex, 'Replacement', `is the ${what} to retire itself`);
	const force = readSwitch(context, itemIndex, 'force', 'Force');
	const dryRun = readSwitch(context, itemIndex, 'dryRun', 'Dry Run');
	return { replacementId, force, dryRun };
}

/**
 * Retire's last step, once it knows whether the replacement's key was used: nothing is deleted
 * while it was not (unless forced) or on a dry run; else `deletion` deletes the old one.
 */
export async function retireIfUsed(
	api: AdminApi,
	answer: IDataObject,
	{ used, force, dryRun }: { used: boolean; force: boolean; dryRun: boolean },
	deletion: Pick<AdminApiRequest, 'path' | 'deletedAnswer'>,
): Promise<IDataObject> {
	if (!used && !force) {
		return { ...answer, status: 'notYetUsed', deleted: false, nextStep: 'Nothing was deleted: run Retire again once the new key is in use, or with Force' };
	}
	if (dryRun) return { ...answer, status: 'wouldRetire', deleted: false };
	const deleted = await api.request({ method: 'DELETE', ...deletion });
	return { ...answer, status: 'retired', deleted: deleted.deleted === true };
}

/**
 * A step after the replacement was made failed: the item still carries the replacement (its key is
 * shown only this once, so an error would lose it), says which step failed, and what to do.
 */
export function incomplete(answer: IDataObject, step: string, error: unknown, whatToDo: string): IDataObject {
	return {
		...answer,
		status: 'incomplete',
		failedStep: step,
		error: error instanceof Error ? error.message : String(error),
		whatToDo,
	};
}

export const iso = (seconds: unknown) => (typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : null);
