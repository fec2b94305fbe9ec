// Stacks as the engine knows them (by the namespace label on services, so stacks deployed with the
// docker CLI are listed too), joined with what Wharf remembers of their revisions.
import 'server-only';
import type { Actor } from '@/lib/auth/actor.ts';
import { isAllowed } from '@/lib/auth/permissions.ts';
import { stackTarget } from '@/lib/models/access/containment.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager, type EngineApi, type SwarmService } from '../engine/index.ts';
import { toTaskView, type TaskView } from '../swarms/swarm-views.ts';
import { NAMESPACE_LABEL, namespaceFilter } from './stack-labels.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;

const statusOf = (s: SwarmService) => s.ServiceStatus ?? {};

export type StackSummary = {
  name: string;
  services: number;
  tasksRunning: number;
  tasksDesired: number;
  updatedAt: string | null;
  /** Deployed through Wharf (it has revisions) or by other means (the docker CLI). */
  deployedBy: 'wharf' | 'cli';
  lastRevision: { number: number; outcome: string; createdAt: string; createdByName: string } | null;
};

/** The swarm's stacks; with `actor`, only those its grants reach (all on the swarm, or the stacks granted). */
export async function listStacks(deps: Deps, swarmId: string, actor?: Actor): Promise<{ stacks: StackSummary[]; via: string }> {
  const { value: services, via } = await callManager(deps, swarmId, { write: false, doing: 'list stacks' }, (api) => api.listServices({ status: true }));
  const byStack = new Map<string, SwarmService[]>();
  for (const service of services) {
    const stack = service.Spec.Labels?.[NAMESPACE_LABEL];
    if (stack && (!actor || isAllowed(actor.grants, 'stack.view', stackTarget(swarmId, stack)))) byStack.set(stack, [...(byStack.get(stack) ?? []), service]);
  }
  const revisions = await deps.db.stackRevision.findMany({
    where: { swarmId },
    orderBy: { number: 'desc' },
    distinct: ['stackName'],
    select: { stackName: true, number: true, outcome: true, createdAt: true, createdByName: true },
  });
  const lastRevision = new Map(revisions.map((r) => [r.stackName, r]));
  const stacks = [...byStack.entries()].map(([name, list]) => {
    const revision = lastRevision.get(name);
    return {
      name,
      services: list.length,
      tasksRunning: list.reduce((n, s) => n + (statusOf(s).RunningTasks ?? 0), 0),
      tasksDesired: list.reduce((n, s) => n + (statusOf(s).DesiredTasks ?? 0), 0),
      updatedAt: list.map((s) => s.UpdatedAt ?? '').sort().at(-1) || null,
      deployedBy: revision ? ('wharf' as const) : ('cli' as const),
      lastRevision: revision ? { number: revision.number, outcome: revision.outcome, createdAt: revision.createdAt.toISOString(), createdByName: revision.createdByName } : null,
    };
  });
  return { stacks: stacks.sort((a, b) => a.name.localeCompare(b.name)), via: via.hostName };
}

export type StackService = { id: string; name: string; image: string; mode: string; replicas: number | null; tasksRunning: number; tasksDesired: number; ports: string[]; updatedAt: string | null };
export type StackDetail = {
  name: string;
  services: StackService[];
  tasks: TaskView[];
  networks: { id: string; name: string; driver: string }[];
  secrets: { id: string; name: string; createdAt: string | null }[];
  configs: { id: string; name: string; createdAt: string | null }[];
  revisions: { number: number; outcome: string; message: string | null; createdAt: string; createdByName: string; restoredFrom: number | null }[];
  composeText: string | null;
  via: string;
};

function toStackService(service: SwarmService): StackService {
  const spec = service.Spec as { Name: string; Mode?: { Replicated?: { Replicas?: number }; Global?: object }; TaskTemplate?: { ContainerSpec?: { Image?: string } } };
  const endpoint = (service as { Endpoint?: { Ports?: { PublishedPort?: number; TargetPort?: number; Protocol?: string; PublishMode?: string }[] } }).Endpoint;
  return {
    id: service.ID,
    name: spec.Name,
    image: (spec.TaskTemplate?.ContainerSpec?.Image ?? '').replace(/@sha256:[a-f0-9]+$/, ''),
    mode: spec.Mode?.Global ? 'global' : 'replicated',
    replicas: spec.Mode?.Replicated?.Replicas ?? null,
    tasksRunning: statusOf(service).RunningTasks ?? 0,
    tasksDesired: statusOf(service).DesiredTasks ?? 0,
    ports: (endpoint?.Ports ?? []).map((p) => `${p.PublishedPort ?? ''}:${p.TargetPort ?? ''}/${p.Protocol ?? 'tcp'}${p.PublishMode === 'host' ? ' (host)' : ''}`),
    updatedAt: service.UpdatedAt ?? null,
  };
}

async function readStackObjects(api: EngineApi, name: string) {
  const label = { label: [namespaceFilter(name)] };
  const [services, networks, secrets, configs, tasks] = await Promise.all([
    api.listServices({ status: true, filters: label }),
    api.listNetworks(label),
    api.listSecrets(label),
    api.listConfigs(label),
    api.listTasks({ ...label, 'desired-state': ['running', 'shutdown'] }),
  ]);
  return { services, networks, secrets, configs, tasks };
}

export async function readStack(deps: Deps, swarmId: string, name: string): Promise<StackDetail> {
  // The engine's lists and the stored history, read at the same time.
  const [{ value, via }, revisions] = await Promise.all([
    callManager(deps, swarmId, { write: false, doing: `read stack ${name}` }, (api) => readStackObjects(api, name)),
    deps.db.stackRevision.findMany({ where: { swarmId, stackName: name }, orderBy: { number: 'desc' }, take: 100 }),
  ]);
  const names = new Map(value.services.map((s) => [s.ID, s.Spec.Name]));
  const lastDeployed = revisions.find((r) => r.outcome === 'deployed');
  return {
    name,
    services: value.services.map(toStackService).sort((a, b) => a.name.localeCompare(b.name)),
    tasks: value.tasks.map((t) => toTaskView(t, names)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, 500),
    networks: value.networks.map((n) => ({ id: n.Id, name: n.Name, driver: n.Driver })),
    secrets: value.secrets.map((s) => ({ id: s.ID, name: s.Spec.Name, createdAt: s.CreatedAt ?? null })),
    configs: value.configs.map((c) => ({ id: c.ID, name: c.Spec.Name, createdAt: c.CreatedAt ?? null })),
    revisions: revisions.map((r) => ({ number: r.number, outcome: r.outcome, message: r.message, createdAt: r.createdAt.toISOString(), createdByName: r.createdByName, restoredFrom: r.restoredFrom })),
    composeText: lastDeployed?.composeText ?? null,
    via: via.hostName,
  };
}
