/** What an e2e file does to the sandbox itself, between n8n's requests: changes as an admin makes them. */
import type { Sandbox } from '../../sandbox';

/** A change through the sandbox's API, as an admin would make it; throws with the answer when refused. */
export async function adminCall(sandbox: Sandbox, method: string, apiPath: string, body: unknown): Promise<Record<string, any>> {
	const response = await fetch(`${sandbox.baseUrl}${apiPath}`, {
		method,
		headers: { authorization: `Bearer ${sandbox.adminKey}`, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const json = (await response.json()) as Record<string, any>;
	if (!response.ok) throw new Error(`${method} ${apiPath}: ${response.status} ${JSON.stringify(json)}`);
	return json;
}
