// Where a container or a service sits, for the doors that authorize on it: the host, and for a
// swarm task its swarm and stack (read from the engine's labels), so a grant on a stack or a swarm
// reaches its services and task containers. Whatever cannot be read leaves the target on its host
// or swarm alone: locating only ever widens what grants on the host or swarm already allow, and an
// id that does not exist gets the same answer as one outside the actor's grants. The owner recorded
// in the labels is read too (lib/auth/ownership.ts): it only ever narrows.
import 'server-only';
import type { Actor } from '@/lib/auth/actor.ts';
import { isAllowed, type Permission, type Requirement, type Target } from '@/lib/auth/permissions.ts';
import { UNREAD_OWNER, type Owner } from '@/lib/auth/ownership.ts';
import { projectTarget, STACK_LABEL, stackTarget } from '@/lib/models/access/containment.ts';
import { ownerOfProjectRow } from '../compose-projects/project-owner.ts';
import { containerOwners } from './container-owners.ts';
import { ownerOfServices } from '../stacks/stack-owner.ts';
import { containerTarget, isSwarmTask, serviceTarget } from '@/lib/models/access/containment.ts';
import type { EngineFacts } from '@/lib/models/hosts/engine-facts.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager, hostEngine } from '../engine/index.ts';
import { msg } from '@/lib/i18n/message.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;

/** The swarm each registered host is in: managers say it in their facts; a worker only knows its
 * node id, which the managers' node lists tie to the swarm (read only when a worker is asked for). */
export async function swarmOfHosts(deps: Deps, hostIds?: readonly string[]): Promise<Map<string, string>> {
  const rows = await deps.db.host.findMany({ select: { id: true, facts: true } });
  const result = new Map<string, string>();
  const workers = new Map<string, string>(); // node id → host id
  const clusters = new Set<string>();
  for (const row of rows) {
    const swarm = (row.facts as EngineFacts | null)?.swarm;
    if (swarm?.state !== 'active') continue;
    if (swarm.clusterId) {
      clusters.add(swarm.clusterId);
      result.set(row.id, swarm.clusterId);
    } else if (swarm.nodeId && (!hostIds || hostIds.includes(row.id))) workers.set(swarm.nodeId, row.id);
  }
  if (workers.size === 0) return result;
  await Promise.all(
    [...clusters].map(async (swarmId) => {
      const nodes = await callManager(deps, swarmId, { write: false, doing: msg('engineText.doing.listNodes') }, (api) => api.listNodes()).catch(() => null);
      for (const node of nodes?.value ?? []) {
        const hostId = workers.get(node.ID);
        if (hostId) result.set(hostId, swarmId);
      }
    }),
  );
  return result;
}

async function swarmOfHost(deps: Deps, hostId: string): Promise<string | null> {
  return (await swarmOfHosts(deps, [hostId])).get(hostId) ?? null;
}

/** An object the engine says does not exist is answered as one owned by another team would be
 * (only grants on everything reach it), so a guessed id tells nothing; any other failure leaves
 * the target unowned, and the door's own call then says what went wrong. */
const unreadOwner = (error: unknown): { owner?: Owner } => ((error as { code?: unknown } | null)?.code === 'NOT_FOUND' ? { owner: UNREAD_OWNER } : {});

/** The target a container stands for: its host, and its swarm and stack when it is a swarm task. */
export async function locateContainer(deps: Deps, hostId: string, containerId: string): Promise<Target> {
  try {
    const engine = await hostEngine(deps, hostId);
    const info = await engine.call(msg('guardText.doing.readTheContainer'), (api) => api.inspectContainer(containerId));
    const labels = (info.Config as { Labels?: Record<string, string> | null } | undefined)?.Labels;
    // Owned as its labels, its Compose project's row or an administrator's move say (container-owners.ts).
    const owner = (await containerOwners(deps.db, [hostId], [info.Id]))(hostId, { id: info.Id, labels });
    return containerTarget(hostId, labels, isSwarmTask(labels) ? await swarmOfHost(deps, hostId) : null, owner);
  } catch (error) {
    return { type: 'host', id: hostId, ...unreadOwner(error) };
  }
}

/** The target a service stands for: its swarm, and its stack when it came from one. */
export async function locateService(deps: Deps, swarmId: string, serviceId: string): Promise<Target> {
  try {
    const service = await callManager(deps, swarmId, { write: false, doing: msg('guardText.doing.readTheService') }, (api) => api.inspectService(serviceId));
    return serviceTarget(swarmId, service.value.Spec.Labels);
  } catch (error) {
    return { type: 'swarm', id: swarmId, ...unreadOwner(error) };
  }
}

/** A door's requirement on a container: on its host when the actor's grants there suffice whoever
 * owns it (grants on everything: no engine read), else on the container as located (its swarm,
 * stack and owner). */
export async function onContainer(deps: Deps, actor: Actor | undefined, permission: Permission, ref: { hostId: string; containerId: string }): Promise<Requirement> {
  const plain: Target = { type: 'host', id: ref.hostId, owner: UNREAD_OWNER };
  if (!actor || isAllowed(actor.grants, permission, plain, actor.id)) return { permission, target: { type: 'host', id: ref.hostId } };
  return { permission, target: await locateContainer(deps, ref.hostId, ref.containerId) };
}

/** A door's requirements on a service, as onContainer for containers. */
export async function onService(deps: Deps, actor: Actor | undefined, permissions: readonly Permission[], ref: { swarmId: string; serviceId: string }): Promise<Requirement[]> {
  const plain: Target = { type: 'swarm', id: ref.swarmId, owner: UNREAD_OWNER };
  if (!actor || permissions.every((p) => isAllowed(actor.grants, p, plain, actor.id))) return permissions.map((permission) => ({ permission, target: { type: 'swarm', id: ref.swarmId } }));
  const target = await locateService(deps, ref.swarmId, ref.serviceId);
  return permissions.map((permission) => ({ permission, target }));
}

/** The target a stack stands for: on its swarm, with the owner its services record. */
export async function locateStack(deps: Deps, swarmId: string, stackName: string): Promise<Target> {
  try {
    const { value } = await callManager(deps, swarmId, { write: false, doing: msg('engineText.doing.listStacks') }, (api) => api.listServices({ filters: { label: [`${STACK_LABEL}=${stackName}`] } }));
    return stackTarget(swarmId, stackName, ownerOfServices(value));
  } catch {
    return stackTarget(swarmId, stackName);
  }
}

/** A door's requirement on a stack, as onContainer for containers (its owner read when it matters). */
export async function onStack(deps: Deps, actor: Actor | undefined, permission: Permission, ref: { swarmId: string; stackName: string }): Promise<Requirement> {
  if (!actor || isAllowed(actor.grants, permission, stackTarget(ref.swarmId, ref.stackName, UNREAD_OWNER), actor.id)) return { permission, target: stackTarget(ref.swarmId, ref.stackName) };
  return { permission, target: await locateStack(deps, ref.swarmId, ref.stackName) };
}

/** A door's requirement on a Compose project (its containers are its host's): on the host when the
 * actor's grants there suffice whoever owns it, else on the project with the owner its row records. */
export async function onProject(deps: Pick<ServiceDeps, 'db'>, actor: Actor | undefined, permission: Permission, ref: { hostId: string; name: string }): Promise<Requirement> {
  if (!actor || isAllowed(actor.grants, permission, { type: 'host', id: ref.hostId, owner: UNREAD_OWNER }, actor.id)) return { permission, target: { type: 'host', id: ref.hostId } };
  const row = await deps.db.composeProject.findUnique({ where: { hostId_name: { hostId: ref.hostId, name: ref.name } }, select: { ownerTeamId: true, ownerCreatorId: true, ownerEveryone: true } });
  return { permission, target: projectTarget(ref.hostId, ref.name, row ? ownerOfProjectRow(row) : undefined) };
}
