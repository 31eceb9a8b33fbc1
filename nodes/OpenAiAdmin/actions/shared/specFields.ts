import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationId } from '../../../shared/spec';
import { SPEC_OPERATIONS } from '../../../shared/spec';
import type { SpecField, SpecOperation } from '../../../shared/specTypes';
import { label } from './fields';
import { checkOneOf, invalidInput } from './parameters';

/**
 * Node fields made from the operation table: a query parameter or a body field becomes the field an
 * n8n user fills in (its type, options, bounds and default from the spec, its display name from its
 * name), and the value the user gave becomes what is sent, checked against the same spec. A
 * declaration adds only what the spec cannot say: a description, a better display name, option
 * names, a placeholder.
 */

/** What a declaration adds to a field made from the spec: a description, or any property of it. */
export type FieldOverride = string | Partial<INodeProperties>;

/** Overrides by the spec's name; `false` leaves the spec's field out of the node. */
export type FieldOverrides = Record<string, FieldOverride | false>;

export const specOperation = (operationId: OperationId): SpecOperation => SPEC_OPERATIONS[operationId];

/** The values of an enum of the table, e.g. `specEnum('create-project', 'body', 'residency')`. */
export function specEnum(operationId: OperationId, place: 'body' | 'query', name: string): readonly string[] {
	const operation = specOperation(operationId);
	const field = place === 'body' ? operation.body?.fields[name] : operation.query[name];
	const values = field?.enum ?? field?.items?.enum;
	if (!values) throw new Error(`${operationId}: the spec gives ${place} field "${name}" no enum`);
	return values;
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** An enum value as an option name: `allow_list` → "Allow List"; dotted or upper-case values stay as they are. */
const optionName = (value: string) => (/^[a-z][a-z0-9_]*$/.test(value) ? label(value) : value);

const enumOptions = (values: readonly string[]): INodePropertyOptions[] =>
	values.map((value) => ({ name: optionName(value), value })).sort(byName);

/** Words for parameters many operations share, so that no declaration repeats them. */
const SHARED_WORDS: Record<string, Partial<INodeProperties>> = {
	order: {
		options: [
			{ name: 'Ascending (Oldest First)', value: 'asc' },
			{ name: 'Descending (Newest First)', value: 'desc' },
		],
		description: 'The order of the results, by creation time',
	},
};

/** The node field for one spec field. `required` puts it outside the optional collection. */
export function fieldFromSpec(name: string, spec: SpecField, override: FieldOverride = {}, required = false): INodeProperties {
	const given: Partial<INodeProperties> = { ...SHARED_WORDS[name], ...(typeof override === 'string' ? { description: override } : override) };
	const base: INodeProperties = { displayName: label(name), name, type: 'string', default: '' };
	const values = spec.enum ?? spec.items?.enum;
	if (spec.type === 'boolean') {
		Object.assign(base, { type: 'boolean', default: spec.default ?? false });
	} else if (spec.type === 'integer' || spec.type === 'number') {
		const typeOptions: IDataObject = {};
		if (spec.minimum !== undefined) typeOptions.minValue = spec.minimum;
		if (spec.maximum !== undefined) typeOptions.maxValue = spec.maximum;
		if (spec.type === 'integer') typeOptions.numberPrecision = 0;
		Object.assign(base, { type: 'number', typeOptions, default: spec.default ?? spec.minimum ?? 0 });
	} else if (spec.type === 'array' && values) {
		Object.assign(base, { type: 'multiOptions', options: enumOptions(values), default: [] });
	} else if (spec.type === 'array') {
		Object.assign(base, { type: 'string', typeOptions: { multipleValues: true }, default: [] });
	} else if (values) {
		Object.assign(base, { type: 'options', options: enumOptions(values), default: spec.default ?? values[0] });
	} else if (spec.type !== 'string') {
		throw new Error(`"${name}": a ${spec.type} field needs a field and a body reader of its own`);
	}
	if (required) base.required = true;
	const field = { ...base, ...given };
	// n8n lists every choice by name, the declaration's own options too.
	if (field.options) field.options = [...(field.options as INodePropertyOptions[])].sort(byName);
	return field;
}

/** Whether a value is empty: nothing, a blank text or an empty list. */
export const isEmpty = (value: unknown) =>
	value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * Whether an optional field was left out (then it is not sent). A text or a list may be left
 * empty; a choice left blank is a bad choice, not no choice.
 */
export const leftOut = (property: INodeProperties, value: unknown) =>
	value === undefined || value === null || (property.type !== 'options' && isEmpty(value));

/** A multi-value field: an array from the editor, or a comma-separated text from an expression. */
export function listOf(value: unknown): unknown[] {
	if (Array.isArray(value)) return value as unknown[];
	if (typeof value === 'string') return value.split(',').map((part) => part.trim()).filter((part) => part !== '');
	return isEmpty(value) ? [] : [value];
}

/**
 * The value to send for one field, checked against its spec: a choice from the enum, a whole number
 * within the bounds, a switch that is a switch, a required text that is not blank.
 */
export function readSpecValue(
	context: IExecuteFunctions,
	itemIndex: number,
	field: INodeProperties,
	spec: SpecField,
	value: unknown,
): unknown {
	const named = field.displayName;
	// A declaration may give a choice the spec states in prose only (a user's role).
	const offered = field.type === 'options' || field.type === 'multiOptions' ? (field.options as INodePropertyOptions[] | undefined)?.map((option) => String(option.value)) : undefined;
	const values = spec.enum ?? spec.items?.enum ?? offered;
	if (spec.type === 'array') {
		return listOf(value).map((entry) => {
			if (values) return checkOneOf(context, entry, values, itemIndex, named);
			if (typeof entry !== 'string' || entry.trim() === '') throw invalidInput(context, itemIndex, named, `${JSON.stringify(entry)} is not a text`);
			return entry.trim();
		});
	}
	if (values) return checkOneOf(context, value, values, itemIndex, named);
	if (spec.type === 'boolean') {
		if (typeof value !== 'boolean') throw invalidInput(context, itemIndex, named, `${JSON.stringify(value)} is not true or false`);
		return value;
	}
	if (spec.type === 'integer' || spec.type === 'number') {
		const whole = spec.type === 'integer';
		// The spec's bounds, or those the declaration gives where the spec states them in prose.
		const low = spec.minimum ?? (field.typeOptions?.minValue) ?? -Infinity;
		const high = spec.maximum ?? (field.typeOptions?.maxValue) ?? Infinity;
		if (typeof value !== 'number' || !Number.isFinite(value) || (whole && !Number.isInteger(value)) || value < low || value > high) {
			const range = high < Infinity ? (low > -Infinity ? `from ${low} to ${high}` : `of at most ${high}`) : low > -Infinity ? `of ${low} or more` : '';
			throw invalidInput(context, itemIndex, named, `${JSON.stringify(value)} is not a ${whole ? 'whole number' : 'number'}${range ? ` ${range}` : ''}`);
		}
		return value;
	}
	if (typeof value !== 'string' || (field.required && value.trim() === '')) {
		throw invalidInput(context, itemIndex, named, field.required ? 'a value is required' : `${JSON.stringify(value)} is not a text`);
	}
	return value;
}

/** The node fields for a spec's fields, each with its override, in the declaration's order then the spec's. */
export function fieldsFromSpec(
	fields: { readonly [name: string]: SpecField },
	overrides: FieldOverrides = {},
	required: (name: string, spec: SpecField) => boolean = () => false,
): Array<{ property: INodeProperties; spec: SpecField }> {
	const names = [...new Set([...Object.keys(overrides), ...Object.keys(fields)])];
	return names.flatMap((name) => {
		const spec = fields[name];
		const override = overrides[name];
		if (override === false) return [];
		if (!spec) throw new Error(`"${name}" is not a field of the spec's operation`);
		return [{ property: fieldFromSpec(name, spec, override, required(name, spec)), spec }];
	});
}
