/**
 * Driving n8n's editor in Debian's Chromium with playwright-core (no browser download: none is
 * possible here). Locators use n8n's own `data-test-id` attributes, the ones n8n's e2e tests use.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { chromium, selectors, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

import { REPO_ROOT, type N8nOwner, type N8nServer } from '../e2e/n8n';

/** Where a failing step's screenshot goes (ignored by git). */
export const FAILURE_DIR = path.join(REPO_ROOT, 'test', 'ui', 'failures');
/** The README's pictures. */
export const PICTURE_DIR = path.join(REPO_ROOT, 'docs', 'images');

/** A readable size for the README, and roomy enough for n8n's node view with its three panes. */
export const VIEWPORT = { width: 1280, height: 800 };

selectors.setTestIdAttribute('data-test-id');

/** Debian's chromium (CHROMIUM_PATH overrides). */
export function chromiumPath(): string {
	if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
	try {
		return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
	} catch {
		throw new Error('chromium is not installed: apt-get install -y chromium (or set CHROMIUM_PATH)');
	}
}

export async function launchChromium(): Promise<Browser> {
	return await chromium.launch({
		executablePath: chromiumPath(),
		// Root in a container has no user namespace for Chromium's sandbox, and /dev/shm is small.
		args: ['--no-sandbox', '--disable-dev-shm-usage'],
	});
}

/** A browser context logged in as the owner: the cookie n8n's REST set-up issued. */
export async function loggedInContext(browser: Browser, server: N8nServer, owner: N8nOwner): Promise<BrowserContext> {
	const context = await browser.newContext({ viewport: VIEWPORT });
	await context.addCookies([{ name: 'n8n-auth', value: owner.authCookie, url: server.baseUrl }]);
	// Generous: two cores shared with n8n, the sandbox and other people's test runs.
	context.setDefaultTimeout(45_000);
	return context;
}

/**
 * Poll the visible texts of a locator until `accept` says yes (a picker fills in as its requests
 * come back), then return them; on timeout return the last ones, for the caller's expect to show.
 */
export async function settledTexts(locator: Locator, accept: (texts: string[]) => boolean, timeoutMs = 45_000): Promise<string[]> {
	const deadline = Date.now() + timeoutMs;
	let texts: string[] = [];
	for (;;) {
		texts = (await locator.filter({ visible: true }).allTextContents()).map((text) => text.trim());
		if (accept(texts) || Date.now() > deadline) return texts;
		await locator.page().waitForTimeout(200);
	}
}

/** Pick an option of a node parameter's dropdown by its headline (options also show a description). */
export async function chooseOption(page: Page, parameter: string, headline: string): Promise<void> {
	await page.getByTestId(`parameter-input-${parameter}`).click();
	await page
		.getByTestId('parameter-input-item')
		.filter({ visible: true })
		.filter({ has: page.locator('.option-headline').getByText(headline, { exact: true }) })
		.click();
}

/** Open a resource locator's "From list" picker. */
export async function openPicker(page: Page, parameter: string): Promise<void> {
	await page.getByTestId(`resource-locator-${parameter}`).getByTestId('rlc-input').click();
	await page.getByTestId('rlc-search').filter({ visible: true }).waitFor();
}

/**
 * Drag the node view's middle panel (parameters) to the left: the output pane then gets the room its
 * table needs in a 1280-pixel picture, and the input pane (a trigger's empty output) shrinks.
 */
export async function widenOutputPane(page: Page, byPixels = 340): Promise<void> {
	// The handle shows while the pointer is over the middle panel (always so when it has no input panel).
	await page.getByTestId('node-execute-button').hover();
	const handle = page.getByTestId('panel-drag-button').filter({ visible: true });
	const box = await handle.boundingBox();
	if (!box) throw new Error('the node view has no panel drag handle');
	const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
	await page.mouse.move(x, y);
	await page.mouse.down();
	await page.mouse.move(x - byPixels, y, { steps: 10 });
	await page.mouse.up();
}

/** Hide n8n's toasts for good, so that they cover nothing in a picture (they come and go on their own timers). */
async function hideToasts(page: Page): Promise<void> {
	await page.addStyleTag({ content: '.el-notification { display: none !important; }' });
}

/**
 * Save a README picture of the page or of one element, when N8N_UI_PICTURES=1 (set by
 * `npm run docs:pictures`): an ordinary test run leaves docs/ alone.
 */
export async function picture(page: Page, name: string, target?: Locator): Promise<void> {
	if (process.env.N8N_UI_PICTURES !== '1') return;
	await hideToasts(page);
	fs.mkdirSync(PICTURE_DIR, { recursive: true });
	const file = path.join(PICTURE_DIR, `${name}.png`);
	await (target ?? page).screenshot({ path: file, animations: 'disabled', caret: 'hide' });
}

/** Runs a step; when it fails, saves a screenshot of the page and names it in the error. */
export async function withScreenshotOnFailure(page: Page | undefined, name: string, step: () => Promise<void>): Promise<void> {
	try {
		await step();
	} catch (error) {
		if (page && !page.isClosed()) {
			fs.mkdirSync(FAILURE_DIR, { recursive: true });
			const file = path.join(FAILURE_DIR, `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
			try {
				await page.screenshot({ path: file, timeout: 15_000 });
				(error as Error).message += `\nscreenshot of the page: ${file}`;
			} catch (screenshotError) {
				(error as Error).message += `\n(no screenshot: ${(screenshotError as Error).message})`;
			}
		}
		throw error;
	}
}
