import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ListControls } from '../../transport/pagination';
import { ID_PATTERN } from './fields';

const ID_REGEX = new RegExp(ID_PATTERN);
const EMAIL_REGEX = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A rejected input, named by field and item, raised before any request is made. */
export function invalidInput(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	problem: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `${field}: ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description: `Check the "${field}" field of item ${itemIndex}.`,
	});
}

function show(value: unknown): string {
	// JSON.stringify(undefined) is undefined: an expression that found nothing shows as such.
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * The id a resource locator (or plain field) holds. Only characters OpenAI ids use are accepted, so
 * that no id can reach another route; paths encode it as well.
 */
export function readId(
	context: IExecuteFunctions,
	parameter: string,
	itemIndex: number,
	field: string,
): string {
	return checkId(context, context.getNodeParameter(parameter, itemIndex, '', { extractValue: true }), itemIndex, field);
}

/** An id given as a value (one of a list of ids), checked as `readId` checks a field's. */
export function checkId(context: IExecuteFunctions, raw: unknown, itemIndex: number, field: string): string {
	const id = typeof raw === 'number' ? String(raw) : raw;
	if (typeof id !== 'string' || id.trim() === '') {
		throw invalidInput(context, itemIndex, field, 'an ID is required');
	}
	if (id !== id.trim()) {
		throw invalidInput(context, itemIndex, field, `"${show(id)}" has leading or trailing spaces`);
	}
	if (!ID_REGEX.test(id) || id.includes('..')) {
		throw invalidInput(
			context,
			itemIndex,
			field,
			`"${show(id)}" is not a valid ID (letters, digits, "_", "-", ".", ":" only)`,
		);
	}
	return id;
}

export function readListControls(
	context: IExecuteFunctions,
	itemIndex: number,
	maxLimit: number,
): ListControls {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false);
	if (returnAll) return { returnAll, limit: Infinity };
	const limit = context.getNodeParameter('limit', itemIndex, 50) as unknown;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
		throw invalidInput(
			context,
			itemIndex,
			'Limit',
			`${show(limit)} is not a whole number from 1 to ${maxLimit}`,
		);
	}
	return { returnAll, limit };
}

export function readText(
	context: IExecuteFunctions,
	parameter: string,
	itemIndex: number,
	field: string,
): string {
	const value = context.getNodeParameter(parameter, itemIndex, '') as unknown;
	if (typeof value !== 'string' || value.trim() === '') {
		throw invalidInput(context, itemIndex, field, 'a value is required');
	}
	return value;
}

export function checkEmail(
	context: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	field: string,
): string {
	if (typeof value !== 'string' || !EMAIL_REGEX.test(value.trim())) {
		throw invalidInput(context, itemIndex, field, `${show(value)} is not an email address`);
	}
	return value.trim();
}

export function checkOneOf<T extends string>(
	context: IExecuteFunctions,
	value: unknown,
	allowed: readonly T[],
	itemIndex: number,
	field: string,
): T {
	if (!allowed.includes(value as T)) {
		throw invalidInput(
			context,
			itemIndex,
			field,
			`${show(value)} is not one of ${allowed.map((option) => `"${option}"`).join(', ')}`,
		);
	}
	return value as T;
}

export function checkNonNegativeInteger(
	context: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	field: string,
): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
		throw invalidInput(context, itemIndex, field, `${show(value)} is not a whole number of 0 or more`);
	}
	return value;
}

/** The collection parameter (Additional Fields, Filters, ...) as an object, empty when unset. */
export function readCollection(
	context: IExecuteFunctions,
	parameter: string,
	itemIndex: number,
): IDataObject {
	const value = context.getNodeParameter(parameter, itemIndex, {}) as unknown;
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

/** An update's body, refused before any request when it would change nothing. */
export function requireChanges(
	context: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
	what: 'field' | 'limit',
): IDataObject {
	if (Object.keys(body).length === 0) {
		throw invalidInput(context, itemIndex, 'Update Fields', `add at least one ${what} to change`);
	}
	return body;
}

/** A whole number from `min` to `max`, e.g. a number of days or a concurrency. */
export function checkWholeNumber(
	context: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	field: string,
	min: number,
	max = Infinity,
): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		const range = max === Infinity ? `of ${min} or more` : `from ${min} to ${max}`;
		throw invalidInput(context, itemIndex, field, `${show(value)} is not a whole number ${range}`);
	}
	return value;
}

/** A switch (a boolean field), which an expression may have set to anything: only true or false. */
export function readSwitch(context: IExecuteFunctions, itemIndex: number, name: string, field: string, fallback = false): boolean {
	const value = context.getNodeParameter(name, itemIndex, fallback);
	if (typeof value !== 'boolean') throw invalidInput(context, itemIndex, field, `${JSON.stringify(value)} is not true or false`);
	return value;
}
