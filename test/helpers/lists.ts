/**
 * Any list of the registry, filled with exactly as many items as a test asks for, by its operationId
 * alone: the sandbox store that keeps the list's spec path, under the parents the seeded world's
 * targets name (test/helpers/world.ts), holds copies of the first item the list serves, each with a
 * fresh id. A new list needs nothing here: its store and the pickers of its parents are enough.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RegistryEntry } from '../../nodes/OpenAiAdmin/actions/registry';
import { fillPath } from '../../nodes/OpenAiAdmin/transport/path';
import type { Sandbox } from '../../sandbox';
import type { RouteContext } from '../../sandbox/resources/context';
import type { SandboxState } from '../../sandbox/state';
import { collectionStoreAt, collectionStores, organization } from '../../sandbox/store';
import { byId } from './runNode';
import type { World } from './world';
import { targetOf } from './world';

type Item = { id: string };

/** Lists the sandbox keeps outside a store, and where their items are. */
export const OUTSIDE_STORES: Record<string, (state: SandboxState) => Item[]> = {
	'list-audit-logs': (state) => state.auditLogs,
};

/** An item's id as a list serves it (a project's groups name it `group_id`). */
export const servedId = (item: IDataObject) => String(item.id ?? item.group_id);

/** A copy of `item` whose id, wherever the item names it, is `id`. */
const copyAs = <T extends Item>(item: T, id: string): T =>
	JSON.parse(JSON.stringify(item), (_key, value: unknown) => (value === item.id ? id : value)) as T;

/** Where a list's items are kept, under the parents its path names. */
function itemsOf(sandbox: Sandbox, entry: RegistryEntry, params: Record<string, string>): { items: Item[]; reversed: boolean; newId: () => string } {
	const outside = OUTSIDE_STORES[entry.operationId];
	if (outside) return { items: outside(sandbox.state), reversed: false, newId: () => sandbox.state.newId('copy_', 12) };
	const store = collectionStoreAt(entry.path);
	if (!store) throw new Error(`${entry.operationId}: no sandbox store keeps ${entry.path}`);
	const context = { state: sandbox.state, params, query: new URLSearchParams(), body: {}, now: sandbox.state.now } as RouteContext;
	const scope = store.options.scope.read(context);
	// A store keeps its items oldest first; one listed newest first by default serves them reversed.
	return { items: store.items(scope, sandbox.state), reversed: store.options.order === 'desc', newId: () => store.newId(sandbox.state) };
}

/**
 * Another object that `item`'s id names, in one of the organization's own collections (a project's
 * group is a group, a group's member a user): copied along with the new id, so that the list can
 * still show it.
 */
function copyReferents(state: SandboxState, filled: Item[], item: Item, ids: string[]): void {
	for (const store of collectionStores()) {
		if (store.options.scope !== (organization as unknown)) continue;
		const items = store.items(state, state);
		const referent = items !== filled && items.find((candidate) => candidate.id === item.id);
		if (referent) items.push(...ids.map((id) => copyAs(referent, id)));
	}
}

/**
 * Fills the list of `entry` with exactly `size` items: their ids in the order the list serves them,
 * the node parameters of its parents, and its path.
 */
export async function fillList(
	sandbox: Sandbox,
	world: World,
	entry: RegistryEntry,
	size: number,
): Promise<{ ids: string[]; parameters: INodeParameters; path: string }> {
	const locators = Object.entries(entry.locators);
	const params = Object.fromEntries(locators.map(([parameter, locator]) => [parameter, targetOf(locator, world, 0)]));
	const parameters = Object.fromEntries(locators.map(([parameter, locator]) => [locator.name, byId(params[parameter])]));
	const { items, reversed, newId } = itemsOf(sandbox, entry, params);

	// The first item the list serves, so that every copy is one it serves too.
	const path = fillPath(entry.path, params);
	const response = await fetch(`${sandbox.baseUrl}${path}?limit=1`, { headers: { authorization: `Bearer ${sandbox.adminKey}` } });
	const [first] = ((await response.json()) as { data: IDataObject[] }).data;
	const template = items.find((item) => item.id === servedId(first));
	if (!template) throw new Error(`${entry.operationId}: the seeded world has no item to copy`);
	sandbox.resetLog();

	const ids = Array.from({ length: size }, newId);
	copyReferents(sandbox.state, items, template, ids);
	items.splice(0, items.length, ...ids.map((id) => copyAs(template, id)));
	return { ids: reversed ? [...ids].reverse() : ids, parameters, path };
}
