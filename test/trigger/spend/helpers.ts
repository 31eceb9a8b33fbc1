/**
 * What the spend watch's tests share: a clock that moves the node's "now" and the sandbox's together
 * (Jest's fake Date; timers stay real, so requests and retries run as they do), a trigger whose
 * static data n8n saves and hands back from poll to poll (each poll a fresh start, as after a
 * restart), and what each poll asked the API.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { PollResult } from '../../../engine';
import type { Project, Sandbox } from '../../../sandbox';
import { pollTrigger } from '../../helpers/runNode';

export const COSTS = '/organization/costs';
export const DAY = 86_400;

/** Unix seconds of an ISO time. */
export const at = (iso: string) => Date.parse(iso) / 1000;

/** Only Date is faked: the node and the sandbox (whose default clock is Date.now) read the same now. */
export function useClock(): (iso: string) => void {
	beforeEach(() => {
		jest.useFakeTimers({
			doNotFake: [
				'hrtime',
				'nextTick',
				'performance',
				'queueMicrotask',
				'requestAnimationFrame',
				'cancelAnimationFrame',
				'requestIdleCallback',
				'cancelIdleCallback',
				'setImmediate',
				'clearImmediate',
				'setInterval',
				'clearInterval',
				'setTimeout',
				'clearTimeout',
			],
		});
	});
	afterEach(() => jest.useRealTimers());
	return (iso) => jest.setSystemTime(new Date(iso));
}

export const THRESHOLD: INodeParameters = { triggerOn: 'spendThreshold', watch: 'eachProject', period: 'day', thresholds: '50, 100', currency: 'usd', options: {} };
export const JUMP: INodeParameters = { triggerOn: 'spendJump', watch: 'eachProject', multiplier: 3, baselineDays: 14, minimumAmount: 10, currency: 'usd', options: {} };

export interface SpendPoll extends PollResult {
	items: IDataObject[];
	/** The queries of the requests to /organization/costs. */
	costQueries: URLSearchParams[];
	/** The projects whose name the poll asked for, in the order asked. */
	named: string[];
	/** Every request of the poll. */
	requests: number;
}

/** What a poll asked the sandbox, since `resetLog`. */
export function asked(sandbox: Sandbox): Pick<SpendPoll, 'costQueries' | 'named' | 'requests'> {
	return {
		costQueries: sandbox.requests.filter((request) => request.path === COSTS).map((request) => new URL(request.rawUrl, 'http://sandbox').searchParams),
		named: sandbox.requests.filter((request) => /^\/organization\/projects\/[^/]+$/.test(request.path)).map((request) => request.path.split('/')[3]),
		requests: sandbox.requests.length,
	};
}

/** The spend watch of an active workflow: n8n saves its static data when a poll wrote to it. */
export function spendWatch(sandbox: () => Sandbox, parameters: INodeParameters, staticData: IDataObject = {}) {
	let saved = staticData;
	return {
		get staticData() {
			return saved;
		},
		async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<SpendPoll> {
			sandbox().resetLog();
			const result = await pollTrigger(parameters, { api: sandbox(), staticData: saved, mode });
			if (result.changed) saved = result.staticData;
			return { ...result, items: (result.output?.[0] ?? []).map((item) => item.json), ...asked(sandbox()) };
		},
	};
}

/** The watch's state as stored (n8n keeps a node's static data under `node:<name>`). */
export const stateIn = (staticData: IDataObject) => (staticData['node:OpenAI Admin Trigger'] as IDataObject | undefined)?.spendWatch as IDataObject | undefined;

/** An item in short: project, period, threshold and total. */
export const crossing = (item: IDataObject) => [
	(item.project as IDataObject | null)?.id ?? 'organization',
	(item.period as IDataObject).key,
	item.threshold,
	item.total,
];

/** The seeded projects, without the Default project. */
export const projectsOf = (sandbox: Sandbox): Project[] => sandbox.state.projects.filter((project) => !project.is_default);

/** Sorts short items by project, then period, then threshold. */
export const sorted = (rows: unknown[][]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
