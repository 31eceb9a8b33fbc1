/**
 * resolveBaseUrl, the one reading of the credential's Base URL: where the node, the trigger and the
 * credential test send the admin key, and where they refuse to. Through n8n, against real servers,
 * in test/reliability/baseUrl.test.ts and test/credentials/OpenAiAdminApi.credentials.test.ts.
 */
import { OPENAI_API_BASE_URL, resolveBaseUrl } from '../../credentials/baseUrl';
import { OpenAiAdminApi } from '../../credentials/OpenAiAdminApi.credentials';

const refusal = (credentials: Record<string, unknown>) => {
	try {
		resolveBaseUrl(credentials as never);
	} catch (error) {
		return error as Error & { description?: string };
	}
	throw new Error(`${JSON.stringify(credentials)} was accepted`);
};

describe('resolveBaseUrl', () => {
	it('is the public API for an empty or missing Base URL, the credential field default too', () => {
		expect(resolveBaseUrl({ baseUrl: '' })).toBe('https://api.openai.com/v1');
		expect(resolveBaseUrl({ baseUrl: '  ' })).toBe('https://api.openai.com/v1');
		expect(resolveBaseUrl({})).toBe('https://api.openai.com/v1');
		expect(new OpenAiAdminApi().properties.find((property) => property.name === 'baseUrl')?.default).toBe(OPENAI_API_BASE_URL);
	});

	it('drops trailing slashes and surrounding spaces', () => {
		expect(resolveBaseUrl({ baseUrl: ' https://proxy.example.com/openai/v1// ' })).toBe('https://proxy.example.com/openai/v1');
	});

	it.each([
		'http://127.0.0.1:8787/v1',
		'http://127.10.20.30/v1',
		'http://localhost:8787/v1',
		'http://LOCALHOST/v1',
		'http://[::1]:8787/v1',
	])('accepts plain http to this machine: %s', (baseUrl) => {
		expect(resolveBaseUrl({ baseUrl })).toBe(baseUrl);
	});

	it.each([
		['http://example.invalid/v1', 'example.invalid'],
		['http://10.255.255.1/v1', '10.255.255.1'],
		['http://0.0.0.0:8787/v1', '0.0.0.0:8787'],
		['http://[fd00::2]:8787/v1', '[fd00::2]:8787'],
		['http://127.0.0.1.example.com/v1', '127.0.0.1.example.com'],
		['http://localhost.example.com/v1', 'localhost.example.com'],
	])('refuses plain http to another machine: %s', (baseUrl, host) => {
		const error = refusal({ baseUrl });
		expect(error.message).toBe(
			`The Base URL of the OpenAI Admin API credential is plain http:// to ${host}: the admin key would travel unencrypted`,
		);
		expect(error.description).toMatch(/https:\/\/.*"Allow Unencrypted HTTP"/);
	});

	it('accepts plain http to another machine only with Allow Unencrypted HTTP on', () => {
		expect(resolveBaseUrl({ baseUrl: 'http://10.255.255.1/v1', allowUnencryptedHttp: true })).toBe('http://10.255.255.1/v1');
		expect(() => resolveBaseUrl({ baseUrl: 'http://10.255.255.1/v1', allowUnencryptedHttp: 'true' })).toThrow(/unencrypted/);
		expect(() => resolveBaseUrl({ baseUrl: 'http://10.255.255.1/v1', allowUnencryptedHttp: false })).toThrow(/unencrypted/);
	});

	it('names the host, never a user and password in the Base URL', () => {
		const error = refusal({ baseUrl: 'http://admin:hunter2@proxy.internal/v1' });
		expect(error.message).toContain('proxy.internal');
		expect(`${error.message} ${error.description}`).not.toMatch(/hunter2|admin:/);
	});

	it.each([
		['api.openai.com/v1', /is not a URL/],
		['ftp://api.openai.com/v1', /must start with https:\/\//],
		['file:///etc/passwd', /must start with https:\/\//],
	])('refuses %s, which is no http(s) URL', (baseUrl, message) => {
		const error = refusal({ baseUrl });
		expect(error.message).toMatch(message);
		expect(error.description).toContain('https://api.openai.com/v1');
	});
});
