import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { AdminApi } from '../transport';
import type { Pager } from '../transport/pagination';
import { lastIdPager, listAll } from '../transport/pagination';
import { fillPath, pathParameters } from '../transport/path';
import { collection, listControls } from './shared/fields';
import { checkOneOf, readCollection, readId, readListControls, readText } from './shared/parameters';
import type { Endpoint, Operation, OperationHint } from './types';

/**
 * Declarations of endpoints. A get, delete, list, or a POST whose body is just its fields is a few
 * lines in its resource file; an operation with rules of its own passes them as `body`. Either way
 * the method, path and retry policy are said once, here, and the registry reads them back.
 */

type Common = Omit<Endpoint, 'method' | 'createsResource'> & {
	value?: string;
	name?: string;
	action: string;
	description: string;
	/** The resource locator that fills each parameter of the path, by the spec's parameter name. */
	locators?: Record<string, INodeProperties>;
	hints?: OperationHint[];
};

type BodyReader = (this: IExecuteFunctions, itemIndex: number) => IDataObject | Promise<IDataObject>;
type QueryReader = (this: IExecuteFunctions, itemIndex: number) => IDataObject;

type Request = (
	context: IExecuteFunctions,
	itemIndex: number,
	api: AdminApi,
	path: string,
) => Promise<IDataObject | IDataObject[]>;

function declare(
	declaration: Common & Endpoint,
	defaults: { value: string; name: string },
	fields: INodeProperties[],
	plain: boolean,
	send: Request,
	extra: Pick<Operation, 'pager' | 'filters' | 'queryParameters'> = {},
): Operation {
	const { locators = {}, value, name, ...rest } = declaration;
	const missing = pathParameters(declaration.path).filter((parameter) => !locators[parameter]);
	if (missing.length) throw new Error(`${declaration.operationId}: no locator for {${missing.join('}, {')}}`);
	return {
		...rest,
		...extra,
		value: value ?? defaults.value,
		name: name ?? defaults.name,
		locators,
		plain,
		properties: [...Object.values(locators), ...fields],
		async execute(itemIndex, api) {
			// In path order, so that the first bad id named is the one the user reads first.
			const ids = Object.fromEntries(
				Object.entries(locators).map(([parameter, locator]) => [
					parameter,
					readId(this, locator.name, itemIndex, locator.displayName),
				]),
			);
			return await send(this, itemIndex, api, fillPath(declaration.path, ids));
		},
	};
}

/** The last id of a filled path: the object a get or delete is about. */
const lastSegment = (path: string) => decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));

/** A get; `fields` may ask for more of the object, sent as the query `query` builds from them. */
function get(declaration: Common & { fields?: INodeProperties[]; query?: QueryReader }): Operation {
	const { fields = [], query, ...rest } = declaration;
	return declare({ ...rest, method: 'GET' }, { value: 'get', name: 'Get' }, fields, true, async (context, itemIndex, api, path) =>
		await api.request({ method: 'GET', path, qs: query?.call(context, itemIndex) }),
	);
}

/**
 * A delete. `deletes` is the deleted object's type (`organization.project.user`): after an attempt
 * that may have deleted it, a 404 on the retry is answered as the API would have answered the first.
 */
function remove(declaration: Common & { deletes: string }): Operation {
	const { deletes, ...rest } = declaration;
	return declare({ ...rest, method: 'DELETE' }, { value: 'delete', name: 'Delete' }, [], true, async (_c, _i, api, path) =>
		await api.request({
			method: 'DELETE',
			path,
			// A setting (a spend limit, model permissions) has no id of its own to answer with.
			deletedAnswer: declaration.path.endsWith('}')
				? { object: `${deletes}.deleted`, id: lastSegment(path), deleted: true }
				: { object: `${deletes}.deleted`, deleted: true },
		}),
	);
}

const optionValues = (field: INodeProperties) =>
	((field.options ?? []) as INodePropertyOptions[]).map((option) => String(option.value));

/** A filter as a query parameter: a switch only when on, a choice only from its options. */
function readFilters(context: IExecuteFunctions, itemIndex: number, filters: INodeProperties[]): IDataObject {
	const chosen = readCollection(context, 'filters', itemIndex);
	const query: IDataObject = {};
	for (const filter of filters) {
		const value = chosen[filter.name];
		if (value === undefined) continue;
		if (filter.type === 'boolean') {
			if (value === true) query[filter.name] = true;
		} else if (filter.type === 'options') {
			query[filter.name] = checkOneOf(context, value, optionValues(filter), itemIndex, filter.displayName);
		} else if (value !== '') {
			query[filter.name] = value;
		}
	}
	return query;
}

/** Builds a list's query from the chosen filters, for filters that are not one parameter each. */
type FilterQueryReader = (context: IExecuteFunctions, itemIndex: number, chosen: IDataObject) => IDataObject;

/**
 * A list with Return All and Limit; each filter is a query parameter named as in the spec, unless
 * `query` builds the query from them (then `queryParameters` names what it may send).
 */
function list(
	declaration: Common & { pager?: Pager; filters?: INodeProperties[]; query?: FilterQueryReader; queryParameters?: string[] },
): Operation {
	const { pager = lastIdPager, filters = [], query: readQuery, queryParameters, ...rest } = declaration;
	const fields = [...listControls(pager.maxLimit), ...(filters.length ? [collection('filters', filters)] : [])];
	return declare(
		{ ...rest, method: 'GET' },
		{ value: 'getMany', name: 'Get Many' },
		fields,
		true,
		async (context, itemIndex, api, path) => {
			const query = readQuery
				? readQuery(context, itemIndex, readCollection(context, 'filters', itemIndex))
				: readFilters(context, itemIndex, filters);
			return await listAll(api, path, query, readListControls(context, itemIndex, pager.maxLimit), pager);
		},
		{ pager, filters, queryParameters },
	);
}

/** A body of plain fields: a choice only from its options, a required text not blank. */
function readFields(context: IExecuteFunctions, itemIndex: number, fields: INodeProperties[]): IDataObject {
	const body: IDataObject = {};
	for (const field of fields) {
		if (field.type === 'options') {
			const value = context.getNodeParameter(field.name, itemIndex);
			body[field.name] = checkOneOf(context, value, optionValues(field), itemIndex, field.displayName);
		} else if (field.type === 'string') {
			body[field.name] = readText(context, field.name, itemIndex, field.displayName);
		} else {
			throw new Error(`${field.name}: a ${field.type} field needs a body reader of its own`);
		}
	}
	return body;
}

/**
 * A POST. Without `body`, the body is `fields` as they are (options checked, texts required); with
 * it, `body` builds it from the item and `fields` are only shown. No `fields` and no `body`: no body.
 */
function post(
	declaration: Common & { createsResource: boolean; fields?: INodeProperties[]; body?: BodyReader },
): Operation {
	const { fields = [], body, ...rest } = declaration;
	const plain = body === undefined;
	return declare(
		{ ...rest, method: 'POST' },
		{ value: 'update', name: 'Update' },
		fields,
		plain,
		async (context, itemIndex, api, path) => {
			const sent = body ? await body.call(context, itemIndex) : fields.length ? readFields(context, itemIndex, fields) : undefined;
			return await api.request({ method: 'POST', path, body: sent, createsResource: declaration.createsResource });
		},
	);
}

/**
 * An operation that walks several lists and makes its own items (the key audit). `reads` are the
 * spec operations it calls, the first being the one it starts from; none has a path parameter the
 * user fills in, since the walk finds every id itself.
 */
function walk(
	declaration: Omit<Common, keyof Endpoint | 'locators'> & {
		value: string;
		name: string;
		reads: Array<Endpoint & { method: 'GET' }>;
		fields: INodeProperties[];
		run: Operation['execute'];
	},
): Operation {
	const { reads, fields, run, ...rest } = declaration;
	return { ...rest, ...reads[0], reads, locators: {}, plain: false, properties: fields, execute: run };
}

export const endpoint = { get, delete: remove, list, post, walk };
