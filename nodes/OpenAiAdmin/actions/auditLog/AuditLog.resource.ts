import { endpoint } from '../endpoint';
import { invalidInput } from '../shared/parameters';
import type { Operation, Resource } from '../types';
import {
	AUDIT_LOG_PATH,
	AUDIT_LOG_QUERY_PARAMETERS,
	auditLogFilters,
	auditLogQuery,
	explainAuditLogError,
} from './query';

const listed = endpoint.list({
	action: 'Get many audit log events',
	description: 'List the events of the organization, newest first: who changed what, and when',
	path: AUDIT_LOG_PATH,
	operationId: 'list-audit-logs',
	filters: auditLogFilters,
	query: (context, itemIndex, chosen) =>
		auditLogQuery(chosen, (field, problem) => invalidInput(context, itemIndex, field, problem)),
	queryParameters: AUDIT_LOG_QUERY_PARAMETERS,
});

const getMany: Operation = {
	...listed,
	async execute(itemIndex, api) {
		try {
			return await listed.execute.call(this, itemIndex, api);
		} catch (error) {
			throw explainAuditLogError(error);
		}
	},
};

export const auditLog: Resource = {
	value: 'auditLog',
	name: 'Audit Log',
	description: 'Events of the organization: keys, users, projects, logins and settings changes',
	defaultOperation: 'getMany',
	operations: [getMany],
};
