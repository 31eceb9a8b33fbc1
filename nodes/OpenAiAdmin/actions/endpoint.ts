import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationId } from '../../shared/spec';
import { SPEC_OPERATIONS } from '../../shared/spec';
import type { SpecField, SpecOperation } from '../../shared/specTypes';
import type { AdminApi } from '../transport';
import type { Pager } from '../transport/pagination';
import { MAX_PAGE_SIZE, cursorPager, listAll } from '../transport/pagination';
import { fillPath } from '../transport/path';
import type { ExistingObject } from './shared/existing';
import { createOnce } from './shared/existing';
import { collection, listControls } from './shared/fields';
import { readCollection, readId, readListControls, requireChanges } from './shared/parameters';
import type { FieldOverrides } from './shared/specFields';
import { fieldsFromSpec, isEmpty, leftOut, readSpecValue } from './shared/specFields';
import type { AllItems, AllItemsOperation, Endpoint, ItemOperation, OperationHint } from './types';

/**
 * Declarations of endpoints. Each names the spec operation it calls by its operationId; the method,
 * the path, the pager and the fields the spec describes come from the operation table
 * (nodes/shared/spec.ts), so a declaration says only what the spec cannot: the sentence n8n shows,
 * the pickers that fill the path, and better words for a field. A get, delete or list is a few
 * lines in its resource file; a POST whose body is its fields is too; one with rules of its own
 * passes them as `body`.
 */

/** The operationIds of one method, e.g. every GET. */
type OperationIdOf<Method> = {
	[Id in OperationId]: (typeof SPEC_OPERATIONS)[Id]['method'] extends Method ? Id : never;
}[OperationId];

export type ListId = {
	[Id in OperationIdOf<'GET'>]: (typeof SPEC_OPERATIONS)[Id] extends { pager: string } ? Id : never;
}[OperationIdOf<'GET'>];

interface Common {
	/** The `operation` parameter value, and its name in the Operation dropdown. */
	value?: string;
	name?: string;
	/** The sentence n8n shows in the node picker and AI tools use, e.g. "Archive a project". */
	action: string;
	description: string;
	/** The resource locator that fills each parameter of the path, by the spec's parameter name. */
	locators?: Record<string, INodeProperties>;
	hints?: OperationHint[];
	/** Where the answer holds a new key's secret, shown only once (see shared/oneTimeKey.ts). */
	oneTimeKeyAt?: string;
}

type BodyReader = (this: IExecuteFunctions, itemIndex: number) => IDataObject | Promise<IDataObject>;
type QueryReader = (this: IExecuteFunctions, itemIndex: number) => IDataObject;
/** Builds a list's query from the chosen filters, for filters that are not one parameter each. */
type FilterQueryReader = (context: IExecuteFunctions, itemIndex: number, chosen: IDataObject) => IDataObject;

type Send = (
	context: IExecuteFunctions,
	itemIndex: number,
	api: AdminApi,
	path: string,
	ids: Record<string, string>,
) => Promise<IDataObject | IDataObject[]>;

type Extra = Partial<Pick<ItemOperation, 'pager' | 'filters' | 'queryParameters' | 'createsResource'>>;

/** What every declaration says of itself, from the table and its own words; no way to run it yet. */
function describe(
	operationId: OperationId,
	declaration: Common,
	defaults: { value: string; name: string },
	fields: INodeProperties[],
	plain: boolean,
	extra: Extra = {},
) {
	const { locators = {}, value, name, ...rest } = declaration;
	const spec = SPEC_OPERATIONS[operationId];
	const missing = spec.pathParameters.filter((parameter) => !locators[parameter]);
	if (missing.length) throw new Error(`${operationId}: no locator for {${missing.join('}, {')}}`);
	return {
		...rest,
		...extra,
		operationId,
		method: spec.method,
		path: spec.path,
		value: value ?? defaults.value,
		name: name ?? defaults.name,
		locators,
		plain,
		properties: [...Object.values(locators), ...fields],
	};
}

/** The ids the locators hold, by the spec's parameter names; checked in path order, so that the first bad id named is the one the user reads first. */
function readIds(context: IExecuteFunctions, itemIndex: number, locators: Record<string, INodeProperties>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(locators).map(([parameter, locator]) => [parameter, readId(context, locator.name, itemIndex, locator.displayName)]),
	);
}

function declare(
	operationId: OperationId,
	declaration: Common,
	defaults: { value: string; name: string },
	fields: INodeProperties[],
	plain: boolean,
	send: Send,
	extra: Extra = {},
): ItemOperation {
	const described = describe(operationId, declaration, defaults, fields, plain, extra);
	const { path } = SPEC_OPERATIONS[operationId];
	return {
		...described,
		async execute(itemIndex, api) {
			const ids = readIds(this, itemIndex, described.locators);
			return await send(this, itemIndex, api, fillPath(path, ids), ids);
		},
	} as ItemOperation;
}

/** The last id of a filled path: the object a get or delete is about. */
const lastSegment = (path: string) => decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));

/** A get; `fields` may ask for more of the object, sent as the query `query` builds from them. */
function get(
	operationId: OperationIdOf<'GET'>,
	declaration: Common & { fields?: INodeProperties[]; query?: QueryReader },
): ItemOperation {
	const { fields = [], query, ...rest } = declaration;
	return declare(operationId, rest, { value: 'get', name: 'Get' }, fields, true, async (context, itemIndex, api, path) =>
		await api.request({ method: 'GET', path, qs: query?.call(context, itemIndex) }),
	);
}

/**
 * A delete. After an attempt that may have deleted the object, a 404 on the retry is answered as
 * the API would have answered the first: the spec's deleted `object` (or `deletes`, for an answer
 * whose object the spec leaves open), the id where the spec's answer has one.
 */
function remove(operationId: OperationIdOf<'DELETE'>, declaration: Common & { deletes?: string }): ItemOperation {
	const { deletes, ...rest } = declaration;
	const answer = (SPEC_OPERATIONS[operationId] as SpecOperation).deleted ?? { id: false, deleted: true };
	const object = answer.object ?? (deletes && `${deletes}.deleted`);
	if (!object) throw new Error(`${operationId}: the spec does not say what a deletion answers; give \`deletes\``);
	return declare(operationId, rest, { value: 'delete', name: 'Delete' }, [], true, async (_context, _itemIndex, api, path) =>
		await api.request({
			method: 'DELETE',
			path,
			// The fields the spec's answer has: a certificate's deletion says no `deleted: true`.
			deletedAnswer: { object, ...(answer.id ? { id: lastSegment(path) } : {}), ...(answer.deleted ? { deleted: true } : {}) },
		}),
	);
}

/** Query parameters that carry paging, never offered as filters. */
const PAGING = new Set(['limit', 'after', 'before', 'page']);

/** How a list of the table pages, and how large its pages may be (the spec's bound, else 100). */
export function pagerOf(operationId: ListId): Pager {
	const spec = SPEC_OPERATIONS[operationId];
	const limit: SpecField | undefined = spec.query.limit;
	const size = limit?.maximum ?? MAX_PAGE_SIZE;
	if (spec.pager === 'next') return cursorPager('after', 'next', { all: size });
	if (spec.pager === 'last_id') return cursorPager('after', 'last_id', { all: size });
	throw new Error(`${operationId}: a ${spec.pager} list pages in time buckets (see report())`);
}

/** A filter's value as a query parameter: a switch only when it differs from the spec's default. */
function filterValue(context: IExecuteFunctions, itemIndex: number, property: INodeProperties, spec: SpecField, value: unknown): unknown {
	if (leftOut(property, value)) return undefined;
	const checked = readSpecValue(context, itemIndex, property, spec, value);
	if (spec.type === 'boolean' && checked === (spec.default ?? false)) return undefined;
	return isEmpty(checked) ? undefined : checked;
}

/**
 * A list with Return All and Limit. Its filters are the spec's query parameters (but paging), each
 * sent under its own name; `filters` gives their words, or leaves one out with `false`. A list whose
 * filters are not one parameter each gives its fields and a `query` that builds the query from them.
 */
function list(
	operationId: ListId,
	declaration: Common &
		({ filters?: FieldOverrides; query?: never } | { filters: INodeProperties[]; query: FilterQueryReader }),
): ItemOperation {
	const { filters = {}, query: readQuery, ...rest } = declaration as Common & {
		filters?: FieldOverrides | INodeProperties[];
		query?: FilterQueryReader;
	};
	const pager = pagerOf(operationId);
	const spec = SPEC_OPERATIONS[operationId];
	const offered = Object.fromEntries(Object.entries(spec.query).filter(([name]) => !PAGING.has(name)));
	const derived = Array.isArray(filters) ? [] : fieldsFromSpec(offered, filters);
	const filterFields = Array.isArray(filters)
		? filters
		: derived.map(({ property }) => property).sort((a, b) => a.displayName.localeCompare(b.displayName));
	const fields = [...listControls(pager.maxLimit), ...(filterFields.length ? [collection('filters', filterFields)] : [])];
	return declare(
		operationId,
		rest,
		{ value: 'getMany', name: 'Get Many' },
		fields,
		true,
		async (context, itemIndex, api, path) => {
			const chosen = readCollection(context, 'filters', itemIndex);
			let query: IDataObject = {};
			if (readQuery) query = readQuery(context, itemIndex, chosen);
			else {
				for (const { property, spec: parameter } of derived) {
					const value = filterValue(context, itemIndex, property, parameter, chosen[property.name]);
					if (value !== undefined) query[property.name] = value;
				}
			}
			return await listAll(api, path, query, readListControls(context, itemIndex, pager.maxLimit), pager);
		},
		// A query of its own may send any of the spec's parameters; the derived one sends its filters'.
		{ pager, filters: filterFields, queryParameters: readQuery ? Object.keys(offered) : derived.map(({ property }) => property.name) },
	);
}

/**
 * A POST. Without `body`, the body is the spec's fields: the required ones as fields of their own,
 * the others in Additional Fields (a create) or Update Fields (a change, which must change one at
 * least), each checked against the spec before it is sent; `fields` gives their words, or leaves
 * an optional one out with `false`, and `properties` adds fields to show (a notice). With `body`,
 * the declaration builds the body itself from `properties`, its own fields. Neither, and the spec
 * has no body: no body. A create that can tell whether what it would make exists already gives
 * `existing`: its "If … Exists" field follows the required ones, and the create looks first when
 * that field asks (see shared/existing.ts).
 */
function post(
	operationId: OperationIdOf<'POST'>,
	declaration: Common & { createsResource: boolean; existing?: ExistingObject } & (
			| { fields?: FieldOverrides; collectionPlaceholder?: string; properties?: INodeProperties[]; body?: never }
			| { body: BodyReader; properties?: INodeProperties[]; fields?: never; collectionPlaceholder?: never }
		),
): ItemOperation {
	const { fields: overrides, body, properties = [], collectionPlaceholder, createsResource, existing, ...rest } = declaration as Common & {
		createsResource: boolean;
		existing?: ExistingObject;
		fields?: FieldOverrides;
		body?: BodyReader;
		properties?: INodeProperties[];
		collectionPlaceholder?: string;
	};
	const send = async (context: IExecuteFunctions, itemIndex: number, api: AdminApi, path: string, sent?: IDataObject) => {
		const create = async () => await api.request({ method: 'POST', path, body: sent, createsResource });
		return existing ? await createOnce(context, itemIndex, existing, api, path, sent ?? {}, create) : await create();
	};
	const ifExists = existing ? [existing.field] : [];
	if (body) {
		return declare(operationId, rest, { value: 'update', name: 'Update' }, [...properties, ...ifExists], false, async (context, itemIndex, api, path) =>
			await send(context, itemIndex, api, path, await body.call(context, itemIndex)),
		{ createsResource },
		);
	}
	const specFields = (SPEC_OPERATIONS[operationId] as SpecOperation).body?.fields ?? {};
	const fields = fieldsFromSpec(specFields, overrides, (_name, spec) => spec.required === true);
	const required = fields.filter(({ property }) => property.required);
	const optional = fields.filter(({ property }) => !property.required);
	const optionalIn = createsResource ? 'additionalFields' : 'updateFields';
	// Display-only fields (a notice) go between the required fields and the optional ones.
	const shown = [
		...required.map(({ property }) => property),
		...ifExists,
		...properties,
		...(optional.length
			? [collection(optionalIn, optional.map(({ property }) => property).sort((a, b) => a.displayName.localeCompare(b.displayName)), collectionPlaceholder)]
			: []),
	];
	return declare(
		operationId,
		rest,
		{ value: 'update', name: 'Update' },
		shown,
		// A create that may look first does not make just the one request its fields say.
		!existing,
		async (context, itemIndex, api, path) => {
			if (!fields.length) return await send(context, itemIndex, api, path);
			const sent: IDataObject = {};
			for (const { property, spec } of required) {
				sent[property.name] = readSpecValue(context, itemIndex, property, spec, context.getNodeParameter(property.name, itemIndex)) as IDataObject[keyof IDataObject];
			}
			const chosen = readCollection(context, optionalIn, itemIndex);
			const changes: IDataObject = {};
			for (const { property, spec } of optional) {
				if (leftOut(property, chosen[property.name])) continue;
				changes[property.name] = readSpecValue(context, itemIndex, property, spec, chosen[property.name]) as IDataObject[keyof IDataObject];
			}
			// A change with nothing to change would be sent for nothing: said before any request.
			if (!createsResource && !required.length) requireChanges(context, itemIndex, changes, 'field');
			return await send(context, itemIndex, api, path, { ...sent, ...changes });
		},
		{ createsResource },
	);
}

/** A declaration of `post` without `createsResource`, which `create` and `update` say. */
type PostDeclaration = Parameters<typeof post>[1];
type Unsaid<T> = T extends unknown ? Omit<T, 'createsResource'> : never;

/**
 * A POST that makes an object: Create in the Operation dropdown unless `value` and `name` say
 * otherwise, its optional fields in Additional Fields, never sent twice after an ambiguous failure.
 */
function create(operationId: OperationIdOf<'POST'>, declaration: Unsaid<PostDeclaration>): ItemOperation {
	return post(operationId, { value: 'create', name: 'Create', ...declaration, createsResource: true });
}

/** A POST that changes an object: Update unless named otherwise, its optional fields in Update Fields. */
function update(operationId: OperationIdOf<'POST'>, declaration: Unsaid<PostDeclaration>): ItemOperation {
	return post(operationId, { ...declaration, createsResource: false });
}

/** Several calls, as the registry lists them: `calls` of an operation of several requests. */
const endpointsOf = (calls: OperationId[]) =>
	calls.map((operationId) => {
		const { method, path } = SPEC_OPERATIONS[operationId] as SpecOperation;
		return { operationId, method, path } as Endpoint;
	});

/**
 * An operation of several requests that makes its own items: the key audit walks several lists, a
 * rotation creates, changes and deletes. `calls` are the spec operations it may make, the one it is
 * about first (its method, path and operationId in the registry, whose path `locators` fill); `run`
 * gets the ids the locators hold, by the spec's parameter names.
 */
function steps(
	declaration: Common & {
		value: string;
		name: string;
		calls: [OperationId, ...OperationId[]];
		fields: INodeProperties[];
		run: (this: IExecuteFunctions, itemIndex: number, api: AdminApi, ids: Record<string, string>) => Promise<IDataObject | IDataObject[]>;
	},
): ItemOperation {
	const { calls, fields, run, ...rest } = declaration;
	const operation = declare(calls[0], rest, { value: rest.value, name: rest.name }, fields, false, async (context, itemIndex, api, _path, ids) =>
		await run.call(context, itemIndex, api, ids),
	);
	return { ...operation, calls: endpointsOf(calls) };
}

/**
 * An operation of several requests over every input item at once (Project Access compares a whole
 * list of people with a project): the router calls `run` once, with all the items; it reads each
 * item's ids with `ids(itemIndex)`. `calls` as for `steps`.
 */
function allItems(
	declaration: Common & {
		value: string;
		name: string;
		calls: [OperationId, ...OperationId[]];
		fields: INodeProperties[];
		run: (this: IExecuteFunctions, items: AllItems, ids: (itemIndex: number) => Record<string, string>) => Promise<void>;
	},
): AllItemsOperation {
	const { calls, fields, run, ...rest } = declaration;
	const described = describe(calls[0], rest, { value: rest.value, name: rest.name }, fields, false);
	return {
		...described,
		calls: endpointsOf(calls),
		async executeAll(items) {
			await run.call(this, items, (itemIndex) => readIds(this, itemIndex, described.locators));
		},
	} as AllItemsOperation;
}

export const endpoint = { get, delete: remove, list, create, update, steps, allItems };
