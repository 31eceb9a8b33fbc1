/** README.md's operations table is the registry's: a change to the registry must rerun npm run docs. */
import fs from 'node:fs';

import { README, renderReadme } from '../../scripts/docs';

describe('README operations table', () => {
	it('is what npm run docs writes from the registry', () => {
		const readme = fs.readFileSync(README, 'utf8');
		expect(readme).toBe(renderReadme(readme));
	});
});
