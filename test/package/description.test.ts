/**
 * The node's description as n8n's editor and AI agents see it: every dropdown sorted, every operation
 * with an `action`, the fields an agent fills described, the hints there, and eslint-plugin-n8n-nodes-base's
 * node rules passing on the full description (which this node builds in code, out of reach of the
 * lint over its sources).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';

import { OpenAiAdminApi } from '../../credentials/OpenAiAdminApi.credentials';
import { registry } from '../../nodes/OpenAiAdmin/actions/registry';
import { OpenAiAdmin } from '../../nodes/OpenAiAdmin/OpenAiAdmin.node';
import { OpenAiAdminTrigger } from '../../nodes/OpenAiAdminTrigger/OpenAiAdminTrigger.node';
import type { LintResult } from './eslint';
import { eslintReport } from './eslint';

const description: INodeTypeDescription = new OpenAiAdmin().description;
const { properties } = description;

type AnyOption = INodeProperties | INodePropertyOptions | INodePropertyCollection;

/** Every field, also those inside collections and fixed collections, with where it sits. */
function allFields(fields: INodeProperties[], trail = ''): Array<{ field: INodeProperties; at: string }> {
	return fields.flatMap((field) => {
		const at = `${trail}${field.name}`;
		const nested = (field.options ?? []) as AnyOption[];
		const inner =
			field.type === 'collection'
				? allFields(nested as INodeProperties[], `${at}.`)
				: field.type === 'fixedCollection'
					? (nested as INodePropertyCollection[]).flatMap((group) =>
							allFields(group.values, `${at}.${group.name}.`),
						)
					: [];
		return [{ field, at }, ...inner];
	});
}

const byName = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' });
const isSorted = (labels: string[]) => labels.every((label, i) => i === 0 || byName(labels[i - 1], label) <= 0);

function shownFor(field: INodeProperties, key: 'resource' | 'operation'): unknown[] {
	return (field.displayOptions?.show?.[key] as unknown[] | undefined) ?? [];
}

const resourceField = properties.find((field) => field.name === 'resource')!;
const resourceValues = (resourceField.options as INodePropertyOptions[]).map((option) => String(option.value));
const operationFields = properties.filter((field) => field.name === 'operation');

describe('node description', () => {
	it('is usable as a tool, with a subtitle of operation and resource and light/dark icons', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.subtitle).toContain('$parameter["operation"]');
		expect(description.subtitle).toContain('$parameter["resource"]');
		expect(description.icon).toEqual({
			light: expect.stringMatching(/^file:.*\.svg$/),
			dark: expect.stringMatching(/^file:.*\.svg$/),
		});
		expect(description.credentials).toEqual([{ name: 'openAiAdminApi', required: true }]);
	});

	it('sorts every dropdown and every collection alphabetically', () => {
		const unsorted = allFields(properties)
			.filter(({ field }) => ['options', 'multiOptions', 'collection', 'fixedCollection'].includes(field.type))
			.filter(({ field }) => {
				const labels = ((field.options ?? []) as AnyOption[]).map((option) =>
					'displayName' in option ? option.displayName : option.name,
				);
				return !isSorted(labels);
			})
			.map(({ at }) => at);
		expect(unsorted).toEqual([]);
	});

	it('has one Operation dropdown per resource, each option with its own action sentence', () => {
		// In registry order (resources are appended), where the Resource dropdown is sorted.
		expect(operationFields.map((field) => String(shownFor(field, 'resource'))).sort()).toEqual([...resourceValues].sort());
		const actions: string[] = [];
		for (const field of operationFields) {
			expect(field.noDataExpression).toBe(true);
			for (const option of field.options as INodePropertyOptions[]) {
				expect({ operation: option.value, action: option.action }).toEqual({
					operation: option.value,
					action: expect.stringMatching(/^[A-Z][a-z]+ .+[^.]$/),
				});
				expect(option.description).toBeTruthy();
				actions.push(option.action!);
			}
		}
		// An agent tells operations apart by their action: no two may read the same.
		expect(new Set(actions).size).toBe(actions.length);
		expect(actions).toHaveLength(registry.length);
	});

	it('shows every field for an operation that exists', () => {
		const operationsOf = new Map(
			operationFields.map((field) => [
				String(shownFor(field, 'resource')[0]),
				(field.options as INodePropertyOptions[]).map((option) => String(option.value)),
			]),
		);
		const fields = properties.filter((field) => !['resource', 'operation', 'options'].includes(field.name));
		for (const field of fields) {
			const [resource] = shownFor(field, 'resource') as string[];
			const operations = shownFor(field, 'operation') as string[];
			expect(operationsOf.get(resource)).toEqual(expect.arrayContaining(operations));
			expect(operations.length).toBeGreaterThan(0);
		}
	});

	it('gives fields of the same name the same type on every operation', () => {
		const typeOf = new Map<string, Set<string>>();
		for (const field of properties) {
			typeOf.set(field.name, (typeOf.get(field.name) ?? new Set()).add(field.type));
		}
		const mixed = [...typeOf].filter(([, types]) => types.size > 1).map(([name]) => name);
		expect(mixed).toEqual([]);
	});

	it('describes every field an AI agent may fill in', () => {
		const undescribed = allFields(properties)
			.filter(({ field }) => field.type !== 'notice' && field.noDataExpression !== true)
			.filter(({ field }) => field.type !== 'collection' && field.type !== 'fixedCollection')
			.filter(({ field }) => !field.description?.trim())
			.map(({ at, field }) => `${at} (${String(shownFor(field, 'operation'))})`);
		expect(undescribed).toEqual([]);
	});

	it('bounds Limit to one page (1 to the pager\'s largest page; usage and costs: the most buckets of a page) and shows it only without Return All, on every list', () => {
		const lists = properties.filter((field) => field.name === 'returnAll');
		expect(lists).toHaveLength(registry.filter((entry) => entry.pager ?? entry.buckets).length);
		for (const returnAll of lists) {
			const entry = registry.find(
				(candidate) => candidate.resource === shownFor(returnAll, 'resource')[0] && candidate.value === shownFor(returnAll, 'operation')[0],
			)!;
			expect(returnAll).toMatchObject({ type: 'boolean', default: false });
			const limit = properties.find(
				(field) =>
					field.name === 'limit' &&
					shownFor(field, 'resource')[0] === shownFor(returnAll, 'resource')[0] &&
					shownFor(field, 'operation')[0] === shownFor(returnAll, 'operation')[0],
			);
			expect(limit).toMatchObject({
				type: 'number',
				default: 50,
				typeOptions: { minValue: 1, maxValue: (entry.pager ?? entry.buckets)!.maxLimit },
				displayOptions: { show: { returnAll: [false] } },
			});
		}
	});

	it.each([
		['projectServiceAccount', 'create', 'api_key.value'],
		['projectServiceAccount', 'rotate', 'replacement.api_key.value'],
		['adminApiKey', 'create', 'value'],
		['adminApiKey', 'rotate', 'replacement.value'],
		['projectServiceAccountApiKey', 'create', 'value'],
	])('warns that a new key of %s → %s is shown only once (in %s), on the field and after the run', (resource, operation, where) => {
		const notice = properties.find(
			(field) => field.type === 'notice' && shownFor(field, 'resource')[0] === resource && shownFor(field, 'operation')[0] === operation,
		);
		expect(notice?.displayName).toContain(`<code>${where}</code>. OpenAI shows it only this once`);
		const condition = `$parameter["resource"] === "${resource}" && $parameter["operation"] === "${operation}"`;
		expect(description.hints?.filter((hint) => hint.displayCondition?.includes(condition))).toEqual([
			expect.objectContaining({
				type: 'warning',
				location: 'outputPane',
				whenToDisplay: 'afterExecution',
				message: expect.stringContaining(`<code>${where}</code>`),
			}),
		]);
	});

	it('warns of a one-time key on exactly the operations that hand out a new key', () => {
		const oneTimeKeys = (description.hints ?? []).filter((hint) => hint.message.includes('OpenAI shows it only this once'));
		const warned = oneTimeKeys.map((hint) => /"(\w+)" && \$parameter\["operation"\] === "(\w+)"/.exec(hint.displayCondition ?? '')?.slice(1).join(' → '));
		expect(warned.sort()).toEqual(['adminApiKey → create', 'adminApiKey → rotate', 'projectServiceAccount → create', 'projectServiceAccount → rotate', 'projectServiceAccountApiKey → create']);
	});
});

describe('credential', () => {
	const credential = new OpenAiAdminApi();

	it('explains on the key field that an admin key is needed and a project key fails', () => {
		const apiKey = credential.properties.find((field) => field.name === 'apiKey');
		expect(apiKey?.typeOptions?.password).toBe(true);
		expect(apiKey?.hint).toMatch(/sk-admin-/);
		expect(apiKey?.hint).toMatch(/Admin keys/);
		expect(apiKey?.hint).toMatch(/sk-proj-/);
	});

	it('tests the key against the Administration API, with a message for a project key (403)', () => {
		expect(credential.test.request.url).toBe('/organization/projects');
		const messages = (credential.test.rules ?? []).map((rule) => JSON.stringify(rule));
		expect(messages.find((rule) => rule.includes('403'))).toMatch(/sk-proj-/);
	});
});

/** The description as a node source file, with plain (unquoted) keys as n8n's lint rules expect. */
function asNodeSource(value: INodeTypeDescription, className: string): string {
	const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
	const literal = (item: unknown, indent: string): string => {
		const inner = `${indent}\t`;
		if (Array.isArray(item)) {
			if (item.length === 0) return '[]';
			return `[\n${item.map((entry) => inner + literal(entry, inner)).join(',\n')},\n${indent}]`;
		}
		if (item && typeof item === 'object') {
			const entries = Object.entries(item).filter(([, entry]) => entry !== undefined);
			if (entries.length === 0) return '{}';
			const lines = entries.map(
				([key, entry]) => `${inner}${identifier.test(key) ? key : JSON.stringify(key)}: ${literal(entry, inner)}`,
			);
			return `{\n${lines.join(',\n')},\n${indent}}`;
		}
		return typeof item === 'string' ? JSON.stringify(item) : String(item);
	};
	return [
		"import type { INodeType, INodeTypeDescription } from 'n8n-workflow';",
		'',
		`export class ${className} implements INodeType {`,
		`\tdescription: INodeTypeDescription = ${literal(value, '\t')};`,
		'}',
		'',
	].join('\n');
}

function lintDescription(value: INodeTypeDescription, className = 'OpenAiAdmin'): string[] {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'openai-admin-description-'));
	// The node rules also check that the file sits in a folder named after the node.
	const file = path.join(folder, className, `${className}.node.ts`);
	fs.mkdirSync(path.dirname(file));
	fs.writeFileSync(file, asNodeSource(value, className));
	const lines = fs.readFileSync(file, 'utf8').split('\n');
	let result: LintResult;
	try {
		[result] = eslintReport(folder, 'description.eslint.config.mjs', [file]);
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
	return result.messages.map(
		({ ruleId, message, line }) => `${ruleId ?? message}: ${lines[line - 1]?.trim() ?? ''}`,
	);
}

describe("eslint-plugin-n8n-nodes-base's node rules on the full description", () => {
	it('find nothing', () => {
		expect(lintDescription(description)).toEqual([]);
	}, 60_000);

	it('do run: a lower-case action and a display name not in title case are caught', () => {
		const spoiled = JSON.parse(
			JSON.stringify(description)
				.replace('"action":"Get many projects"', '"action":"get Many Projects"')
				.replace('"displayName":"Return All"', '"displayName":"return all"'),
		) as INodeTypeDescription;
		expect(lintDescription(spoiled).map((problem) => problem.split(':')[0]).sort()).toEqual([
			'n8n-nodes-base/node-param-display-name-miscased',
			'n8n-nodes-base/node-param-operation-option-action-miscased',
		]);
	}, 60_000);
});

describe('trigger description', () => {
	const trigger = new OpenAiAdminTrigger().description;

	it('is a polling trigger with no input, the shared credential and light/dark icons', () => {
		expect(trigger).toMatchObject({ polling: true, group: ['trigger'], inputs: [], defaults: { name: 'OpenAI Admin Trigger' } });
		expect(trigger.credentials).toEqual(description.credentials);
		expect(trigger.icon).toEqual(description.icon);
	});

	it('offers every event type, sorted, with every field described', () => {
		const events = trigger.properties.find((field) => field.name === 'events')!;
		const names = (events.options as INodePropertyOptions[]).map((option) => option.name);
		expect(isSorted(names)).toBe(true);
		expect(names.indexOf('api_key.created')).toBe(0);
		const fields = allFields(trigger.properties).filter(({ field }) => !['notice', 'collection'].includes(field.type));
		expect(fields.filter(({ field }) => !field.description?.trim()).map(({ at }) => at)).toEqual([]);
		const unsorted = allFields(trigger.properties)
			.filter(({ field }) => ['options', 'multiOptions', 'collection'].includes(field.type))
			.filter(({ field }) => !isSorted(((field.options ?? []) as AnyOption[]).map((o) => ('displayName' in o ? o.displayName : o.name))));
		expect(unsorted.map(({ at }) => at)).toEqual([]);
	});

	it("passes eslint-plugin-n8n-nodes-base's node rules", () => {
		expect(lintDescription(trigger, 'OpenAiAdminTrigger')).toEqual([]);
	}, 60_000);
});
