function segment(value: string): string {
	const text = String(value);
	if (text.trim() === '' || text === '.' || text === '..') {
		throw new Error(`"${text}" cannot be used as an ID in a request path`);
	}
	return encodeURIComponent(text);
}

/**
 * Builds an API path from a template, encoding every interpolated value as one path segment.
 * `apiPath`/organization/projects/${projectId}/users/${userId}`` can therefore never be steered to
 * another route by an id that contains `/`, `?`, `#` or `%`. Dot segments (`.`, `..`) survive
 * encoding and are resolved by URL parsers (even as `%2e%2e`), and an empty one merges two routes'
 * segments, so those are refused outright.
 */
export function apiPath(strings: TemplateStringsArray, ...segments: string[]): string {
	return strings.reduce(
		(path, literal, index) => (index >= segments.length ? path + literal : path + literal + segment(segments[index])),
		'',
	);
}

/** The names of a spec path template's parameters, in order: `{project_id}` → `project_id`. */
export function pathParameters(template: string): string[] {
	return [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
}

/**
 * Fills a path template from the spec (`/organization/projects/{project_id}`) the way `apiPath`
 * does: each value is one encoded segment. A parameter without a value is a programming error.
 */
export function fillPath(template: string, values: Record<string, string>): string {
	return template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
		if (!(name in values)) throw new Error(`No value for {${name}} in ${template}`);
		return segment(values[name]);
	});
}
