/**
 * The people-and-access operations through real n8n execution against the sandbox, from the same
 * catalogue the bad-input suite uses: each succeeds on a valid item, and an unknown id in its path
 * comes back as the API's 404 (validation errors are the bad-input suite's).
 */
import { registry } from '../../../nodes/OpenAiAdmin/actions/registry';
import { runAgainst } from '../../helpers/sandbox';
import { ORG, seed } from '../../helpers/world';
import { OPERATIONS } from '../../reliability/operations';
import { withSandbox } from '../../reliability/support';

const PEOPLE = new Set([
	'user',
	'invite',
	'adminApiKey',
	'projectServiceAccountApiKey',
	'group',
	'groupUser',
	'groupRole',
	'role',
	'userRole',
	'projectGroup',
	'certificate',
	'projectCertificate',
]);
const resourceOf = (name: string) => name.split(' → ')[0];
const specs = OPERATIONS.filter((spec) => PEOPLE.has(resourceOf(spec.name)));

it('covers every operation of the people-and-access resources', () => {
	const names = new Set(specs.map((spec) => spec.name));
	expect(registry.filter((entry) => PEOPLE.has(entry.resource)).map((entry) => `${entry.resource} → ${entry.value}`).filter((name) => !names.has(name))).toEqual([]);
});

describe.each(specs.map((spec) => [spec.name, spec] as const))('%s', (_name, spec) => {
	it('succeeds on a valid item, with one request to its route', async () => {
		await withSandbox(ORG, async (sandbox) => {
			const input = spec.valid(seed(sandbox), 0);
			const run = await runAgainst(sandbox, spec.parameters, { input: [input] });
			expect(run.error).toBeUndefined();
			expect(run.json.length).toBeGreaterThan(0);
			expect(sandbox.requests.map((request) => [request.path.match(spec.route) !== null, request.status])).toEqual([[true, 200]]);
		});
	});

	// The last id of the path: a get's or delete's object, or the parent of a list or create.
	const entry = registry.find((candidate) => `${candidate.resource} → ${candidate.value}` === spec.name);
	const idKey = Object.values(entry?.locators ?? {}).at(-1)?.name;
	if (idKey) {
		it('answers the API\'s 404 for an unknown id', async () => {
			await withSandbox(ORG, async (sandbox) => {
				const input = { ...spec.valid(seed(sandbox), 0), [idKey]: 'unknown_1' };
				const run = await runAgainst(sandbox, spec.parameters, { input: [input], continueOnFail: true });
				expect(run.json).toEqual([expect.objectContaining({ httpCode: '404' })]);
			});
		});
	}
});
