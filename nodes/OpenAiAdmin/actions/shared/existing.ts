import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AdminApi } from '../../transport';
import { EVERYTHING, listAll } from '../../transport/pagination';
import { checkOneOf } from './parameters';
import { text } from './pickers';

/**
 * Creates that look first. Run twice, an onboarding workflow would make a second project or service
 * account of the same name, and so would a queue-mode execution that n8n 1.x runs again after its
 * worker died. A create that knows what it would make can find it first: the field "If … Exists"
 * says whether to create another anyway (what the API does), return the one there is, or fail.
 */

export type IfExists = 'createAnother' | 'fail' | 'returnExisting';

export interface ExistingObject {
	/** "If … Exists": its values are among IfExists, its default the create's behaviour without it. */
	field: INodeProperties;
	/** Whether the API itself refuses a twin (an invite): Fail then needs no look, the API's refusal is it. */
	refusedByApi?: boolean;
	/** The object the create would make, if it is there already, from the path and body about to be sent. */
	find(api: AdminApi, path: string, body: IDataObject): Promise<IDataObject | undefined>;
	/** How the Fail error names what it found, e.g. `A project named "Payments" (proj_abc)`. */
	describe(found: IDataObject): string;
}

const OPTIONS: Record<IfExists, (noun: string) => INodePropertyOptions> = {
	createAnother: (noun) => ({
		name: 'Create Another',
		value: 'createAnother',
		description: `Create a new ${noun} without looking: the API allows several with one name`,
	}),
	fail: (noun) => ({
		name: 'Fail',
		value: 'fail',
		description: `Fail the item, naming the ${noun} there is; nothing is created`,
	}),
	returnExisting: (noun) => ({
		name: 'Return the Existing One',
		value: 'returnExisting',
		description: `Create nothing and output the ${noun} there is, as if it had just been made`,
	}),
};

/** The "If … Exists" field: the given choices in n8n's sorted order, the first given the default. */
export function ifExistsField(
	displayName: string,
	noun: string,
	choices: [IfExists, ...IfExists[]],
	description: string,
): INodeProperties {
	// n8n's lint reads a default only when it is a literal or a plain identifier.
	const [defaultChoice] = choices;
	return {
		displayName,
		name: 'ifExists',
		type: 'options',
		options: choices.map((choice) => OPTIONS[choice](noun)).sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultChoice,
		description,
	};
}

/**
 * A create whose object has a name that tells it apart within its list (a project in the
 * organization, a service account in its project). The list is the create's own path, read whole:
 * a name first seen on page three is found too.
 */
export function sameName(noun: string, where: string, note = ''): ExistingObject {
	const titled = noun.replace(/\b\w/g, (letter) => letter.toUpperCase());
	return {
		field: ifExistsField(
			`If a ${titled} With This Name Exists`,
			noun,
			['createAnother', 'fail', 'returnExisting'],
			`What to do when ${where} already has a ${noun} of this name, e.g. when a workflow runs again. Looking costs one request per 100 ${noun}s.${note && ` ${note}`}`,
		),
		async find(api, path, body) {
			const name = text(body.name).trim();
			const listed = await listAll(api, path, {}, EVERYTHING);
			return listed.find((candidate) => text(candidate.name).trim() === name);
		},
		describe: (found) => `A ${noun} named "${text(found.name)}" (${text(found.id)})`,
	};
}

/**
 * Sends the create, unless "If … Exists" says to look first and the object is there: then it is
 * returned, or the item fails naming it. Without a look the create is sent as it always was.
 */
export async function createOnce(
	context: IExecuteFunctions,
	itemIndex: number,
	existing: ExistingObject,
	api: AdminApi,
	path: string,
	body: IDataObject,
	create: () => Promise<IDataObject>,
): Promise<IDataObject> {
	const { field } = existing;
	const allowed = (field.options as INodePropertyOptions[]).map((option) => option.value as IfExists);
	const choice = checkOneOf(context, context.getNodeParameter(field.name, itemIndex, field.default), allowed, itemIndex, field.displayName);
	const looks = choice === 'returnExisting' || (choice === 'fail' && !existing.refusedByApi);
	const found = looks ? await existing.find(api, path, body) : undefined;
	if (!found) return await create();
	if (choice === 'returnExisting') return found;
	throw new NodeOperationError(context.getNode(), `${existing.describe(found)} exists already; nothing was created`, {
		itemIndex,
		description: `"${field.displayName}" is set to Fail. Choose "Return the Existing One" to go on with it instead.`,
	});
}
