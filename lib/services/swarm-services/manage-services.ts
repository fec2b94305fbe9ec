// Swarm services through a manager: the list and detail (environment values masked, revealed on
// their own and audited), and every change — create from the form, scale, new image (a rolling
// update), rollback, force redeploy, remove. Changes are audited and judged by the workload policy first.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { isAllowed } from '@/lib/auth/permissions.ts';
import { serviceTarget, withOwnerLabels } from '@/lib/models/access/containment.ts';
import { ownerOfChoice, type Owner } from '@/lib/auth/ownership.ts';
import { ownerForCreate, teamToMoveTo } from '../access/owner-for-create.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager, type SwarmService } from '../engine/index.ts';
import { credentialsForImage } from '../registries/registry-auth.ts';
import { pinImageDigest, type ImagePin } from '../registries/pin-image-digest.ts';
import { hostsByNodeId } from '../swarms/swarm-members.ts';
import { toTaskView, type TaskView } from '../swarms/swarm-views.ts';
import { guardServiceSpec, serviceFormField } from './guard-spec.ts';
import { serviceConvergence } from '@/lib/models/stacks/convergence.ts';
import { toServiceSpec, type ServiceForm } from './service-form.ts';
import { maskServiceSpec, serviceEnv, toServiceRow, type ServiceRow } from './service-views.ts';
import type { EnvEntry } from '../../models/containers/container-views.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>;
type Spec = Record<string, unknown> & { Name: string; TaskTemplate: Record<string, unknown> & { ForceUpdate?: number; ContainerSpec: Record<string, unknown> & { Image?: string } }; Mode?: { Replicated?: { Replicas?: number }; Global?: object } };

/** The swarm's services; with `actor`, only those its grants reach (the swarm's, or a stack's
 * services), and `manageable`: the ids of those the actor may change (service.manage on each one's
 * own target, owner included), so a page shows a stack's member the buttons for its services. */
export async function listSwarmServices(deps: Deps, swarmId: string, actor?: Actor): Promise<{ services: ServiceRow[]; via: string; manageable: string[] }> {
  const { value, via } = await callManager(deps, swarmId, { write: false, doing: msg('engineText.doing.listServices') }, async (api) => {
    const services = await api.listServices({ status: true });
    // Task lists only for services being updated (their progress needs them) and services short
    // of running tasks (their errors say why).
    const short = (s: SwarmService) => (s.ServiceStatus?.RunningTasks ?? 0) < (s.ServiceStatus?.DesiredTasks ?? 0);
    const wanted = services.filter((s) => s.UpdateStatus?.State === 'updating' || short(s));
    const tasks = wanted.length ? await api.listTasks({ service: wanted.map((s) => s.ID) }) : [];
    return { services, tasks };
  });
  const names = new Map(value.services.map((s) => [s.ID, s.Spec.Name]));
  const tasks = value.tasks.map((t) => toTaskView(t, names));
  const visible = actor ? value.services.filter((s) => isAllowed(actor.grants, 'service.view', serviceTarget(swarmId, s.Spec.Labels), actor.id)) : value.services;
  const manageable = actor ? visible.filter((s) => isAllowed(actor.grants, 'service.manage', serviceTarget(swarmId, s.Spec.Labels), actor.id)) : visible;
  return { services: visible.map((s) => toServiceRow(s, tasks)).sort((a, b) => a.name.localeCompare(b.name)), via: via.hostName, manageable: manageable.map((s) => s.ID) };
}

/** `spec` and `env` carry environment names only: values are revealed on their own, audited (revealServiceEnv). */
/** A task's `hostId` is its node's registered host, if any, and `containerId` its container there (links to the container's page). */
export type ServiceTask = TaskView & { hostname: string | null; hostId: string | null; containerId: string | null };
export type ServiceDetail = { service: ServiceRow; spec: unknown; env: EnvEntry[]; hasPreviousSpec: boolean; tasks: ServiceTask[]; via: string };

export async function readService(deps: Deps, swarmId: string, serviceId: string): Promise<ServiceDetail> {
  const { value, via } = await callManager(deps, swarmId, { write: false, doing: msg('engineText.doing.readService', { name: serviceId }) }, async (api) => {
    const [service, tasks, nodes] = await Promise.all([api.inspectService(serviceId), api.listTasks({ service: [serviceId] }), api.listNodes()]);
    return { service, tasks, nodes };
  });
  const hostnames = new Map(value.nodes.map((n) => [n.ID, n.Description?.Hostname ?? null]));
  const hosts = await hostsByNodeId(deps.db);
  const containers = new Map(value.tasks.map((t) => [t.ID, (t.Status as { ContainerStatus?: { ContainerID?: string } } | undefined)?.ContainerStatus?.ContainerID ?? null]));
  const names = new Map([[value.service.ID, value.service.Spec.Name]]);
  const tasks = value.tasks
    .map((t) => toTaskView(t, names))
    .map((t) => ({ ...t, hostname: t.nodeId ? hostnames.get(t.nodeId) ?? null : null, hostId: t.nodeId ? hosts.get(t.nodeId)?.id ?? null : null, containerId: containers.get(t.id) || null }))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  // Inspecting a service returns no ServiceStatus (only the list does): count from its tasks.
  const current = tasks.filter((t) => t.desiredState === 'running');
  const row = toServiceRow(value.service, tasks);
  const running = current.filter((t) => t.state === 'running').length;
  const desired = row.replicas ?? current.length;
  const service = { ...row, running, desired, convergence: serviceConvergence({ name: row.name, running, desired, updatedAt: row.updatedAt }, tasks) };
  return { service, spec: maskServiceSpec(value.service.Spec), env: serviceEnv(value.service.Spec, false), hasPreviousSpec: Boolean(value.service.PreviousSpec), tasks, via: via.hostName };
}

/** The service's environment with its values. The caller has checked service.env; every reveal is audited. */
export async function revealServiceEnv(deps: Deps, actor: Actor, input: { swarmId: string; serviceId: string }): Promise<EnvEntry[]> {
  return audited(deps.db, subjectOf(actor), 'service.env.reveal', { type: 'service', id: input.serviceId }, async () => {
    const { value } = await callManager(deps, input.swarmId, { write: false, doing: msg('engineText.doing.readService', { name: input.serviceId }) }, (api) => api.inspectService(input.serviceId));
    return { name: value.Spec.Name, env: serviceEnv(value.Spec, true) };
  }, (r) => ({ name: r.name })).then((r) => r.env);
}

/**
 * Creates a service on its image pinned to the digest the registry has now for the tag (as
 * `docker service create` does; see pin-image-digest.ts), owned by the team it is made for. The
 * answer says the pin, or why there is none.
 */
export async function createSwarmService(deps: Deps, actor: Actor, swarmId: string, given: ServiceForm & { teamId?: string | null }): Promise<{ id: string; pin: ImagePin }> {
  const owner = await ownerForCreate(deps, actor, given.teamId);
  return audited(deps.db, subjectOf(actor), 'service.create', { type: 'service', name: given.name }, async () => {
    const pin = await pinImageDigest(deps, actor, given.image);
    const form = { ...given, image: pin.image };
    const { value } = await callManager(deps, swarmId, { write: true, doing: msg('engineText.doing.createService', { name: form.name }) }, async (api, manager) => {
      const [secrets, configs, networks, services] = await Promise.all([api.listSecrets(), api.listConfigs(), api.listNetworks(), api.listServices({ status: true })]);
      if (services.some((s) => s.Spec.Name === form.name)) throw new AppError('CONFLICT', msg('services.errors.nameExists', { name: form.name }), { fieldErrors: { name: [issueText('services.errors.nameTaken')] } });
      const spec = withOwner(toServiceSpec(form, {
        secrets: new Map(secrets.map((s) => [s.Spec.Name, s.ID])),
        configs: new Map(configs.map((c) => [c.Spec.Name, c.ID])),
        networks: new Map(networks.map((n) => [n.Name, n.Id])),
      }), owner);
      // The policy first, on what was sent: a network named by an id is refused (and audited) as
      // the network it is, not as a name the list lacks.
      await guardServiceSpec(deps, actor, api, { swarmId, action: 'service.create', spec, name: form.name, fieldOf: serviceFormField });
      const missing = missingObjects(form, { secrets, configs, networks });
      if (missing.length) throw new AppError('INVALID_INPUT', msg('services.errors.missing', { names: missing.join(', ') }));
      const credentials = await credentialsForImage(deps, actor, form.image);
      return { id: await manager.step(msg('engineText.doing.createService', { name: form.name }), api.createService(spec, credentials?.auth)) };
    });
    return { id: value.id, pin };
  }, (r) => ({ id: r.id, image: r.pin.image }));
}

/** The secrets, configs and networks a form names that the swarm lacks ("secret x", "network y"). */
export function missingObjects(form: Pick<ServiceForm, 'secrets' | 'configs' | 'networks'>, has: { secrets: { Spec: { Name: string } }[]; configs: { Spec: { Name: string } }[]; networks: { Name: string }[] }): string[] {
  return [
    ...form.secrets.filter((s) => !has.secrets.some((x) => x.Spec.Name === s.name)).map((s) => `secret ${s.name}`),
    ...form.configs.filter((c) => !has.configs.some((x) => x.Spec.Name === c.name)).map((c) => `config ${c.name}`),
    ...form.networks.filter((n) => !has.networks.some((x) => x.Name === n)).map((n) => `network ${n}`),
  ];
}

/** A service spec with `owner`'s labels on the service and on its tasks' containers (a task
 * container's target reads its own labels), any other owner label gone. */
export function withOwner<T extends Record<string, unknown>>(spec: T, owner: Owner | null): T {
  const task = (spec.TaskTemplate ?? {}) as Record<string, unknown>;
  const container = (task.ContainerSpec ?? {}) as Record<string, unknown>;
  // Labels are written only where there are some (a spec without them stays as the CLI would send it).
  const labelled = (labels: unknown) => {
    const next = withOwnerLabels(labels as Record<string, string> | undefined, owner);
    return labels === undefined && Object.keys(next).length === 0 ? {} : { Labels: next };
  };
  return { ...spec, ...labelled(spec.Labels), TaskTemplate: { ...task, ContainerSpec: { ...container, ...labelled(container.Labels) } } };
}

/** Moves a service to another team (or none), or makes it visible to all: its labels, and its
 * tasks' containers' (the swarm replaces the tasks, one at a time as in an update). Administrators. */
export async function moveService(deps: Deps, actor: Actor, input: { swarmId: string; serviceId: string; owner: { teamId: string | null; everyone: boolean } }) {
  await teamToMoveTo(deps, input.owner.teamId);
  return changeService(deps, actor, input.swarmId, input.serviceId, 'service.move', (spec) => withOwner(spec, ownerOfChoice(input.owner)));
}

/** Reads the service, lets `change` produce the next spec, judges it and applies it. */
async function changeService(
  deps: Deps,
  actor: Actor,
  swarmId: string,
  serviceId: string,
  action: string,
  change: (spec: Spec, service: SwarmService) => Spec,
  options: { rollback?: boolean } = {},
): Promise<{ warnings: string[] }> {
  return audited(deps.db, subjectOf(actor), action, { type: 'service', id: serviceId }, async () => {
    const { value } = await callManager(deps, swarmId, { write: true, doing: msg('engineText.doing.changeService', { name: serviceId }) }, async (api, manager) => {
      const service = await manager.step(msg('engineText.doing.readService', { name: serviceId }), api.inspectService(serviceId));
      const current = service.Spec as Spec;
      const next = change(structuredClone(current), service);
      await guardServiceSpec(deps, actor, api, { swarmId, action, spec: next, name: current.Name });
      const warnings = options.rollback
        ? await manager.step(msg('guardText.doing.rollBackService', { name: current.Name }), api.rollbackService(serviceId, service.Version.Index, current))
        : await manager.step(msg('guardText.doing.updateService', { name: current.Name }), api.updateService(serviceId, service.Version.Index, next, (await credentialsForImage(deps, actor, next.TaskTemplate.ContainerSpec.Image ?? ''))?.auth));
      return { warnings, name: current.Name };
    });
    return value;
  }, (r) => ({ name: r.name })).then(({ warnings }) => ({ warnings }));
}

export function scaleService(deps: Deps, actor: Actor, input: { swarmId: string; serviceId: string; replicas: number }) {
  return changeService(deps, actor, input.swarmId, input.serviceId, 'service.scale', (spec) => {
    if (!spec.Mode?.Replicated) throw new AppError('PRECONDITION', msg('services.errors.global', { service: spec.Name }));
    return { ...spec, Mode: { Replicated: { Replicas: input.replicas } } };
  });
}

export function updateServiceImage(deps: Deps, actor: Actor, input: { swarmId: string; serviceId: string; image: string }) {
  return changeService(deps, actor, input.swarmId, input.serviceId, 'service.update-image', (spec) => ({
    ...spec,
    TaskTemplate: { ...spec.TaskTemplate, ContainerSpec: { ...spec.TaskTemplate.ContainerSpec, Image: input.image } },
  }));
}

export function rollbackService(deps: Deps, actor: Actor, input: { swarmId: string; serviceId: string }) {
  return changeService(deps, actor, input.swarmId, input.serviceId, 'service.rollback', (spec, service) => {
    const previous = service.PreviousSpec as Spec | undefined;
    if (!previous) throw new AppError('PRECONDITION', msg('services.errors.noPrevious', { service: spec.Name }));
    return previous;
  }, { rollback: true });
}

export function forceRedeploy(deps: Deps, actor: Actor, input: { swarmId: string; serviceId: string }) {
  return changeService(deps, actor, input.swarmId, input.serviceId, 'service.force-update', (spec) => ({
    ...spec,
    TaskTemplate: { ...spec.TaskTemplate, ForceUpdate: (spec.TaskTemplate.ForceUpdate ?? 0) + 1 },
  }));
}

export async function removeSwarmService(deps: Deps, actor: Actor, input: { swarmId: string; serviceId: string; confirmName: string }): Promise<void> {
  await audited(deps.db, subjectOf(actor), 'service.remove', { type: 'service', id: input.serviceId }, async () => {
    const { value } = await callManager(deps, input.swarmId, { write: true, doing: msg('engineText.doing.removeService', { name: input.serviceId }) }, async (api, manager) => {
      const service = await api.inspectService(input.serviceId);
      if (input.confirmName.trim() !== service.Spec.Name) {
        throw new AppError('INVALID_INPUT', msg('services.errors.confirmName', { service: service.Spec.Name }), { fieldErrors: { confirmName: [issueText('services.errors.nameMismatch')] } });
      }
      await manager.step(msg('engineText.doing.removeService', { name: service.Spec.Name }), api.removeService(input.serviceId));
      return service.Spec.Name;
    });
    return value;
  }, (name) => ({ name }));
}
