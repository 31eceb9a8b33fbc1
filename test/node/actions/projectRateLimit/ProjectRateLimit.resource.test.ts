/**
 * Project Rate Limit: an update sends only the limits given, and offers every limit the spec lets a
 * project change.
 */
import { OpenAiAdmin } from '../../../../nodes/OpenAiAdmin/OpenAiAdmin.node';
import { SPEC_OPERATIONS } from '../../../../nodes/shared/spec';
import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project Rate Limit', () => {
	const sandbox = useSandbox({ projects: 1 });

	it('Update: sends only the limits set, and returns the limit as changed', async () => {
		const project = sandbox().state.projects.find((p) => !p.is_default)!;
		const [limit] = project.rateLimits;
		const run = await runAgainst(sandbox(), {
			resource: 'projectRateLimit',
			operation: 'update',
			projectId: byId(project.id),
			rateLimitId: byId(limit.id),
			updateFields: { max_requests_per_1_minute: 50, max_tokens_per_1_minute: 1000 },
		});

		expect(run.error).toBeUndefined();
		expect(calls(sandbox()).map(({ method, path, body }) => [method, path, body])).toEqual([
			['POST', `/organization/projects/${project.id}/rate_limits/${limit.id}`, { max_requests_per_1_minute: 50, max_tokens_per_1_minute: 1000 }],
		]);
		expect(run.json).toEqual([expect.objectContaining({ id: limit.id, model: limit.model, max_requests_per_1_minute: 50, max_tokens_per_1_minute: 1000 })]);
	});

	it('Update: offers every writable limit of the spec', () => {
		const updateFields = new OpenAiAdmin().description.properties.find(
			(property) => property.name === 'updateFields' && property.displayOptions?.show?.resource?.includes('projectRateLimit'),
		)!;
		const names = (updateFields.options as Array<{ name: string }>).map((option) => option.name).sort();
		expect(names).toEqual(Object.keys(SPEC_OPERATIONS['update-project-rate-limits'].body.fields).sort());
		expect(names).toEqual([
			'batch_1_day_max_input_tokens',
			'max_audio_megabytes_per_1_minute',
			'max_images_per_1_minute',
			'max_requests_per_1_day',
			'max_requests_per_1_minute',
			'max_tokens_per_1_minute',
		]);
	});
});
