/**
 * The seed description: how big the seeded organization is, one number per collection. It is the
 * single list the options of startSandbox, the CLI's flags (`--set name=N`, `--seed-file`, and a
 * `--kebab-name N` flag per entry) and the seeding itself are read from, so a collection added here
 * is seedable everywhere at once.
 */
import type { ProjectContents, SandboxState } from './state';
import { seedUsage } from './usage';

export interface SeedDescription {
	/** Seeded projects besides the organization's "Default project". */
	projects: number;
	/** Extra archived projects, after the active ones. */
	archivedProjects: number;
	/** Seed the "Default project". */
	defaultProject: boolean;
	/** Organization users. */
	users: number;
	/** Project members (the first is an owner). */
	usersPerProject: number;
	serviceAccountsPerProject: number;
	/** A mix of owners (user, service account, someone who left) and last use (never, long ago, recently). */
	keysPerProject: number;
	/** Model rate limits; also what a project created through the API starts with. */
	rateLimitsPerProject: number;
	/** Days of usage and cost activity before the epoch, per project with keys (see usage.ts). */
	usageDays: number;
	/** Extra audit events spread over the day before the epoch: a backlog for a trigger to catch up on. */
	auditBacklog: number;
}

export const SEED_DEFAULTS: Readonly<SeedDescription> = {
	projects: 3,
	archivedProjects: 0,
	defaultProject: true,
	users: 10,
	usersPerProject: 2,
	serviceAccountsPerProject: 1,
	keysPerProject: 2,
	rateLimitsPerProject: 6,
	usageDays: 42,
	auditBacklog: 0,
};

export type SeedName = keyof SeedDescription;

export const SEED_NAMES = Object.keys(SEED_DEFAULTS) as SeedName[];

/** The description with defaults filled in; a value of the wrong kind is an error naming the entry. */
export function seedDescription(given: Partial<Record<SeedName, unknown>>): SeedDescription {
	const out = { ...SEED_DEFAULTS } as Record<SeedName, unknown>;
	for (const name of SEED_NAMES) {
		const value = given[name];
		if (value === undefined) continue;
		const kind = typeof SEED_DEFAULTS[name];
		const ok = kind === 'boolean' ? typeof value === 'boolean' : Number.isInteger(value) && (value as number) >= 0;
		if (!ok) throw new Error(`seed '${name}' expects ${kind === 'boolean' ? 'true or false' : 'a non-negative integer'}, got ${JSON.stringify(value)}`);
		out[name] = value;
	}
	return out as unknown as SeedDescription;
}

/** Reads one `name=value` (`--set users=20`): the value is parsed as the entry's kind. */
export function parseSeedSetting(text: string): Partial<SeedDescription> {
	const eq = text.indexOf('=');
	const name = text.slice(0, eq).trim() as SeedName;
	if (eq < 0 || !SEED_NAMES.includes(name)) throw new Error(`unknown seed entry '${text}' (known: ${SEED_NAMES.join(', ')})`);
	const raw = text.slice(eq + 1).trim();
	let value: unknown = raw;
	if (typeof SEED_DEFAULTS[name] === 'boolean' && (raw === 'true' || raw === 'false')) value = raw === 'true';
	else if (/^\d+$/.test(raw)) value = Number(raw);
	seedDescription({ [name]: value }); // throws for a value of the wrong kind
	return { [name]: value };
}

/** Builds the seeded organization: users first, then the default project, projects, archived projects. */
export function seedState(state: SandboxState, seed: SeedDescription): void {
	const contents: ProjectContents = {
		users: seed.usersPerProject,
		serviceAccounts: seed.serviceAccountsPerProject,
		apiKeys: seed.keysPerProject,
		rateLimits: seed.rateLimitsPerProject,
		mixedKeys: true,
	};
	state.rateLimitsForNewProjects = seed.rateLimitsPerProject;
	state.addOrganizationUsers(seed.users);
	if (seed.defaultProject) state.addDefaultProject(contents);
	state.addProjects(seed.projects, contents);
	state.addProjects(seed.archivedProjects, { ...contents, archived: true });
	state.usage = seedUsage(state.projects, state.seed, state.epoch, seed.usageDays);
	if (seed.auditBacklog > 0) state.recordBacklog(seed.auditBacklog, { from: state.epoch - 86_400, to: state.epoch });
}

/** How many seeded objects to spread the seeded timestamps over. */
export function plannedEvents(seed: SeedDescription): number {
	const perProject = 1 + seed.usersPerProject + seed.serviceAccountsPerProject + seed.keysPerProject;
	const projects = seed.projects + seed.archivedProjects + (seed.defaultProject ? 1 : 0);
	return seed.users + projects * perProject + 10;
}
