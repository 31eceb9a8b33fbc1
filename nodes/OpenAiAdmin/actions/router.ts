import type { IDataObject, IExecuteFunctions, INodeExecutionData, IPairedItemData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { AdminApi } from '../transport';
import { RequestPacer } from '../transport/pacer';
import { resources } from './registry';
import { errorJson } from './shared/errors';
import { readReturnKeyToAgent, runsAsTool, withholdKeys } from './shared/oneTimeKey';
import { readRequestSettings } from './shared/requestOptions';
import type { AllItemsOperation, Operation } from './types';

export { resources };

function lookUp(context: IExecuteFunctions, itemIndex: number): Operation | undefined {
	const resourceName = context.getNodeParameter('resource', itemIndex);
	const operationName = context.getNodeParameter('operation', itemIndex);
	return resources
		.find((resource) => resource.value === resourceName)
		?.operations.find((candidate) => candidate.value === operationName);
}

function findOperation(context: IExecuteFunctions, itemIndex: number): Operation {
	const operation = lookUp(context, itemIndex);
	if (!operation) {
		const resourceName = context.getNodeParameter('resource', itemIndex);
		const operationName = context.getNodeParameter('operation', itemIndex);
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operationName}" of resource "${resourceName}" is not known`,
			{ itemIndex },
		);
	}
	return operation;
}

/** The error to stop the execution with: n8n's own errors keep their details and learn the item. */
function nodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/** An operation's answer as output items, a new key withheld from an AI agent unless the user says otherwise. */
async function outputItems(
	context: IExecuteFunctions,
	operation: Operation,
	result: IDataObject | IDataObject[],
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const at = operation.oneTimeKeyAt;
	if (at && runsAsTool(context) && !readReturnKeyToAgent(context, itemIndex)) {
		return await withholdKeys(context, Array.isArray(result) ? result : [result], at, itemIndex);
	}
	return context.helpers.constructExecutionMetaData(context.helpers.returnJsonArray(result), {
		itemData: { item: itemIndex },
	});
}

/** n8n's pairing: one input item, or several (an output that comes from a whole list). */
const pairedWith = (itemIndices: number[]): IPairedItemData | IPairedItemData[] =>
	itemIndices.length === 1 ? { item: itemIndices[0] } : itemIndices.map((item) => ({ item }));

/** One execution of the node: its output, and the pacing all of its requests share. */
class Run {
	readonly output: INodeExecutionData[] = [];

	// Pacing spans the whole execution, not one item: a Return All per item must share the budget.
	private pacer: RequestPacer | undefined;

	constructor(private readonly context: IExecuteFunctions) {}

	/** The transport for one item, with its retry settings; bad request options fail the item. */
	api(itemIndex: number): AdminApi {
		const { retry, requestsPerMinute } = readRequestSettings(this.context, itemIndex);
		this.pacer ??= RequestPacer.perMinute(requestsPerMinute);
		return new AdminApi(this.context, itemIndex, retry, this.pacer);
	}

	emit(json: IDataObject, itemIndices: number[]): void {
		this.output.push({ json, pairedItem: pairedWith(itemIndices) });
	}

	/** With Continue On Fail an error item paired with the items; without, the node stops here. */
	fail(error: unknown, itemIndices: number[]): void {
		if (!this.context.continueOnFail()) throw nodeError(this.context, error, itemIndices[0]);
		this.output.push({ json: errorJson(error), pairedItem: pairedWith(itemIndices) });
	}

	async item(itemIndex: number): Promise<void> {
		try {
			const operation = findOperation(this.context, itemIndex);
			if (!operation.execute) throw new NodeOperationError(this.context.getNode(), `${operation.name} runs over all items at once`, { itemIndex });
			const result = await operation.execute.call(this.context, itemIndex, this.api(itemIndex));
			const paired = await outputItems(this.context, operation, result, itemIndex);
			// One push per item: spreading a Return All of 200,000 into push() overflows the call stack.
			for (const item of paired) this.output.push(item);
		} catch (error) {
			this.fail(error, [itemIndex]);
		}
	}

	async all(operation: AllItemsOperation, itemCount: number): Promise<void> {
		const apis = new Map<number, AdminApi>();
		for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
			try {
				apis.set(itemIndex, this.api(itemIndex));
			} catch (error) {
				this.fail(error, [itemIndex]);
			}
		}
		const itemIndices = [...apis.keys()];
		if (itemIndices.length === 0) return;
		try {
			await operation.executeAll.call(this.context, {
				itemIndices,
				api: (itemIndex) => apis.get(itemIndex) ?? this.api(itemIndex),
				emit: (json, pairedItems) => this.emit(json, pairedItems),
				fail: (error, pairedItems) => this.fail(error, pairedItems),
			});
		} catch (error) {
			// What the operation did not pin on some of the items concerns them all.
			this.fail(error, itemIndices);
		}
	}
}

/**
 * Runs every input item through its own resource/operation, in order; an operation that compares
 * the whole input with the API (Project Access) runs once over all of them.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const run = new Run(this);
	// Resource and Operation take no expressions: the first item names the operation of every item.
	const operation = items.length > 0 ? lookUp(this, 0) : undefined;
	if (operation?.executeAll) {
		await run.all(operation, items.length);
	} else {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) await run.item(itemIndex);
	}
	return [run.output];
}
