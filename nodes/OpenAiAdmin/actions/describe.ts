import type { INodeProperties, NodeHint } from 'n8n-workflow';

import type { Resource } from './types';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/**
 * Builds the node's Resource and Operation dropdowns and every operation's fields from the resource
 * modules, so an operation file never repeats its own display rules.
 */
export function describeResources(resources: Resource[], defaultResource: string): INodeProperties[] {
	const resourceDropdown: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources
			.map(({ name, value, description }) => ({ name, value, description }))
			.sort(byName),
		default: defaultResource,
	};

	// In the order of the Resource dropdown, whatever order the registry lists them in.
	const perResource = [...resources].sort(byName).flatMap((resource): INodeProperties[] => {
		// n8n's lint reads a default only when it is a literal or a plain identifier.
		const { defaultOperation } = resource;
		const operationDropdown: INodeProperties = {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: resource.operations
				.map(({ name, value, action, description }) => ({ name, value, action, description }))
				.sort(byName),
			default: defaultOperation,
		};
		const fields = resource.operations.flatMap((operation) =>
			operation.properties.map(
				(property): INodeProperties => ({
					...property,
					displayOptions: {
						...property.displayOptions,
						show: {
							resource: [resource.value],
							operation: [operation.value],
							...property.displayOptions?.show,
						},
					},
				}),
			),
		);
		return [operationDropdown, ...fields];
	});

	return [resourceDropdown, ...perResource];
}

/** The operations' hints, each shown in the output pane after that operation ran. */
export function describeHints(resources: Resource[]): NodeHint[] {
	return resources.flatMap((resource) =>
		resource.operations.flatMap((operation) =>
			(operation.hints ?? []).map(
				(hint): NodeHint => ({
					...hint,
					location: 'outputPane',
					whenToDisplay: 'afterExecution',
					displayCondition: `={{ $parameter["resource"] === "${resource.value}" && $parameter["operation"] === "${operation.value}" }}`,
				}),
			),
		),
	);
}
