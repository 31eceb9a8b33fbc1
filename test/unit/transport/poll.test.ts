/** AdminApi for a polling trigger: its own, shorter retry budget, so a poll leaves the rest to the next. */
jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: jest.fn(async () => undefined) }));

import type { IPollFunctions } from 'n8n-workflow';

import { AdminApi, POLL_RETRY_SETTINGS } from '../../../nodes/OpenAiAdmin/transport';

it('a poll gives up after its own retry budget', async () => {
	const helper = jest.fn(async () => ({ statusCode: 503, headers: {}, body: { error: { message: 'busy' } } }));
	const context = {
		getCredentials: async () => ({ apiKey: 'sk-admin-poll', baseUrl: 'https://api.test/v1' }),
		getNode: () => ({ id: 'n', name: 'Trigger', type: 't', typeVersion: 1, position: [0, 0], parameters: {} }),
		helpers: { httpRequestWithAuthentication: helper },
	} as unknown as IPollFunctions;

	await expect(AdminApi.forPoll(context).request({ method: 'GET', path: '/organization/audit_logs' })).rejects.toThrow('busy');
	expect(helper).toHaveBeenCalledTimes(POLL_RETRY_SETTINGS.maxRetries + 1);
	expect(POLL_RETRY_SETTINGS.maxRetries).toBeLessThan(6);
});
