import type { IDataObject, IExecuteFunctions, INodeProperties, NodeHint } from 'n8n-workflow';

import type { AdminApi } from '../transport';
import type { Pager } from '../transport/pagination';

/**
 * The request an operation makes, as the spec names it. A POST must say whether it creates
 * something: that decides whether a failed attempt may be sent again (see retryPolicy).
 */
export type Endpoint = {
	/** The spec's path template, e.g. `/organization/projects/{project_id}/users/{user_id}`. */
	path: string;
	/** The spec's `operationId` for this method and path. */
	operationId: string;
} & ({ method: 'GET' | 'DELETE'; createsResource?: never } | { method: 'POST'; createsResource: boolean });

/** A hint n8n shows in the output pane after this operation ran. */
export type OperationHint = Pick<NodeHint, 'message' | 'type'>;

/** One endpoint: what the user fills in, the request it makes, and what tests and docs read. */
interface OperationDescription {
	/** The `operation` parameter value. */
	value: string;
	name: string;
	/** The sentence n8n shows in the node picker and AI tools use, e.g. "Archive a project". */
	action: string;
	description: string;
	/** The resource locators that fill the path's parameters, by parameter name. */
	locators: Record<string, INodeProperties>;
	/** For a list: how it pages. */
	pager?: Pager;
	/** For a usage or cost report: how its time buckets page (`page`/`next_page`, Limit counts buckets). */
	buckets?: Pager;
	/** For a list: the filters it offers; each is sent under its own name as a query parameter. */
	filters?: INodeProperties[];
	/** For a list whose filters are read together: the spec's query parameters they may send. */
	queryParameters?: string[];
	/** Whether the declaration alone says what is sent (no rules of its own for the body). */
	plain: boolean;
	hints?: OperationHint[];
	/**
	 * Where its answer holds a new key's secret, which OpenAI shows only once (e.g. `api_key.value`):
	 * withheld from an AI agent unless the user says otherwise (shared/oneTimeKey.ts).
	 */
	oneTimeKeyAt?: string;
	/**
	 * For an operation of several requests (the key audit, a rotation): every spec operation it may
	 * make, the one it is about first (that is also its own method, path and operationId).
	 */
	calls?: Endpoint[];
	/** This operation's fields; `describeResources` adds the resource/operation display rules. */
	properties: INodeProperties[];
}

/**
 * What the router hands an operation that runs once over every input item, in place of one call
 * per item: the items, the transport for each, and where its output goes.
 */
export interface AllItems {
	/** The input items to run, in order (an item whose request options were bad has failed already). */
	itemIndices: number[];
	/** The transport for requests made for this item: its retry settings, the execution's pacing. */
	api(itemIndex: number): AdminApi;
	/** One output item, paired with the input items it comes from. */
	emit(json: IDataObject, pairedItems: number[]): void;
	/**
	 * The work for these input items failed. With Continue On Fail it becomes one error item paired
	 * with them and the operation goes on with the rest; without, this throws and stops the node.
	 */
	fail(error: unknown, pairedItems: number[]): void;
}

/** An operation the router runs once per input item. */
export type ItemOperation = Endpoint &
	OperationDescription & {
		/** Runs the operation for one input item; an array becomes one output item per element. */
		execute(this: IExecuteFunctions, itemIndex: number, api: AdminApi): Promise<IDataObject | IDataObject[]>;
		executeAll?: never;
	};

/**
 * An operation that sees every input item at once, because it compares the whole input with the
 * API (Project Access: the desired members of a project, one item per person). The router calls it
 * once; it pairs each output item with the input items it comes from.
 */
export type AllItemsOperation = Endpoint &
	OperationDescription & {
		executeAll(this: IExecuteFunctions, items: AllItems): Promise<void>;
		execute?: never;
	};

export type Operation = ItemOperation | AllItemsOperation;

export interface Resource {
	value: string;
	name: string;
	description: string;
	defaultOperation: string;
	operations: Operation[];
}
