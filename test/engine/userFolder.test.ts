/**
 * The engine's n8n user folder: a temporary one of its own when none is named, removed again at
 * shutdown, so that a test run leaves no folder behind; a folder the caller names is left alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Engine = typeof import('../../engine');

/** The engine module as a fresh process (or the next test file) loads it. */
function freshEngine(): Engine {
	let engine: Engine | undefined;
	jest.isolateModules(() => {
		engine = jest.requireActual<Engine>('../../engine');
	});
	return engine!;
}

describe('the engine user folder', () => {
	const named = process.env.N8N_USER_FOLDER;
	afterEach(() => {
		if (named === undefined) delete process.env.N8N_USER_FOLDER;
		else process.env.N8N_USER_FOLDER = named;
	});

	it('is a temporary folder of its own, removed at shutdown', () => {
		delete process.env.N8N_USER_FOLDER;
		const engine = freshEngine();
		const folder = process.env.N8N_USER_FOLDER!;
		expect(path.basename(folder)).toMatch(/^n8n-openai-admin-engine-/);
		expect(path.dirname(folder)).toBe(os.tmpdir());
		expect(fs.existsSync(folder)).toBe(true);

		engine.shutdownEngine();
		expect(fs.existsSync(folder)).toBe(false);
		expect(process.env.N8N_USER_FOLDER).toBeUndefined();
	});

	it('leaves a folder the caller named where it is', () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'named-user-folder-'));
		try {
			process.env.N8N_USER_FOLDER = folder;
			freshEngine().shutdownEngine();
			expect(fs.existsSync(folder)).toBe(true);
			expect(process.env.N8N_USER_FOLDER).toBe(folder);
		} finally {
			fs.rmSync(folder, { recursive: true, force: true });
		}
	});
});
