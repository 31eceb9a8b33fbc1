/**
 * The package in n8n's editor, in a real browser (Debian's Chromium driven by playwright-core), on
 * both n8n lines: `n8n start` with the packed package in its nodes folder (as a user's install puts
 * it), the sandbox as the Admin API, the owner set up through n8n's REST set-up. Then what a user
 * does: find the node and its actions in the node panel, create the credential in its dialog, pick a
 * project and a person from the pickers, execute the step and read the output, and see the warning
 * that comes with a service account's one-time key.
 *
 * The steps run in order on one page: each starts where the one before left the editor.
 * A failing step saves a screenshot under test/ui/failures/ and names it in the error.
 * `npm run docs:pictures` (N8N_UI_PICTURES=1, line 1) also writes the README's pictures to docs/images/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { INodePropertyOptions } from 'n8n-workflow';
import type { Browser, BrowserContext, Page } from 'playwright-core';

import { OpenAiAdminApi } from '../../credentials/OpenAiAdminApi.credentials';
import { resources, registry } from '../../nodes/OpenAiAdmin/actions/registry';
import { OpenAiAdminTrigger } from '../../nodes/OpenAiAdminTrigger/OpenAiAdminTrigger.node';
import { startSandbox, type Project, type Sandbox } from '../../sandbox';
import { neverUsedAnswer, neverUsedKeysScript, startChatModel, type ChatModelStandIn } from '../e2e/chatModel';
import { EXAMPLE_CREDENTIAL, readExample } from '../e2e/examples';
import {
	buildPackage,
	createN8nHome,
	E2E_LINES,
	installLines,
	loadCommunityPackage,
	removeN8nHome,
	REPO_ROOT,
	setupOwner,
	startN8n,
	type N8nHome,
	type N8nInstall,
	type N8nLine,
	type N8nOwner,
	type N8nServer,
} from '../e2e/n8n';
import {
	chooseOption,
	launchChromium,
	loggedInContext,
	openPicker,
	picture,
	settledTexts,
	widenOutputPane,
	withScreenshotOnFailure,
} from './browser';

/**
 * The line whose editor the README's pictures show: 1.x keeps the credential dialog open with
 * "Connection tested successfully", where 2.x closes it as soon as the test passes.
 */
const PICTURE_LINE: N8nLine = 1;

/** What the trigger starts on (its Trigger On options): the panel lists one trigger each, by its action. */
const TRIGGER_ACTIONS = (new OpenAiAdminTrigger().description.properties.find((field) => field.name === 'triggerOn')!.options as INodePropertyOptions[]).map(
	(option) => option.action!,
);

/** Display names of the package's nodes (a trigger too, once the package has one), from the build. */
function packageNodeNames(): string[] {
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
	return pkg.n8n.nodes.map((file) => {
		const exports = require(path.join(REPO_ROOT, file)) as Record<string, new () => { description: { displayName: string } }>;
		const [NodeClass] = Object.values(exports);
		return new NodeClass().description.displayName;
	});
}

/** What the credential test says for a project key: the credential's rule for a 403. */
const PROJECT_KEY_EXPLANATION = String(
	new OpenAiAdminApi().test.rules?.find((rule) => rule.type === 'responseCode' && rule.properties.value === 403)?.properties.message,
);
/**
 * n8n 1.x loses it: its ExecutionBaseError redeclares `cause` as a class field, which wipes the
 * HTTP error the credential tester reads the status from, so no `responseCode` rule can match and the
 * dialog shows NodeApiError's generic text instead. Fixed in 2.x (seen in 1.123.81 and 2.41.1).
 */
const PROJECT_KEY_MESSAGE: Record<N8nLine, string> = {
	1: 'Forbidden - perhaps check your credentials?',
	2: PROJECT_KEY_EXPLANATION,
};

/** One line's n8n, ready for the browser: package installed, sandbox behind it, owner set up. */
interface Instance {
	sandbox: Sandbox;
	home: N8nHome;
	server: N8nServer;
	owner: N8nOwner;
}

async function startInstance(line: N8nLine, install: Promise<N8nInstall>): Promise<Instance> {
	const sandbox = await startSandbox({ quiet: true, seed: 1600 + line, projects: 4, users: 9, keysPerProject: 0 });
	const home = createN8nHome(await install);
	try {
		await loadCommunityPackage(home, REPO_ROOT);
		const server = await startN8n(home);
		return { sandbox, home, server, owner: await setupOwner(server) };
	} catch (error) {
		await sandbox.close();
		removeN8nHome(home);
		throw error;
	}
}

// Every line's n8n starts at once, after the build: line 2 boots while line 1's steps run.
let instances = new Map<N8nLine, Promise<Instance>>();
let browser: Browser;
beforeAll(async () => {
	const installs = installLines(E2E_LINES);
	await buildPackage();
	instances = new Map(E2E_LINES.map((line) => [line, startInstance(line, installs.get(line)!)]));
	// A line that fails to start fails its own tests; an unawaited rejection must not end the run.
	for (const instance of instances.values()) instance.catch(() => undefined);
	browser = await launchChromium();
}, 30 * 60 * 1000);

afterAll(async () => {
	await browser?.close();
});

describe.each(E2E_LINES)('n8n line %i editor', (line) => {
	let sandbox: Sandbox;
	let home: N8nHome;
	let server: N8nServer;
	let owner: N8nOwner;
	let context: BrowserContext;
	let page: Page;
	let model: ChatModelStandIn | undefined;
	/** The project and the organization member the Add step uses. */
	let project: Project;
	let newcomer: Sandbox['state']['organizationUsers'][number];

	/**
	 * A test whose failure leaves a screenshot of the page. Each step starts where the one before
	 * left the editor, so after a failure the rest fail at once instead of each waiting out a timeout.
	 */
	let failed: string | undefined;
	const step = (name: string, fn: () => Promise<void>) =>
		test(name, async () => {
			if (failed) throw new Error(`not run: the step before failed ("${failed}")`);
			try {
				await withScreenshotOnFailure(page, `line${line}-${name}`, fn);
			} catch (error) {
				failed = name;
				throw error;
			}
		});

	beforeAll(async () => {
		({ sandbox, home, server, owner } = await instances.get(line)!);
		project = sandbox.state.projects[1];
		newcomer = sandbox.state.organizationUsers.find((user) => !project.users.some((member) => member.id === user.id))!;
		context = await loggedInContext(browser, server, owner);
		page = await context.newPage();
	}, 30 * 60 * 1000);

	afterAll(async () => {
		await context?.close();
		await model?.close();
		await server?.stop();
		await sandbox?.close();
		if (home) removeN8nHome(home);
	});

	step('the node panel finds the package, and its actions list shows every resource with its actions', async () => {
		await page.goto(`${server.baseUrl}/workflow/new`);
		await page.getByTestId('node-creator-plus-button').click();
		await page.getByTestId('node-creator-search-bar').fill('OpenAI Admin');
		// n8n folds a trigger node into the node it is named after ("X Trigger" into "X"): one entry.
		const names = [...new Set(packageNodeNames().map((name) => name.replace(/ Trigger$/, '')))];
		const found = await settledTexts(page.getByTestId('node-creator').getByTestId('node-creator-item-name'), (texts) =>
			names.every((name) => texts.includes(name)),
		);
		expect(found).toEqual(expect.arrayContaining(names));

		await page.getByTestId('node-creator-item-name').filter({ hasText: /^OpenAI Admin$/ }).click();
		const actions = page.getByTestId('node-creator-category-item').filter({ hasText: `Actions (${registry.length})` });
		await actions.waitFor();
		// The trigger's Trigger On options become one trigger each (audit log event, spend crossing a
		// threshold, spend jumping). Opened from "What triggers this workflow?", n8n shows them unfolded
		// and the actions folded: read them, then swap that to read the actions.
		const triggers = page.getByTestId('node-creator-category-item').filter({ hasText: `Triggers (${TRIGGER_ACTIONS.length})` });
		await triggers.waitFor();
		const shownTriggers = await settledTexts(page.getByTestId('node-creator').getByTestId('item-iterator-item'), (texts) =>
			TRIGGER_ACTIONS.every((text) => texts.includes(text)),
		);
		expect(shownTriggers).toEqual(expect.arrayContaining(TRIGGER_ACTIONS));
		await triggers.click();
		await actions.click();
		// Items in panel order: a "<Resource> Actions" header, then that resource's actions. Read once
		// every header and action is shown and no trigger is (folding and unfolding take a moment).
		const expected = new Set([...resources.map((resource) => `${resource.name} Actions`), ...registry.map((entry) => entry.action)]);
		const items = await settledTexts(
			page.getByTestId('node-creator').getByTestId('item-iterator-item'),
			(texts) => [...expected].every((text) => texts.includes(text)) && !texts.some((text) => text.startsWith('On ')),
		);
		for (const resource of resources) {
			const start = items.indexOf(`${resource.name} Actions`);
			expect(start).toBeGreaterThanOrEqual(0);
			const end = items.findIndex((item, index) => index > start && item.endsWith(' Actions'));
			const listed = items.slice(start + 1, end < 0 ? undefined : end);
			expect({ resource: resource.name, actions: [...listed].sort() }).toEqual({
				resource: resource.name,
				actions: resource.operations.map((operation) => operation.action).sort(),
			});
		}
		if (line === PICTURE_LINE) await picture(page, 'node-panel', page.getByTestId('node-creator'));
	});

	step('the credential dialog: a project key fails with an explanation, the admin key passes', async () => {
		await page.getByTestId('node-creator-item-name').filter({ hasText: /^Add a user to a project$/ }).click();
		await page.getByTestId('ndv').waitFor();
		// 2.x shows a "Connect to OpenAI Admin" button while there is no credential; 1.x an empty select.
		const connect = page.getByTestId('node-credentials-empty-state');
		const select = page.getByTestId('node-credentials-select');
		await connect.or(select).first().waitFor();
		if (await connect.isVisible()) {
			await connect.getByRole('button').click();
		} else {
			await select.click();
			await page.getByTestId('node-credentials-select-item-new').click();
		}
		const dialog = page.getByTestId('editCredential-modal');
		const apiKey = dialog.getByTestId('parameter-input-apiKey').locator('input');
		await apiKey.fill('sk-proj-0123456789abcdefghijklmnopqrstuvwxyzABCD');
		await dialog.getByTestId('parameter-input-baseUrl').locator('input').fill(sandbox.baseUrl);

		// Saving runs the credential's test: its answer is what the dialog shows.
		const testAnswer = async () => {
			const answer = page.waitForResponse((res) => new URL(res.url()).pathname === '/rest/credentials/test');
			await dialog.getByTestId('credential-save-button').click();
			return ((await (await answer).json()) as { data: { status: string; message: string } }).data;
		};
		expect(await testAnswer()).toEqual({ status: 'Error', message: PROJECT_KEY_MESSAGE[line] });
		await dialog.getByText('Couldn’t connect with these settings').waitFor();
		await dialog.getByText('More details').click();
		await dialog.getByText(PROJECT_KEY_MESSAGE[line]).waitFor();

		await apiKey.fill(sandbox.adminKey);
		expect(await testAnswer()).toEqual({ status: 'OK', message: expect.any(String) });
		// Both tests reached the sandbox: the project key refused, the admin key let in.
		const tests = sandbox.requests.filter((request) => request.path === '/organization/projects');
		expect(tests.map((request) => [request.query.limit, request.status])).toEqual([
			['1', 403],
			['1', 200],
		]);
		if (line === 1) {
			await dialog.getByTestId('credentials-config-container-test-success').filter({ visible: true }).waitFor();
			if (line === PICTURE_LINE) await picture(page, 'credential', dialog);
			await dialog.locator('.el-dialog__headerbtn, .el-dialog__close').first().click();
		}
		// 2.x closes the dialog by itself once the test passed.
		await dialog.waitFor({ state: 'hidden' });
		// The node took the new credential.
		await select.filter({ visible: true }).waitFor();
		expect(await select.locator('input').inputValue()).toMatch(/^OpenAI Admin account/);
	});

	step('Project User → Add: the project picker lists and searches the projects, the user picker lists the organization', async () => {
		const projectNames = sandbox.state.projects.filter((p) => p.archived_at === null).map((p) => p.name);
		await openPicker(page, 'projectId');
		const items = page.getByTestId('rlc-item');
		const listed = await settledTexts(items, (texts) => texts.length >= projectNames.length);
		expect([...listed].sort()).toEqual([...projectNames].sort());

		// The search filters by name (or ID); a word of one project's name.
		const word = project.name.split(' ').sort((a, b) => b.length - a.length)[0];
		const matching = sandbox.state.projects
			.filter((p) => p.archived_at === null && `${p.name} ${p.id}`.toLowerCase().includes(word.toLowerCase()))
			.map((p) => p.name);
		await page.getByTestId('rlc-search').filter({ visible: true }).fill(word);
		const filtered = await settledTexts(items, (texts) => texts.length === matching.length);
		expect([...filtered].sort()).toEqual([...matching].sort());
		expect(filtered.length).toBeLessThan(listed.length);
		await items.filter({ visible: true }).filter({ hasText: project.name }).click();

		await chooseOption(page, 'identifyBy', 'User');
		await openPicker(page, 'userId');
		const people = sandbox.state.organizationUsers.map((user) => `${user.name} <${user.email}>`);
		const listedPeople = await settledTexts(items, (texts) => texts.length >= people.length);
		expect([...listedPeople].sort()).toEqual([...people].sort());
		if (line === PICTURE_LINE) await picture(page, 'user-picker');
		await items.filter({ visible: true }).filter({ hasText: `<${newcomer.email}>` }).click();
	});

	step('Execute step adds the user: the output shows them, and the sandbox has them in the project', async () => {
		if (line === PICTURE_LINE) await widenOutputPane(page);
		await page.getByTestId('node-execute-button').click();
		const output = page.getByTestId('output-panel');
		await output.getByTestId('ndv-data-container').getByText(newcomer.email, { exact: true }).waitFor();
		await output.getByTestId('radio-button-table').click();
		const table = output.getByTestId('ndv-data-container').locator('table');
		for (const text of [newcomer.id, newcomer.name, newcomer.email, 'organization.project.user', 'member']) {
			await table.getByText(text, { exact: true }).first().waitFor();
		}
		expect(project.users).toContainEqual(expect.objectContaining({ id: newcomer.id, email: newcomer.email, role: 'member' }));
		const adds = sandbox.requests.filter((request) => request.method === 'POST' && request.path === `/organization/projects/${project.id}/users`);
		expect(adds.map((request) => [request.body, request.status])).toEqual([[{ user_id: newcomer.id, role: 'member' }, 200]]);
		if (line === PICTURE_LINE) await picture(page, 'output-table');
	});

	step('Project Service Account → Create: the output pane warns that the key is shown only once', async () => {
		await chooseOption(page, 'resource', 'Project Service Account');
		await chooseOption(page, 'operation', 'Create');
		await page.getByTestId('parameter-input-name').locator('input').fill('Support bot');
		await page.getByTestId('node-execute-button').click();
		// The pane still shows the Add step's output until this run's comes in.
		const output = page.getByTestId('output-panel');
		await output.getByText('organization.project.service_account', { exact: true }).first().waitFor();
		const [account] = project.serviceAccounts.filter((a) => a.name === 'Support bot');
		expect(account).toBeDefined();
		await output.getByText(account.id, { exact: true }).first().waitFor();
		const hint = output.getByTestId('node-hint').filter({ hasText: 'api_key.value' });
		expect(await hint.textContent()).toContain('OpenAI shows it only this once');
		if (line === PICTURE_LINE) await picture(page, 'one-time-key');
	});

	step('Project Access → Plan from a team list: the output pane lists each change and the summary, and nothing changed', async () => {
		// A project with two owners, a member to promote and two members the list leaves out.
		const target = sandbox.state.projects.find((p) => !p.is_default && p.archived_at === null && p.id !== project.id)!;
		sandbox.state.addProjectUsers(target.id, 1, 'owner');
		sandbox.state.addProjectUsers(target.id, 3, 'member');
		// The owner of the sandbox's admin key is never removed: listed as they are, when a member.
		const keyOwner = sandbox.state.organizationUsers.find((user) => user.role === 'owner');
		const kept = target.users.filter((user) => user.role === 'owner' || user.id === keyOwner?.id);
		const [promoted, ...unlisted] = target.users.filter((user) => !kept.includes(user));
		const outsider = sandbox.state.organizationUsers.find((user) => !target.users.some((member) => member.id === user.id))!;
		const members = [
			...kept.map((user) => ({ email: user.email, role: user.role })),
			{ email: promoted.email, role: 'owner' },
			{ email: outsider.email, role: 'member' },
			{ email: 'new.analyst@example.com', role: 'member' },
		];
		const before = structuredClone(target.users);
		const admin = await adminCredential('OpenAI Admin (plan)');
		const workflow = await rest<{ id: string; nodes: Array<{ id: string; name: string }> }>('POST', '/rest/workflows', {
			name: 'OpenAI Admin: plan a project from a team list',
			active: false,
			nodes: [
				{ id: 'b5b4d0c2-0c1e-4f43-9a65-1d1b6f1a0001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: 'b5b4d0c2-0c1e-4f43-9a65-1d1b6f1a0002',
					name: 'Team list',
					type: 'n8n-nodes-base.set',
					typeVersion: 3.4,
					position: [220, 0],
					parameters: { mode: 'raw', jsonOutput: JSON.stringify({ members }), options: {} },
				},
				{ id: 'b5b4d0c2-0c1e-4f43-9a65-1d1b6f1a0003', name: 'Members', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [440, 0], parameters: { fieldToSplitOut: 'members', options: {} } },
				{
					id: 'b5b4d0c2-0c1e-4f43-9a65-1d1b6f1a0004',
					name: 'Plan',
					type: 'n8n-nodes-openai-admin.openAiAdmin',
					typeVersion: 1,
					position: [660, 0],
					credentials: { openAiAdminApi: { id: admin.id, name: 'OpenAI Admin (plan)' } },
					parameters: {
						resource: 'projectAccess',
						operation: 'plan',
						projectId: { __rl: true, mode: 'id', value: target.id },
						email: '={{ $json.email }}',
						projectRole: '={{ $json.role }}',
						removeUnlisted: true,
					},
				},
			],
			connections: {
				Start: { main: [[{ node: 'Team list', type: 'main', index: 0 }]] },
				'Team list': { main: [[{ node: 'Members', type: 'main', index: 0 }]] },
				Members: { main: [[{ node: 'Plan', type: 'main', index: 0 }]] },
			},
			settings: {},
		});

		// Wide enough for the plan's columns (who, from, to, why) in the picture; the next step gets its size back.
		const size = page.viewportSize();
		if (line === PICTURE_LINE) await page.setViewportSize({ width: 2200, height: 1000 });
		// n8n opens a node's panel from its address; Execute step runs the nodes before it too.
		await page.goto(`${server.baseUrl}/workflow/${workflow.id}/b5b4d0c2-0c1e-4f43-9a65-1d1b6f1a0004`);
		await page.getByTestId('ndv').waitFor();
		if (line === PICTURE_LINE) await widenOutputPane(page, 600);
		await page.getByTestId('node-execute-button').click();
		// Away from the button, whose tooltip would cover the output.
		await page.mouse.move(1, 1);
		const output = page.getByTestId('output-panel');
		await output.getByText('new.analyst@example.com', { exact: true }).first().waitFor();
		await output.getByTestId('radio-button-table').click();
		const table = output.getByTestId('ndv-data-container').locator('table');
		for (const text of ['invite', 'add', 'changeRole', 'remove', promoted.email, outsider.email, ...unlisted.map((user) => user.email)]) {
			await table.getByText(text, { exact: true }).first().waitFor();
		}
		// A plan reads and changes nothing.
		expect(target.users).toEqual(before);
		expect(sandbox.requests.filter((request) => request.method !== 'GET' && request.path.includes(target.id))).toEqual([]);
		if (line === PICTURE_LINE) await picture(page, 'project-access-plan', output);
		if (size) await page.setViewportSize(size);
	});

	step('the admin assistant example answers in the editor chat which keys of a project were never used', async () => {
		// A project called Data Science with keys used and never used; a stand-in for OpenAI's models.
		const dataScience = sandbox.state.projects.filter((p) => !p.is_default)[1];
		dataScience.name = 'Data Science';
		const now = Math.floor(Date.now() / 1000);
		sandbox.state.addApiKeys(dataScience.id, 1, { name: 'Notebook', last_used_at: null });
		sandbox.state.addApiKeys(dataScience.id, 1, { name: 'Batch scoring', owner: 'service_account', last_used_at: null });
		sandbox.state.addApiKeys(dataScience.id, 1, { name: 'Dashboard', last_used_at: now - 3600 });
		const script = neverUsedKeysScript('Data Science');
		model = await startChatModel((turn) => script(turn) ?? { text: 'no tools' });

		// The example as a user imports it, with their two credentials picked (made through n8n's REST API).
		const admin = await adminCredential('OpenAI Admin (sandbox)');
		const openAi = await rest<{ id: string }>('POST', '/rest/credentials', { name: 'OpenAI (stand-in)', type: 'openAiApi', data: { apiKey: model.apiKey, url: model.baseUrl } });
		const text = JSON.stringify(readExample('admin-assistant.json'))
			.replaceAll(JSON.stringify(EXAMPLE_CREDENTIAL), JSON.stringify({ id: admin.id, name: 'OpenAI Admin (sandbox)' }))
			.replaceAll(JSON.stringify({ id: 'openAiCred1', name: 'OpenAI account' }), JSON.stringify({ id: openAi.id, name: 'OpenAI (stand-in)' }));
		const workflow = await rest<{ id: string }>('POST', '/rest/workflows', { ...(JSON.parse(text) as object), active: false });

		await page.goto(`${server.baseUrl}/workflow/${workflow.id}`);
		await page.getByTestId('workflow-chat-button').click();
		const input = page.getByTestId('chat-input').filter({ visible: true }).locator('textarea').or(page.locator('textarea[data-test-id="chat-input"]')).first();
		await input.fill('Which keys in the Data Science project were never used?');
		await input.press('Enter');
		// The agent's answer, as the chat shows it (n8n's chat marks its messages with classes, not test ids).
		const answer = page.locator('.chat-message-from-bot').filter({ hasText: 'Never used in Data Science' }).first();
		await answer.waitFor({ timeout: 120_000 });
		expect((await answer.textContent())?.trim()).toBe(neverUsedAnswer('Data Science', dataScience.apiKeys));
		expect(sandbox.requests.some((request) => request.path === `/organization/projects/${dataScience.id}/api_keys`)).toBe(true);
		if (line === PICTURE_LINE) await picture(page, 'agent-chat');
	});

	/** An OpenAI Admin credential for the sandbox, made through n8n's REST API as a user makes one in the editor. */
	async function adminCredential(name: string): Promise<{ id: string }> {
		return await rest<{ id: string }>('POST', '/rest/credentials', { name, type: 'openAiAdminApi', data: { apiKey: sandbox.adminKey, baseUrl: sandbox.baseUrl } });
	}

	/** A call to n8n's REST API as the owner; the answer's `data`. */
	async function rest<T>(method: string, route: string, body: unknown): Promise<T> {
		const res = await fetch(`${server.baseUrl}${route}`, {
			method,
			headers: { 'content-type': 'application/json', cookie: `n8n-auth=${owner.authCookie}` },
			body: JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} ${route} answered ${res.status}: ${text}`);
		return (JSON.parse(text) as { data: T }).data;
	}
});
