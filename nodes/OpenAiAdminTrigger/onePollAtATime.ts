import type { IDataObject } from 'n8n-workflow';

/**
 * Marks a poll of this trigger as running, on its static data object. n8n starts a poll on every
 * tick of Poll Times without waiting for the one before, and two polls reading from one stored state
 * (the audit log's position, the spend watch's crossings fired) would emit the same things twice. A
 * poll that finds the mark set returns nothing and touches nothing. The mark is a non-enumerable symbol, set with defineProperty: n8n
 * neither saves it nor counts it as a change. That is enough because one trigger is polled by one
 * process (queue mode polls on the main instance only) holding one static data object while the
 * workflow is active, and a restart, which forgets the mark, also ends every poll that was running.
 */
const POLL_RUNNING = Symbol('openAiAdminTrigger.pollRunning');

export function startPoll(staticData: IDataObject): boolean {
	if ((staticData as { [POLL_RUNNING]?: boolean })[POLL_RUNNING]) return false;
	Reflect.defineProperty(staticData, POLL_RUNNING, { value: true, configurable: true, writable: true });
	return true;
}

export const endPoll = (staticData: IDataObject) =>
	Reflect.defineProperty(staticData, POLL_RUNNING, { value: false, configurable: true, writable: true });
