/**
 * Builds an API path from a template, encoding every interpolated value as one path segment.
 * `apiPath`/organization/projects/${projectId}/users/${userId}`` can therefore never be steered to
 * another route by an id that contains `/`, `?`, `#` or `%`. Dot segments (`.`, `..`) survive
 * encoding and are resolved by URL parsers (even as `%2e%2e`), and an empty one merges two routes'
 * segments, so those are refused outright.
 */
export function apiPath(strings: TemplateStringsArray, ...segments: string[]): string {
	return strings.reduce((path, literal, index) => {
		if (index >= segments.length) return path + literal;
		const segment = String(segments[index]);
		if (segment.trim() === '' || segment === '.' || segment === '..') {
			throw new Error(`"${segment}" cannot be used as an ID in a request path`);
		}
		return path + literal + encodeURIComponent(segment);
	}, '');
}
