/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/ui/'],
	setupFilesAfterEnv: ['<rootDir>/test/teardown.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { diagnostics: false }],
	},
	testTimeout: 30000,
	// Most suites wait on a local HTTP server or a retry backoff, not the CPU: three workers on two
	// cores halve the run.
	maxWorkers: 3,
};
