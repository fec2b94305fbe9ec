// What `up` must do on a host, from the project and what the host already has: the networks and
// volumes to create, and per service (in start order) the containers to create, recreate (their
// config hash differs: the file changed, or a v1 docker-compose made them), start (stopped, but
// unchanged), keep, or remove (numbers above the scale). Containers of services no longer in the
// file are orphans, reported and left alone, as docker compose does. Pure.
import 'server-only';
import { composeOrigin, isOneOff, LABEL, type Labels } from './compose-labels.ts';
import { configHash, hashOf } from './container-body.ts';
import { startOrder } from './depends-on.ts';
import type { ComposeProject, ProjectNetwork, ProjectVolume } from './read-project.ts';

export type ExistingContainer = { id: string; name: string; labels: Labels; state: string };
export type PlannedContainer = { id: string; name: string; number: number };

export type ServicePlan = {
  service: string;
  hash: string;
  create: number[];
  recreate: (PlannedContainer & { why: 'changed' | 'made by docker-compose v1' | 'forced' })[];
  start: PlannedContainer[];
  keep: PlannedContainer[];
  remove: PlannedContainer[];
};

export type UpPlan = {
  services: ServicePlan[];
  networks: ProjectNetwork[];
  volumes: ProjectVolume[];
  /** External networks and volumes the host lacks: up cannot go on without them. */
  missing: string[];
  orphans: (PlannedContainer & { service: string })[];
};

export type HostState = { containers: ExistingContainer[]; networks: string[]; volumes: string[] };

const numberOf = (c: ExistingContainer) => {
  const n = Number(c.labels[LABEL.number]);
  return Number.isInteger(n) && n > 0 ? n : 0;
};

/** The project's own containers (not one-off runs), by service. */
export function projectContainers(project: string, containers: ExistingContainer[]): Map<string, ExistingContainer[]> {
  const out = new Map<string, ExistingContainer[]>();
  for (const c of containers) {
    if (c.labels[LABEL.project] !== project || isOneOff(c.labels)) continue;
    const service = c.labels[LABEL.service] ?? '';
    out.set(service, [...(out.get(service) ?? []), c]);
  }
  return out;
}

/** `recreate`: services whose containers are recreated even when unchanged (`up --force-recreate`). */
export function planUp(project: ComposeProject, host: HostState, scales: Record<string, number> = {}, recreate: ReadonlySet<string> = new Set()): UpPlan {
  const order = startOrder(project.services);
  if ('cycle' in order) throw new Error(`cycle: ${order.cycle.join(' → ')}`);
  const byService = projectContainers(project.name, host.containers);
  const services = order.order.map((name): ServicePlan => {
    const service = project.services.find((s) => s.name === name)!;
    const hash = configHash(project, service);
    const scale = scales[name] ?? service.scale;
    const plan: ServicePlan = { service: name, hash, create: [], recreate: [], start: [], keep: [], remove: [] };
    const existing = [...(byService.get(name) ?? [])].sort((a, b) => numberOf(a) - numberOf(b));
    const taken = new Set<number>();
    for (const c of existing) {
      const number = numberOf(c);
      const item = { id: c.id, name: c.name, number };
      if (number === 0 || number > scale || taken.has(number)) {
        plan.remove.push(item);
        continue;
      }
      taken.add(number);
      if (composeOrigin(c.labels) === 'v1') plan.recreate.push({ ...item, why: 'made by docker-compose v1' });
      else if (hashOf(c.labels) !== hash) plan.recreate.push({ ...item, why: 'changed' });
      else if (recreate.has(name)) plan.recreate.push({ ...item, why: 'forced' });
      else if (c.state === 'running') plan.keep.push(item);
      else plan.start.push(item);
    }
    for (let n = 1; n <= scale; n++) if (!taken.has(n)) plan.create.push(n);
    return plan;
  });
  const known = new Set(project.services.map((s) => s.name).concat(project.disabled));
  const orphans = [...byService].filter(([service]) => !known.has(service)).flatMap(([service, list]) => list.map((c) => ({ id: c.id, name: c.name, number: numberOf(c), service })));
  const networks = new Set(host.networks);
  const volumes = new Set(host.volumes);
  return {
    services,
    networks: project.networks.filter((n) => !n.external && !networks.has(n.name)),
    volumes: project.volumes.filter((v) => !v.external && !volumes.has(v.name)),
    missing: [
      ...project.networks.filter((n) => n.external && !networks.has(n.name)).map((n) => `network ${n.name}`),
      ...project.volumes.filter((v) => v.external && !volumes.has(v.name)).map((v) => `volume ${v.name}`),
    ],
    orphans,
  };
}

/** A plan in a few words per service, for the result and the audit row. */
export function describePlan(plan: UpPlan): string[] {
  return plan.services.map((s) => {
    const parts = [
      s.create.length && `create ${s.create.length}`,
      s.recreate.length && `recreate ${s.recreate.length}`,
      s.start.length && `start ${s.start.length}`,
      s.keep.length && `keep ${s.keep.length}`,
      s.remove.length && `remove ${s.remove.length}`,
    ].filter(Boolean);
    return `${s.service}: ${parts.join(', ') || 'nothing'}`;
  });
}
