/**
 * The editor in a real browser against a real n8n (npm run test:ui). Not part of `npm test`: the
 * root jest.config.js ignores test/ui/. Same set-up as test/e2e (one worker, ts-jest), whose n8n
 * installs it shares; see test/ui/NOTES.md.
 * @type {import('jest').Config}
 */
const e2e = require('../e2e/jest.config.js');

module.exports = {
	...e2e,
	roots: ['<rootDir>/test/ui'],
	testMatch: ['**/*.ui.test.ts'],
	// A browser step waits on n8n and the sandbox; a cold run's installs happen in beforeAll.
	testTimeout: 5 * 60 * 1000,
};
