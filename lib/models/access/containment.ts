// What contains a container or a service, read from the labels the engine puts on them: a task
// container is in its service's swarm (and stack, when the service came from one); a standalone
// container is on its host alone. And who owns it: the team it was made for, its creator, and
// whether an administrator made it visible to all (lib/auth/ownership.ts). Pure.
import type { Target } from '@/lib/auth/permissions.ts';
import type { Owner } from '@/lib/auth/ownership.ts';

export const STACK_LABEL = 'com.docker.stack.namespace';
/** The Compose project a container belongs to (Compose v1 and v2 write it alike). */
export const PROJECT_LABEL = 'com.docker.compose.project';
export const TASK_SERVICE_LABEL = 'com.docker.swarm.service.id';

type Labels = Record<string, string> | null | undefined;

/** The labels Wharf writes on what it creates: the owning team's id, the creator's user id, and
 * "true" when visible to all. Nobody supplies them: forms, the API and compose files are refused
 * when they carry one (`ownerLabelKeys`), and Wharf writes its own over them. */
export const OWNER_TEAM_LABEL = 'wharf.owner.team';
export const OWNER_CREATOR_LABEL = 'wharf.owner.creator';
export const OWNER_EVERYONE_LABEL = 'wharf.owner.everyone';
const OWNER_PREFIX = 'wharf.owner.';

/** The owner the labels record; undefined when they record none. */
export function ownerOfLabels(labels: Labels): Owner | undefined {
  const team = labels?.[OWNER_TEAM_LABEL];
  if (!team) return undefined;
  const creator = labels?.[OWNER_CREATOR_LABEL];
  return { team, ...(creator ? { creator } : {}), ...(labels?.[OWNER_EVERYONE_LABEL] === 'true' ? { everyone: true } : {}) };
}

/** The labels that record `owner` (none for no owner). */
export function labelsOfOwner(owner: Owner | null | undefined): Record<string, string> {
  if (!owner?.team) return {};
  return { [OWNER_TEAM_LABEL]: owner.team, ...(owner.creator ? { [OWNER_CREATOR_LABEL]: owner.creator } : {}), ...(owner.everyone ? { [OWNER_EVERYONE_LABEL]: 'true' } : {}) };
}

/** The keys among `labels` that only Wharf may write (what a request is refused for carrying). */
export const ownerLabelKeys = (labels: Labels): string[] => Object.keys(labels ?? {}).filter((key) => key.toLowerCase().startsWith(OWNER_PREFIX));

/** `labels` with any owner label removed and `owner`'s written: what Wharf sends to the engine. */
export function withOwnerLabels(labels: Labels, owner: Owner | null | undefined): Record<string, string> {
  const kept = Object.fromEntries(Object.entries(labels ?? {}).filter(([key]) => !key.toLowerCase().startsWith(OWNER_PREFIX)));
  return { ...kept, ...labelsOfOwner(owner) };
}

const withOwner = <T extends Target>(target: T, owner: Owner | undefined): T => (owner ? { ...target, owner } : target);

/** Whether a container is a swarm task (it carries its service's id). */
export const isSwarmTask = (labels: Labels): boolean => Boolean(labels?.[TASK_SERVICE_LABEL]);

/** The target a container on `hostId` stands for. `swarmId` is the swarm its host is in (null when
 * unknown); it is used only for task containers, so a standalone container stays on its host alone. */
export function containerTarget(hostId: string, labels: Labels, swarmId: string | null, given?: Owner | null): Target {
  // `given`: the owner as read elsewhere (null: none, whatever the labels say); absent: the labels'.
  const owner = given === undefined ? ownerOfLabels(labels) : (given ?? undefined);
  if (!swarmId || !isSwarmTask(labels)) {
    const project = labels?.[PROJECT_LABEL];
    return withOwner(project ? { type: 'host', id: hostId, project } : { type: 'host', id: hostId }, owner);
  }
  const stack = labels?.[STACK_LABEL];
  return withOwner({ type: 'host', id: hostId, in: stack ? { swarmId, stack } : { swarmId } }, owner);
}

/** The target a service (or anything labelled with a stack, on a swarm) stands for. */
export function serviceTarget(swarmId: string, labels: Labels): Target {
  const stack = labels?.[STACK_LABEL];
  return withOwner(stack ? { type: 'swarm', id: swarmId, stack } : { type: 'swarm', id: swarmId }, ownerOfLabels(labels));
}

/** A Compose project on a host; `owner` when known (its row says it). */
export const projectTarget = (hostId: string, name: string, owner?: Owner): Target => withOwner({ type: 'host', id: hostId, project: name }, owner);

/** A stack on a swarm; `owner` when known (its services' labels say it). */
export const stackTarget = (swarmId: string, stackName: string, owner?: Owner): Target => withOwner({ type: 'swarm', id: swarmId, stack: stackName }, owner);
