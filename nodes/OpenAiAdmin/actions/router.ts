import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { AdminApi } from '../transport';
import { RequestPacer } from '../transport/pacer';
import { resources } from './registry';
import { readReturnKeyToAgent, runsAsTool, withholdKeys } from './shared/oneTimeKey';
import { readRequestSettings } from './shared/requestOptions';
import type { Operation } from './types';

export { resources };

function findOperation(context: IExecuteFunctions, itemIndex: number): Operation {
	const resourceName = context.getNodeParameter('resource', itemIndex);
	const operationName = context.getNodeParameter('operation', itemIndex);
	const operation = resources
		.find((resource) => resource.value === resourceName)
		?.operations.find((candidate) => candidate.value === operationName);
	if (!operation) {
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

function errorOutput(error: unknown, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error instanceof Error ? error.message : String(error) };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.description) json.description = error.description;
		if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	}
	return { json, pairedItem: { item: itemIndex } };
}

/** Runs every input item through its own resource/operation, in order. */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	// Pacing spans the whole execution, not one item: a Return All per item must share the budget.
	let pacer: RequestPacer | undefined;

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const operation = findOperation(this, itemIndex);
			const { retry, requestsPerMinute } = readRequestSettings(this, itemIndex);
			pacer ??= RequestPacer.perMinute(requestsPerMinute);
			const api = new AdminApi(this, itemIndex, retry, pacer);
			const result = await operation.execute.call(this, itemIndex, api);
			const paired = await outputItems(this, operation, result, itemIndex);
			// One push per item: spreading a Return All of 200,000 into push() overflows the call stack.
			for (const item of paired) output.push(item);
		} catch (error) {
			if (this.continueOnFail()) {
				output.push(errorOutput(error, itemIndex));
				continue;
			}
			throw nodeError(this, error, itemIndex);
		}
	}
	return [output];
}
