import { SPEC_OPERATIONS } from '../../../shared/spec';

/**
 * Values the spec enumerates that the node uses in more than one place, read from the operation
 * table (nodes/shared/spec.ts, generated from the spec), never copied. Each names where the spec
 * gives it; where the spec states an enum in prose only, the schema that does give it.
 */

/** A project member's role: `UpdateProjectServiceAccountBody.role` (the user requests say it in prose). */
export const PROJECT_ROLES = SPEC_OPERATIONS['update-project-service-account'].body.fields.role.enum;

/** An organization member's role: `InviteRequest.role` (the user update says it in prose). */
export const ORGANIZATION_ROLES = SPEC_OPERATIONS.inviteUser.body.fields.role.enum;

/** `AuditLogEventType`: every audit-log event type, in the spec's order. `tenant.` ones are tenant-scoped. */
export const AUDIT_LOG_EVENT_TYPES = SPEC_OPERATIONS['list-audit-logs'].query['event_types[]'].items.enum;

/** The currency and interval of spend alerts and spend limits. */
export const SPEND_CURRENCIES = SPEC_OPERATIONS['create-organization-spend-alert'].body.fields.currency.enum;
export const SPEND_INTERVALS = SPEC_OPERATIONS['create-organization-spend-alert'].body.fields.interval.enum;
