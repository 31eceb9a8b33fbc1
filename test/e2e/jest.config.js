/**
 * End-to-end tests against a real n8n (npm run test:e2e). Not part of `npm test`: the root
 * jest.config.js ignores test/e2e/. Installs of n8n are cached (see NOTES.md), so only the first run
 * on a machine is slow.
 * @type {import('jest').Config}
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
	},
	// A cold run installs both n8n lines (several minutes); each n8n command takes seconds.
	testTimeout: 10 * 60 * 1000,
	// One worker: test files share the machine's 2 cores with the n8n processes they start.
	maxWorkers: 1,
	verbose: true,
};
