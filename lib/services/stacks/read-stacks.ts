// Stacks as the engine knows them (by the namespace label on services, so stacks deployed with the
// docker CLI are listed too), joined with what Wharf remembers of their revisions.
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { isAllowed } from '@/lib/auth/permissions.ts';
import { ownerOfLabels, stackTarget } from '@/lib/models/access/containment.ts';
import { isBaseline } from '@/lib/models/stacks/stack-drift.ts';
import { stackConvergence, type Convergence } from '@/lib/models/stacks/convergence.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager, type EngineApi, type SwarmService } from '../engine/index.ts';
import { toTaskView, type TaskView } from '../swarms/swarm-views.ts';
import { stackDriftView, type StackDriftView } from './stack-drift-view.ts';
import { NAMESPACE_LABEL, namespaceFilter } from './stack-labels.ts';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales.ts';
import { localizeText } from '@/lib/errors.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;

const countsOf = (s: SwarmService) => ({ name: s.Spec.Name, running: statusOf(s).RunningTasks ?? 0, desired: statusOf(s).DesiredTasks ?? 0, updatedAt: s.UpdatedAt ?? null });

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
  /** Whether its tasks run, apart from how the last deploy call went. */
  convergence: Convergence;
};

/** The swarm's stacks; with `actor`, only those its grants reach (all on the swarm, or the stacks granted). */
export async function listStacks(deps: Deps, swarmId: string, actor?: Actor): Promise<{ stacks: StackSummary[]; via: string }> {
  const { value, via } = await callManager(deps, swarmId, { write: false, doing: msg('engineText.doing.listStacks') }, async (api) => {
    const services = await api.listServices({ status: true });
    // Tasks only of the stacks' services that are short of tasks: their errors say why.
    const short = services.filter((s) => s.Spec.Labels?.[NAMESPACE_LABEL] && (statusOf(s).RunningTasks ?? 0) < (statusOf(s).DesiredTasks ?? 0));
    const tasks = short.length ? await api.listTasks({ service: short.map((s) => s.ID) }) : [];
    return { services, tasks };
  });
  const { services } = value;
  const tasks = value.tasks.map((t) => toTaskView(t, new Map(services.map((s) => [s.ID, s.Spec.Name]))));
  const byStack = new Map<string, SwarmService[]>();
  for (const service of services) {
    const stack = service.Spec.Labels?.[NAMESPACE_LABEL];
    if (stack && (!actor || isAllowed(actor.grants, 'stack.view', stackTarget(swarmId, stack, ownerOfLabels(service.Spec.Labels)), actor.id))) byStack.set(stack, [...(byStack.get(stack) ?? []), service]);
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
      convergence: stackConvergence(list.map(countsOf), tasks),
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
  convergence: Convergence;
  /** How the running services differ from the last deployed (or recorded) revision; null without one. */
  drift: StackDriftView | null;
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

/** `locale`: the language its revisions' stored messages are said in. */
export async function readStack(deps: Deps & Pick<ServiceDeps, 'keyring'>, swarmId: string, name: string, locale: Locale = DEFAULT_LOCALE): Promise<StackDetail> {
  // The engine's lists and the stored history, read at the same time.
  const [{ value, via }, revisions] = await Promise.all([
    callManager(deps, swarmId, { write: false, doing: msg('engineText.doing.readStack', { name }) }, (api) => readStackObjects(api, name)),
    deps.db.stackRevision.findMany({ where: { swarmId, stackName: name }, orderBy: { number: 'desc' }, take: 100 }),
  ]);
  const names = new Map(value.services.map((s) => [s.ID, s.Spec.Name]));
  const lastDeployed = revisions.find((r) => isBaseline(r.outcome));
  const tasks = value.tasks.map((t) => toTaskView(t, names));
  return {
    name,
    services: value.services.map(toStackService).sort((a, b) => a.name.localeCompare(b.name)),
    tasks: [...tasks].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, 500),
    networks: value.networks.map((n) => ({ id: n.Id, name: n.Name, driver: n.Driver })),
    secrets: value.secrets.map((s) => ({ id: s.ID, name: s.Spec.Name, createdAt: s.CreatedAt ?? null })),
    configs: value.configs.map((c) => ({ id: c.ID, name: c.Spec.Name, createdAt: c.CreatedAt ?? null })),
    revisions: revisions.map((r) => ({ number: r.number, outcome: r.outcome, message: r.message === null ? null : localizeText(r.message, locale), createdAt: r.createdAt.toISOString(), createdByName: r.createdByName, restoredFrom: r.restoredFrom })),
    composeText: lastDeployed?.composeText ?? null,
    convergence: stackConvergence(value.services.map(countsOf), tasks),
    drift: lastDeployed ? stackDriftView(deps.keyring, name, lastDeployed, value.services.map((s) => s.Spec)) : null,
    via: via.hostName,
  };
}
