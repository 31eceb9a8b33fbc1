import { endpoint } from '../endpoint';
import { invalidInput } from '../shared/parameters';
import { resource } from '../resource';
import type { Operation } from '../types';
import { auditLogFilters, auditLogQuery, explainAuditLogError } from './query';

const listed = endpoint.list('list-audit-logs', {
	action: 'Get many audit log events',
	description: 'List the events of the organization, newest first: who changed what, and when',
	filters: auditLogFilters,
	query: (context, itemIndex, chosen) =>
		auditLogQuery(chosen, (field, problem) => invalidInput(context, itemIndex, field, problem)),
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

export const auditLog = resource({ value: 'auditLog', name: 'Audit Log', description: 'Events of the organization: keys, users, projects, logins and settings changes' }, [getMany]);
