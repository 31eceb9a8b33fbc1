import type { IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Refuse } from '../OpenAiAdmin/actions/auditLog/query';

/** How a trigger's poll refuses a setting: the field named as the form shows it, before any request. */
export const refuseField =
	(context: IPollFunctions): Refuse =>
	(field, problem) =>
		new NodeOperationError(context.getNode(), `${field}: ${problem}`, { description: `Check the "${field}" field of the trigger.` });
