// The compose projects on a host, from the containers' Compose labels (so the Compose CLI's
// projects are there too, marked v1 or v2) and Wharf's stored projects (which may not be up), each
// with its services and containers; one project in full with its revisions' outline.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { projectState, type ProjectDetail, type ProjectOrigin, type ProjectSummary, type ServiceStatus } from '@/lib/models/compose-projects/project-status.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine } from '../engine/index.ts';
import { composeOrigin, isOneOff, LABEL } from './compose-labels.ts';
import type { ExistingContainer } from './plan-up.ts';
import { findStoredProject, type StoredProject } from './project-host.ts';
import { ownerOfProjectRow } from './project-owner.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { authorize } from '@/lib/auth/authorize.ts';
import { isAllowed, visibleScopes } from '@/lib/auth/permissions.ts';
import { projectTarget } from '@/lib/models/access/containment.ts';
import { validateProjectName } from './project-name.ts';
import { readProject } from './read-project.ts';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales.ts';
import { localizeText } from '@/lib/errors.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>;

type Wanted = Map<string, number>;

function servicesOf(containers: ExistingContainer[], wanted: Wanted | null, health: Map<string, string | null>): ServiceStatus[] {
  const names = new Set([...(wanted?.keys() ?? []), ...containers.map((c) => c.labels[LABEL.service] ?? '')]);
  return [...names].sort().map((name) => {
    const own = containers.filter((c) => c.labels[LABEL.service] === name && !isOneOff(c.labels));
    return {
      name,
      desired: wanted ? (wanted.get(name) ?? 0) : null,
      running: own.filter((c) => c.state === 'running').length,
      containers: own
        .map((c) => ({ id: c.id, name: c.name, number: Number(c.labels[LABEL.number]) || 0, state: c.state, health: health.get(c.id) ?? null, status: c.state }))
        .sort((a, b) => a.number - b.number),
    };
  });
}

const originOf = (managed: boolean, containers: ExistingContainer[]): ProjectOrigin => (managed ? 'wharf' : containers.some((c) => composeOrigin(c.labels) === 'v1') ? 'compose-v1' : 'compose-v2');

/** The scale of each enabled service in a stored project's newest file, the console's scales applied. */
async function wantedOf(deps: Deps, hostId: string, name: string): Promise<Wanted | null> {
  const stored = await findStoredProject(deps, hostId, name);
  if (!stored) return null;
  const { project } = readProject({ projectName: name, composeText: stored.revision.composeText, variables: stored.revision.variables, files: stored.revision.files, profiles: stored.profiles, workingDir: stored.workingDir });
  return new Map((project?.services ?? []).map((s) => [s.name, stored.scales[s.name] ?? s.scale]));
}

/** Health from the container list's status text ("Up 3 seconds (healthy)"): one request for all. */
const healthFromStatus = (status: string | undefined) => /\((healthy|unhealthy|health: starting)\)/.exec(status ?? '')?.[1]?.replace('health: ', '') ?? null;

/** With `actor`: only the projects its grants reach (on the host, or on the project, as its owner
 * admits); refused as the host's door would be when its grants reach nothing there. */
export async function listProjects(deps: Deps, hostId: string, actor?: Actor): Promise<ProjectSummary[]> {
  const visible = actor ? visibleScopes(actor.grants, 'container.view') : 'all';
  if (actor && visible !== 'all' && !visible.hosts.has(hostId) && !visible.projects.has(hostId)) await authorize(deps.db, actor, 'container.view', { type: 'host', id: hostId });
  const engine = await hostEngine(deps, hostId);
  const list = await engine.call(msg('engineText.doing.readProjects'), (api) => api.listContainers({ all: true, filters: { label: [LABEL.project] } }));
  const containers: ExistingContainer[] = list.map((c) => ({ id: c.Id, name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''), labels: c.Labels ?? {}, state: c.State ?? '' }));
  const health = new Map(list.map((c) => [c.Id, healthFromStatus(typeof c.Status === 'string' ? c.Status : undefined)]));
  const stored = await deps.db.composeProject.findMany({ where: { hostId }, select: { name: true, ownerTeamId: true, ownerCreatorId: true, ownerEveryone: true } });
  const reaches = (name: string) => {
    if (!actor || visible === 'all') return true;
    const row = stored.find((s) => s.name === name);
    return isAllowed(actor.grants, 'container.view', projectTarget(hostId, name, row ? ownerOfProjectRow(row) : undefined), actor.id);
  };
  const names = new Set([...stored.map((s) => s.name), ...containers.map((c) => c.labels[LABEL.project])].filter(reaches));
  const out: ProjectSummary[] = [];
  for (const name of [...names].sort()) {
    const own = containers.filter((c) => c.labels[LABEL.project] === name);
    const managed = stored.some((s) => s.name === name);
    const services = servicesOf(own, managed ? await wantedOf(deps, hostId, name) : null, health);
    out.push({ name, origin: originOf(managed, own), managed, state: projectState(services), running: services.reduce((n, s) => n + s.running, 0), total: services.reduce((n, s) => n + s.containers.length, 0), services });
  }
  return out;
}

/** The secrets and configs the stored project's services get, by name. */
function fileObjectsOf(stored: StoredProject): ProjectDetail['fileObjects'] {
  const { project } = readProject({ projectName: stored.name, composeText: stored.revision.composeText, variables: stored.revision.variables, files: stored.revision.files, profiles: stored.profiles, workingDir: stored.workingDir });
  const out = new Map<string, ProjectDetail['fileObjects'][number]>();
  for (const service of project?.services ?? []) {
    for (const file of service.files) {
      const entry = out.get(`${file.kind}:${file.source}`) ?? { kind: file.kind, name: file.source, services: [] };
      if (!entry.services.includes(service.name)) entry.services.push(service.name);
      out.set(`${file.kind}:${file.source}`, entry);
    }
  }
  return [...out.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

/** `locale`: the language its revisions' stored outcomes are said in. */
export async function readProjectDetail(deps: Deps, hostId: string, name: string, locale: Locale = DEFAULT_LOCALE): Promise<ProjectDetail> {
  if (validateProjectName(name)) throw new AppError('NOT_FOUND', msg('compose.errors.noSuchProject'));
  const summary = (await listProjects(deps, hostId)).find((p) => p.name === name);
  if (!summary) throw new AppError('NOT_FOUND', msg('compose.errors.noProject', { name }));
  const stored = await findStoredProject(deps, hostId, name);
  const revisions = stored
    ? await deps.db.composeProjectRevision.findMany({ where: { projectId: stored.id }, orderBy: { number: 'desc' }, take: 50, select: { number: true, createdAt: true, createdByName: true, outcome: true, message: true, restoredFrom: true } })
    : [];
  return {
    ...summary,
    hostId,
    composeText: stored?.revision.composeText ?? null,
    variableNames: Object.keys(stored?.revision.variables ?? {}).sort(),
    fileNames: Object.keys(stored?.revision.files ?? {}).sort(),
    fileObjects: stored ? fileObjectsOf(stored) : [],
    profiles: stored?.profiles ?? [],
    workingDir: stored?.workingDir ?? null,
    revisions: revisions.map((r) => ({ ...r, message: r.message === null ? null : localizeText(r.message, locale), createdAt: r.createdAt.toISOString() })),
  };
}
