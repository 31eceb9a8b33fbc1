/**
 * The node as an AI agent's tool, through n8n's engine (test/helpers/agent.ts): what the agent is
 * told about it, what the model gets back, a new key's secret kept from the model unless the user
 * says otherwise, and destructive operations that say what they delete.
 */
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { asTool } from '../../engine';
import type { Sandbox } from '../../sandbox';
import { resources } from '../../nodes/OpenAiAdmin/actions/registry';
import { OpenAiAdmin } from '../../nodes/OpenAiAdmin/OpenAiAdmin.node';
import { runAsTool, TOOL_TYPE } from '../helpers/agent';
import { byId, runNode } from '../helpers/runNode';
import { useSandbox } from '../helpers/sandbox';

const fromAI = (key: string, description: string) => `={{ $fromAI('${key}', '${description}', 'string') }}`;
const byModel = (key: string, description: string) => byId(fromAI(key, description));

/** The value at a dotted path. */
const at = (object: unknown, path: string): unknown =>
	path.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], object);

const fileText = (data: string) => Buffer.from(data, 'base64').toString('utf8').trim();

async function api(sandbox: Sandbox, method: string, path: string, body?: unknown) {
	const response = await fetch(`${sandbox.baseUrl}${path}`, {
		method,
		headers: { authorization: `Bearer ${sandbox.adminKey}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return (await response.json()) as IDataObject;
}

describe('the node as an AI agent tool', () => {
	const sandbox = useSandbox({ projects: 2, serviceAccountsPerProject: 1, keysPerProject: 2 });
	const project = () => sandbox().state.projects.find((p) => !p.is_default)!;

	it("is offered with the operation's action as its description and the $fromAI fields as its arguments, and answers with the API's objects", async () => {
		const run = await runAsTool(
			{ resource: 'projectApiKey', operation: 'getMany', projectId: byModel('projectId', 'The ID of the project'), returnAll: true },
			{ projectId: project().id },
			{ api: sandbox() },
		);

		expect(run.tools).toEqual([{ name: 'OpenAI_Admin', description: 'Get many project API keys in OpenAI Admin', arguments: ['projectId'] }]);
		expect(sandbox().requests.map((request) => request.path)).toEqual([`/organization/projects/${project().id}/api_keys`]);
		const observed = JSON.parse(run.observation!) as IDataObject[];
		expect(observed.map((key) => key.id).sort()).toEqual(project().apiKeys.map((key) => key.id).sort());
	});

	describe.each([
		{
			operation: 'Project Service Account → Create',
			where: 'api_key.value',
			parameters: () => ({ resource: 'projectServiceAccount', operation: 'create', projectId: byModel('projectId', 'The project'), name: fromAI('name', 'Its name') }),
			args: (s: Sandbox) => ({ projectId: s.state.projects.find((p) => !p.is_default)!.id, name: 'Support bot' }),
			keyId: (item: IDataObject) => at(item, 'api_key.id'),
		},
		{
			operation: 'Project Service Account → Rotate',
			where: 'replacement.api_key.value',
			parameters: () => ({ resource: 'projectServiceAccount', operation: 'rotate', projectId: byModel('projectId', 'The project'), serviceAccountId: byModel('serviceAccountId', 'The service account') }),
			args: (s: Sandbox) => {
				const owner = s.state.projects.find((p) => !p.is_default)!;
				return { projectId: owner.id, serviceAccountId: owner.serviceAccounts[0].id };
			},
			keyId: (item: IDataObject) => at(item, 'replacement.api_key.id'),
		},
		{
			operation: 'Project Service Account API Key → Create',
			where: 'value',
			parameters: () => ({ resource: 'projectServiceAccountApiKey', operation: 'create', projectId: byModel('projectId', 'The project'), serviceAccountId: byModel('serviceAccountId', 'The service account'), name: 'Second key' }),
			args: (s: Sandbox) => {
				const owner = s.state.projects.find((p) => !p.is_default)!;
				return { projectId: owner.id, serviceAccountId: owner.serviceAccounts[0].id };
			},
			keyId: (item: IDataObject) => item.id,
		},
		{
			operation: 'Admin API Key → Create',
			where: 'value',
			parameters: () => ({ resource: 'adminApiKey', operation: 'create', name: fromAI('name', 'Its name') }),
			args: () => ({ name: 'Reports' }),
			keyId: (item: IDataObject) => item.id,
		},
		{
			operation: 'Admin API Key → Rotate',
			where: 'replacement.value',
			parameters: () => ({ resource: 'adminApiKey', operation: 'rotate', adminApiKeyId: byModel('keyId', 'The admin key') }),
			args: () => ({ keyId: 'made in the test' }),
			keyId: (item: IDataObject) => at(item, 'replacement.id'),
		},
	])('$operation', ({ where, parameters, args: argsOf, keyId }) => {
		async function args(): Promise<IDataObject> {
			const args: IDataObject = argsOf(sandbox());
			if (args.keyId) args.keyId = (await api(sandbox(), 'POST', '/organization/admin_api_keys', { name: 'Old reports key' })).id;
			return args;
		}

		it(`gives the model a statement in ${where} and keeps the key as the file newKey of the stored output`, async () => {
			const run = await runAsTool(parameters(), await args(), { api: sandbox() });

			const [seen] = JSON.parse(run.observation!) as IDataObject[];
			expect(at(seen, where)).toBe(
				'Withheld from the AI agent: the key was created, and OpenAI shows it only once. The user finds it in n8n, in this execution\'s data: the output of the node "OpenAI Admin", file "newKey" (openai-key.txt).',
			);
			expect(run.observation).not.toMatch(/sk-(svcacct|admin)-\w{20}/);
			// n8n keeps the tool's output with the execution: the key is there, as a file, and nowhere in the JSON.
			const [stored] = run.stored;
			expect(stored.json).toEqual(seen);
			const file = stored.binary?.newKey;
			expect(file).toMatchObject({ fileName: 'openai-key.txt', mimeType: 'text/plain' });
			const secret = fileText(file!.data);
			expect(secret).toMatch(/^sk-(svcacct|admin)-/);
			expect(sandbox().state.keyIdOfSecret(secret)).toBe(keyId(seen));
		});

		it('gives the model the key itself when Return New Key to the AI Agent is on', async () => {
			const run = await runAsTool({ ...parameters(), returnKeyToAgent: true }, await args(), { api: sandbox() });

			const [seen] = JSON.parse(run.observation!) as IDataObject[];
			const secret = at(seen, where) as string;
			expect(sandbox().state.keyIdOfSecret(secret)).toBe(keyId(seen));
			expect(run.stored[0].binary).toBeUndefined();
		});

		it('called inside an older agent (AI Agent 1 and 2), which keeps no file, says the key was not kept', async () => {
			const run = await runAsTool(parameters(), await args(), { api: sandbox(), call: 'inline' });

			expect(run.error).toBeUndefined();
			const [seen] = JSON.parse(run.observation!) as IDataObject[];
			expect(at(seen, where)).toMatch(/^Withheld from the AI agent: the key was created, but OpenAI shows a new key only once and an agent older than AI Agent 3 keeps no file of it\./);
			expect(run.observation).not.toMatch(/sk-(svcacct|admin)-\w{20}/);
		});
	});

	it('outside an agent, the same operation outputs the key as before, with no file', async () => {
		const run = await runNode(
			{ resource: 'projectServiceAccount', operation: 'create', projectId: byId(project().id), name: 'App' },
			{ api: sandbox() },
		);

		expect(at(run.json[0], 'api_key.value')).toMatch(/^sk-svcacct-/);
		expect(run.items[0].binary).toBeUndefined();
	});

	it('leaves a service account made without a key as it is', async () => {
		const run = await runAsTool(
			{ resource: 'projectServiceAccount', operation: 'create', projectId: byId(project().id), name: 'Bare', additionalFields: { create_service_account_only: true } },
			{},
			{ api: sandbox() },
		);

		expect(JSON.parse(run.observation!)).toEqual([expect.objectContaining({ name: 'Bare', api_key: null })]);
		expect(run.stored[0].binary).toBeUndefined();
	});

	it('still deletes as a tool: Project Service Account → Delete', async () => {
		const account = project().serviceAccounts[0];
		const run = await runAsTool(
			{ resource: 'projectServiceAccount', operation: 'delete', projectId: byId(project().id), serviceAccountId: byModel('serviceAccountId', 'The service account') },
			{ serviceAccountId: account.id },
			{ api: sandbox() },
		);

		expect(run.tools[0].description).toBe('Delete a service account and its API keys in OpenAI Admin');
		expect(JSON.parse(run.observation!)).toEqual([{ object: 'organization.project.service_account.deleted', id: account.id, deleted: true }]);
		expect(project().serviceAccounts.map((a) => a.id)).not.toContain(account.id);
	});
});

describe('tool descriptions of the operations that delete', () => {
	const tool = asTool(new OpenAiAdmin());
	/** What n8n tells the agent about the node set to this operation (Tool Description: Set Automatically). */
	const toolDescription = (resource: string, operation: string) =>
		NodeHelpers.getToolDescriptionForNode(
			{ name: 'OpenAI Admin', type: TOOL_TYPE, typeVersion: 1, parameters: { descriptionType: 'auto', resource, operation } } as unknown as INode,
			tool,
		);

	// Every operation that may send a DELETE, and what its tool description says it deletes.
	const expected: Record<string, string> = {
		'adminApiKey delete': 'Delete an admin API key in OpenAI Admin',
		'adminApiKey retire': 'Retire and delete a rotated admin API key in OpenAI Admin',
		'adminApiKey rotate': 'Rotate an admin API key and delete the old key now or later in OpenAI Admin',
		'certificate delete': 'Delete a certificate in OpenAI Admin',
		'group delete': 'Delete a group in OpenAI Admin',
		'groupRole remove': 'Unassign a role from a group in OpenAI Admin',
		'groupUser remove': 'Remove a user from a group in OpenAI Admin',
		'invite delete': 'Delete an invite in OpenAI Admin',
		'projectAccess apply': 'Apply project access from a list and remove unlisted members if set in OpenAI Admin',
		'projectApiKey delete': 'Delete a project API key in OpenAI Admin',
		'projectGroup remove': 'Remove a group from a project in OpenAI Admin',
		'projectGroupRole remove': 'Unassign a role from a project group in OpenAI Admin',
		'projectModelPermissions delete': 'Delete the model permissions of a project in OpenAI Admin',
		'projectRole delete': 'Delete a project role and its assignments in OpenAI Admin',
		'projectServiceAccount delete': 'Delete a service account and its API keys in OpenAI Admin',
		'projectServiceAccount retire': 'Retire and delete a rotated service account and its API keys in OpenAI Admin',
		'projectServiceAccount rotate': 'Rotate a service account key and delete the old account now or later in OpenAI Admin',
		'projectSpendAlert delete': 'Delete a project spend alert in OpenAI Admin',
		'projectSpendLimit delete': 'Delete a project spend limit in OpenAI Admin',
		'projectUser remove': 'Remove a user from a project in OpenAI Admin',
		'projectUserRole remove': 'Unassign a role from a project user in OpenAI Admin',
		'role delete': 'Delete a role and its assignments in OpenAI Admin',
		'spendAlert delete': 'Delete a spend alert in OpenAI Admin',
		'spendLimit delete': 'Delete the spend limit in OpenAI Admin',
		'user remove': 'Remove a user from the organization and delete their API keys in OpenAI Admin',
		'userRole remove': 'Unassign a role from a user in OpenAI Admin',
	};

	const deleting = resources.flatMap((resource) =>
		resource.operations
			.filter((operation) => (operation.calls ?? [operation]).some((call) => call.method === 'DELETE'))
			.map((operation) => `${resource.value} ${operation.value}`),
	);

	it('lists every operation that may delete', () => {
		expect(deleting.sort()).toEqual(Object.keys(expected).sort());
	});

	it.each(Object.entries(expected))('%s: %s', (key, description) => {
		const [resource, operation] = key.split(' ');
		expect(toolDescription(resource, operation)).toBe(description);
	});

	it('shows Return New Key to the AI Agent only on the tool, and only where a key is made', () => {
		const shown = (parameters: INodeParameters, description = tool.description) =>
			NodeHelpers.getNodeParameters(description.properties, parameters, true, false, null, description)?.returnKeyToAgent;
		expect(shown({ resource: 'projectServiceAccount', operation: 'create' })).toBe(false);
		expect(shown({ resource: 'adminApiKey', operation: 'rotate' })).toBe(false);
		expect(shown({ resource: 'projectServiceAccount', operation: 'delete' })).toBeUndefined();
		expect(shown({ resource: 'projectServiceAccount', operation: 'create' }, new OpenAiAdmin().description)).toBeUndefined();
	});
});
