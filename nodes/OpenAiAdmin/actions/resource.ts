import type { Operation, Resource } from './types';

/**
 * A resource of the Resource dropdown and its operations. Unless told otherwise, the operation
 * shown first is Get Many, else Get, else the first declared.
 */
export function resource(about: Omit<Resource, 'operations' | 'defaultOperation'> & { defaultOperation?: string }, operations: Operation[]): Resource {
	const has = (value: string) => operations.some((operation) => operation.value === value);
	const defaultOperation = about.defaultOperation ?? (has('getMany') ? 'getMany' : has('get') ? 'get' : operations[0].value);
	return { ...about, defaultOperation, operations };
}
