import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { AdminApi } from '../transport';

/** One endpoint: what the user fills in, and the request it makes. */
export interface Operation {
	/** The `operation` parameter value. */
	value: string;
	name: string;
	/** The sentence n8n shows in the node picker and AI tools use, e.g. "Archive a project". */
	action: string;
	description: string;
	/** This operation's fields; `describeResources` adds the resource/operation display rules. */
	properties: INodeProperties[];
	/** Runs the operation for one input item; an array becomes one output item per element. */
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		api: AdminApi,
	): Promise<IDataObject | IDataObject[]>;
}

export interface Resource {
	value: string;
	name: string;
	description: string;
	defaultOperation: string;
	operations: Operation[];
}
