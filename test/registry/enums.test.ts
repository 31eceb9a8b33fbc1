/** The enumerations the node defines once, against the spec schemas they come from. */
import {
	AUDIT_LOG_EVENT_TYPES,
	OWNER_PROJECT_ACCESS,
	PROJECT_ROLES,
	RATE_LIMIT_FIELDS,
	RESIDENCIES,
} from '../../nodes/OpenAiAdmin/actions/shared/enums';
import { loadSpec } from '../helpers/spec';

const { operations, schemas } = loadSpec();
const sorted = (values: readonly unknown[]) => [...values].map(String).sort();

describe('shared enums match the spec', () => {
	it('residencies: PublicProjectResidency', () => {
		expect(sorted(RESIDENCIES)).toEqual(sorted(schemas.PublicProjectResidency.enum));
	});

	it('project roles: UpdateProjectServiceAccountBody.role', () => {
		expect(sorted(PROJECT_ROLES)).toEqual(sorted(schemas.UpdateProjectServiceAccountBody.properties.role.enum));
	});

	it('rate limit fields: the properties of ProjectRateLimitUpdateRequest', () => {
		expect(sorted(RATE_LIMIT_FIELDS.map(([, name]) => name))).toEqual(
			sorted(Object.keys(schemas.ProjectRateLimitUpdateRequest.properties)),
		);
	});

	it('owner project access: the query parameter of list-project-api-keys', () => {
		const parameter = operations
			.find((operation) => operation.operationId === 'list-project-api-keys')
			?.parameters.find((candidate) => candidate.name === 'owner_project_access');
		expect(sorted(OWNER_PROJECT_ACCESS)).toEqual(sorted(parameter?.schema?.enum ?? []));
	});

	it('audit log event types: AuditLogEventType', () => {
		expect(sorted(AUDIT_LOG_EVENT_TYPES)).toEqual(sorted(schemas.AuditLogEventType.enum));
	});
});
