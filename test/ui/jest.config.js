/**
 * The editor in a real browser against a real n8n (npm run test:ui). Not part of `npm test`: the
 * root jest.config.js ignores test/ui/. Shares test/e2e's n8n installs (see test/ui/NOTES.md).
 * @type {import('jest').Config}
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/ui'],
	testMatch: ['**/*.ui.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
	},
	// A cold run installs both n8n lines first; a browser step waits on n8n and the sandbox.
	testTimeout: 5 * 60 * 1000,
	// One worker: n8n, Chromium and the sandbox already share the machine's 2 cores.
	maxWorkers: 1,
	verbose: true,
};
