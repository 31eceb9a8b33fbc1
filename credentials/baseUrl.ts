import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

/** The public Administration API; the credential's Base URL changes it only for a proxy or the sandbox. */
export const OPENAI_API_BASE_URL = 'https://api.openai.com/v1';

const FIX_IT = 'Set the Base URL of the OpenAI Admin API credential';

/** Hosts whose traffic never leaves this machine: 127.0.0.0/8, ::1 and localhost. */
function isLoopback(hostname: string): boolean {
	return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function parseUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

/**
 * Where every request made with the credential goes: its Base URL without trailing slashes, or the
 * public API when it is empty. The one reading of the Base URL, for the node, the trigger and the
 * credential test alike.
 *
 * Throws before anything is sent when the admin key may not go there: the Base URL is not an
 * http(s) URL, or it is plain http to another machine and the credential does not say that the key
 * may travel unencrypted. The errors name the host only: a Base URL may carry a user and password.
 */
export function resolveBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const given = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	const baseUrl = (given || OPENAI_API_BASE_URL).replace(/\/+$/, '');
	const url = parseUrl(baseUrl);
	if (!url) {
		throw new UserError('The Base URL of the OpenAI Admin API credential is not a URL', {
			description: `${FIX_IT} to a full address that starts with https://, such as ${OPENAI_API_BASE_URL}.`,
		});
	}
	if (url.protocol === 'https:') return baseUrl;
	if (url.protocol !== 'http:') {
		throw new UserError('The Base URL of the OpenAI Admin API credential must start with https://', {
			description: `${FIX_IT} to a full address that starts with https://, such as ${OPENAI_API_BASE_URL}.`,
		});
	}
	if (isLoopback(url.hostname) || credentials.allowUnencryptedHttp === true) return baseUrl;
	throw new UserError(
		`The Base URL of the OpenAI Admin API credential is plain http:// to ${url.host}: the admin key would travel unencrypted`,
		{
			description: `${FIX_IT} to its https:// address. Plain http:// is accepted for this machine (localhost, 127.0.0.1, ::1), and elsewhere only when the credential's "Allow Unencrypted HTTP" option is on.`,
		},
	);
}
