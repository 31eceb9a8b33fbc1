import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SPEC_OPERATIONS } from '../../shared/spec';
import { pagerOf } from '../actions/endpoint';
import type { Picker, PickerList } from '../actions/shared/pickers';
import { PARENTS, PICKERS, text } from '../actions/shared/pickers';
import { AdminApi } from '../transport';
import { pages } from '../transport/pagination';
import { fillPath } from '../transport/path';

/** A parent id the list's path needs, as chosen in the node (a project, a group, a user). */
function chosenParent(context: ILoadOptionsFunctions, parameter: string): string {
	const parent = PARENTS[parameter];
	if (!parent) throw new Error(`No parent parameter for {${parameter}}`);
	const id = context.getCurrentNodeParameter(parent.parameter, { extractValue: true });
	if (typeof id !== 'string' || id.trim() === '') {
		throw new NodeOperationError(context.getNode(), `Choose a ${parent.what} first`);
	}
	return id.trim();
}

/**
 * The "From List" search over one list of the operation table. The Admin API has no search
 * parameter, so the filter is applied to each page here; the picker asks for the next page with
 * the cursor it is given.
 */
function search(list: PickerList) {
	const picker: Picker = PICKERS[list];
	const spec = SPEC_OPERATIONS[list];
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const ids = Object.fromEntries(spec.pathParameters.map((parameter) => [parameter, chosenParent(this, parameter)]));
		const walk = pages(new AdminApi(this), fillPath(spec.path, ids), picker.query ?? {}, pagerOf(list), {
			cursor: paginationToken || undefined,
		});
		// One page per call: the picker asks again, with the cursor, when the user scrolls.
		const first = await walk.next();
		await walk.return(undefined);
		const page = first.done ? undefined : first.value;
		const needle = filter?.trim().toLowerCase();
		const results = (page?.data ?? [])
			.filter((item) => picker.keep?.(item) ?? true)
			.map((item): INodeListSearchItems => {
				const value = picker.value?.(item) ?? text(item.id);
				return { name: picker.label(item) || value, value };
			})
			.filter((entry) => !needle || `${entry.name} ${entry.value}`.toLowerCase().includes(needle));
		return { results, paginationToken: page?.next };
	};
}

/** One search per list a picker walks, named by the list's operationId. */
export const listSearch = Object.fromEntries(
	(Object.keys(PICKERS) as PickerList[]).map((list) => [list, search(list)]),
) as Record<PickerList, ReturnType<typeof search>>;
