/**
 * Builds an API path from a template, encoding every interpolated value as one path segment.
 * `apiPath`/organization/projects/${projectId}/users/${userId}`` can therefore never be steered to
 * another route by an id that contains `/`, `?`, `#` or `..`.
 */
export function apiPath(strings: TemplateStringsArray, ...segments: string[]): string {
	return strings.reduce(
		(path, literal, index) =>
			path + literal + (index < segments.length ? encodeURIComponent(segments[index]) : ''),
		'',
	);
}
