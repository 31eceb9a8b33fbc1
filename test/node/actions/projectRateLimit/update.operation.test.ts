import { byId } from '../../../helpers/runNode';
import { calls, runAgainst, useSandbox } from '../../../helpers/sandbox';

describe('Project Rate Limit → Update', () => {
	const sandbox = useSandbox({ projects: 1 });

	it('sends only the limits the user set', async () => {
		const project = sandbox().state.projects.find((p) => !p.is_default)!;
		const limit = project.rateLimits[0];
		const run = await runAgainst(sandbox(), {
			resource: 'projectRateLimit',
			operation: 'update',
			projectId: byId(project.id),
			rateLimitId: byId(limit.id),
			updateFields: { max_requests_per_1_minute: 50, max_tokens_per_1_minute: 1000 },
		});

		expect(run.error).toBeUndefined();
		expect(calls(sandbox())).toEqual([
			{
				method: 'POST',
				path: `/organization/projects/${project.id}/rate_limits/${limit.id}`,
				query: {},
				body: { max_requests_per_1_minute: 50, max_tokens_per_1_minute: 1000 },
			},
		]);
		expect(run.json).toEqual([
			expect.objectContaining({ id: limit.id, model: limit.model, max_requests_per_1_minute: 50, max_tokens_per_1_minute: 1000 }),
		]);
	});

	it('offers every writable limit of the spec', async () => {
		const { OpenAiAdmin } = await import('../../../../nodes/OpenAiAdmin/OpenAiAdmin.node');
		const updateFields = new OpenAiAdmin().description.properties.find(
			(property) =>
				property.name === 'updateFields' &&
				property.displayOptions?.show?.resource?.includes('projectRateLimit'),
		)!;
		expect((updateFields.options as Array<{ name: string }>).map((option) => option.name).sort()).toEqual([
			'batch_1_day_max_input_tokens',
			'max_audio_megabytes_per_1_minute',
			'max_images_per_1_minute',
			'max_requests_per_1_day',
			'max_requests_per_1_minute',
			'max_tokens_per_1_minute',
		]);
	});
});
