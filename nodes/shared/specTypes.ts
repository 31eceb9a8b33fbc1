/** The shapes of the operation table (`spec.ts`, generated from the OpenAPI spec). */

/** A query parameter or a body field. */
export interface SpecField {
	readonly type: string;
	readonly required?: true;
	readonly nullable?: true;
	readonly enum?: readonly string[];
	readonly default?: unknown;
	readonly minimum?: number;
	readonly maximum?: number;
	readonly items?: SpecField;
	readonly properties?: { readonly [name: string]: SpecField };
}

/** How a list pages: `after` = `last_id`, `after` = `next`, or `page` = `next_page`. */
export type SpecPagerStyle = 'last_id' | 'next' | 'page';

export interface SpecOperation {
	readonly method: 'GET' | 'POST' | 'DELETE';
	readonly path: string;
	readonly pathParameters: readonly string[];
	readonly query: { readonly [name: string]: SpecField };
	readonly pager?: SpecPagerStyle;
	readonly body?: { readonly required: boolean; readonly fields: { readonly [name: string]: SpecField } };
	/** A delete's answer: its `object` (when the spec names one) and whether it carries the `id` and `deleted: true`. */
	readonly deleted?: { readonly object?: string; readonly id: boolean; readonly deleted: boolean };
}
