/**
 * /organization/certificates and /organization/projects/{project_id}/certificates: mutual-TLS
 * certificates uploaded to the organization, each active (or not) for the organization and for each
 * project. Upload does not activate. Activating or deactivating takes 1 to 10 ids and is idempotent;
 * a certificate can only be deleted once it is inactive everywhere. Uploading the same PEM twice is a
 * 400, as is content that is not a PEM certificate.
 */
import { badRequest, queryList } from '../http';
import type { SandboxState } from '../state';
import { CollectionStore, organization, project as projectScope } from '../store';
import type { Project } from '../types';
import { route, type Route, type RouteContext } from './context';

export interface Certificate {
	id: string;
	name: string | null;
	created_at: number;
	content: string;
	valid_at: number;
	expires_at: number;
	/** Active at the organization level. */
	active: boolean;
	/** The projects it is active for. */
	projects: string[];
}

const PEM = /^\s*-----BEGIN CERTIFICATE-----\s+[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----\s*$/;
const YEAR = 365 * 86400;

const details = (c: Certificate) => ({ valid_at: c.valid_at, expires_at: c.expires_at });

/** As create, update and get answer: object `certificate`, without `active`. */
function serializeCertificate(c: Certificate, withContent = false) {
	return {
		object: 'certificate' as const,
		id: c.id,
		name: c.name,
		created_at: c.created_at,
		certificate_details: withContent ? { ...details(c), content: c.content } : details(c),
	};
}

/** As the organization's lists and toggles answer. */
const organizationCertificate = (c: Certificate) => ({
	object: 'organization.certificate' as const,
	id: c.id,
	name: c.name,
	created_at: c.created_at,
	certificate_details: details(c),
	active: c.active,
});

/** As a project's lists and toggles answer: active for that project. */
const projectCertificate = (c: Certificate, p: Project) => ({
	...organizationCertificate(c),
	object: 'organization.project.certificate' as const,
	active: c.projects.includes(p.id),
});

export const certificates = new CollectionStore<Certificate>({
	path: '/organization/certificates',
	idParam: 'certificate_id',
	noun: 'certificate',
	object: 'certificate',
	idPrefix: 'cert_',
	scope: organization,
	serialize: organizationCertificate,
	order: 'desc',
	events: { created: 'certificate.created', updated: 'certificate.updated', deleted: 'certificate.deleted' },
	eventData: (c) => ({ name: c.name ?? undefined }),
	beforeRemove: (c) => {
		if (c.active || c.projects.length > 0) {
			throw badRequest(`Certificate ${c.id} is still active; deactivate it for the organization and every project before deleting it.`);
		}
	},
});

/** Every certificate of the organization, as a project sees it. */
const projectCertificates = new CollectionStore<Certificate, Project>({
	path: '/organization/projects/{project_id}/certificates',
	idParam: 'certificate_id',
	noun: 'certificate',
	object: 'organization.project.certificate',
	idPrefix: 'cert_',
	order: 'desc',
	scope: projectScope,
	items: (_, state) => certificates.items(state, state),
	serialize: projectCertificate,
});

/** The certificates a toggle names: 1 to 10, each one of the organization's (else 404). */
function named(ctx: RouteContext): Certificate[] {
	const ids = ctx.body.certificate_ids as string[];
	if (ids.length < 1 || ids.length > 10) {
		throw badRequest(`Invalid 'certificate_ids': expected 1 to 10 certificate ids, but got ${ids.length}.`, 'certificate_ids');
	}
	return [...new Set(ids)].map((id) => certificates.require(ctx.state, ctx.state, id));
}

/** Activate or deactivate at one scope; an event names the certificates whose state changed. */
function toggle(
	state: SandboxState,
	list: Certificate[],
	on: boolean,
	isOn: (c: Certificate) => boolean,
	set: (c: Certificate, on: boolean) => void,
	project?: Project,
): void {
	const changed = list.filter((c) => isOn(c) !== on);
	for (const c of changed) set(c, on);
	if (changed.length > 0) {
		state.recordEvent({
			type: on ? 'certificates.activated' : 'certificates.deactivated',
			project,
			payload: { certificates: changed.map((c) => ({ id: c.id, name: c.name ?? undefined })) },
		});
	}
}

function organizationToggle(on: boolean): Route {
	return route(`${on ? 'activate' : 'deactivate'}OrganizationCertificates`, {
		handler: (ctx) => {
			const list = named(ctx);
			toggle(ctx.state, list, on, (c) => c.active, (c, value) => void (c.active = value));
			return { object: `organization.certificate.${on ? 'activation' : 'deactivation'}`, data: list.map(organizationCertificate) };
		},
	});
}

function projectToggle(on: boolean): Route {
	return route(`${on ? 'activate' : 'deactivate'}ProjectCertificates`, {
		handler: (ctx) => {
			const project = projectScope.write(ctx);
			const list = named(ctx);
			const set = (c: Certificate, value: boolean) => {
				c.projects = value ? [...c.projects, project.id] : c.projects.filter((id) => id !== project.id);
			};
			toggle(ctx.state, list, on, (c) => c.projects.includes(project.id), set, project);
			return { object: `organization.project.certificate.${on ? 'activation' : 'deactivation'}`, data: list.map((c) => projectCertificate(c, project)) };
		},
	});
}

export const routes: Route[] = [
	certificates.listRoute('listOrganizationCertificates'),
	reshape(
		certificates.createRoute('uploadCertificate', {
			build: (ctx) => {
				const content = ctx.body.certificate as string;
				if (!PEM.test(content)) throw badRequest('The certificate is not a PEM-encoded X.509 certificate.', 'certificate', 'invalid_certificate');
				if (certificates.items(ctx.state, ctx.state).some((c) => c.content.trim() === content.trim())) {
					throw badRequest('This certificate has already been uploaded to the organization.', 'certificate');
				}
				const now = ctx.now();
				const name = typeof ctx.body.name === 'string' ? ctx.body.name.trim() : null;
				return { id: certificates.newId(ctx.state), name, created_at: now, content, valid_at: now, expires_at: now + YEAR, active: false, projects: [] };
			},
		}),
	),
	organizationToggle(true),
	organizationToggle(false),
	route('getCertificate', {
		handler: (ctx) => {
			const include = queryList(ctx.query, 'include');
			for (const value of include) if (value !== 'content') throw badRequest(`Invalid value for 'include': '${value}'. Supported values are: 'content'.`, 'include', 'invalid_value');
			return serializeCertificate(certificates.require(ctx.state, ctx.state, ctx.params.certificate_id), include.includes('content'));
		},
	}),
	reshape(certificates.updateRoute('modifyCertificate', { apply: (c, ctx) => void (typeof ctx.body.name === 'string' && (c.name = ctx.body.name.trim())) })),
	{
		...certificates.deleteRoute('deleteCertificate'),
		// The spec's deletion answer has no `deleted` field.
		handler: (ctx) => {
			const c = certificates.remove(ctx, ctx.state, ctx.params.certificate_id);
			return { object: 'certificate.deleted', id: c.id };
		},
	},
	projectCertificates.listRoute('listProjectCertificates'),
	projectToggle(true),
	projectToggle(false),
];

/** Create and update answer with the `certificate` object, not the list's. */
function reshape(served: Route): Route {
	return {
		...served,
		handler: (ctx) => {
			const listed = served.handler(ctx) as { id: string };
			return serializeCertificate(certificates.require(ctx.state, ctx.state, listed.id));
		},
	};
}
