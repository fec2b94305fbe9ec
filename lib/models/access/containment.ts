// What contains a container or a service, read from the labels the engine puts on them: a task
// container is in its service's swarm (and stack, when the service came from one); a standalone
// container is on its host alone. Pure.
import type { Target } from '@/lib/auth/permissions.ts';

export const STACK_LABEL = 'com.docker.stack.namespace';
export const TASK_SERVICE_LABEL = 'com.docker.swarm.service.id';

type Labels = Record<string, string> | null | undefined;

/** Whether a container is a swarm task (it carries its service's id). */
export const isSwarmTask = (labels: Labels): boolean => Boolean(labels?.[TASK_SERVICE_LABEL]);

/** The target a container on `hostId` stands for. `swarmId` is the swarm its host is in (null when
 * unknown); it is used only for task containers, so a standalone container stays on its host alone. */
export function containerTarget(hostId: string, labels: Labels, swarmId: string | null): Target {
  if (!swarmId || !isSwarmTask(labels)) return { type: 'host', id: hostId };
  const stack = labels?.[STACK_LABEL];
  return { type: 'host', id: hostId, in: stack ? { swarmId, stack } : { swarmId } };
}

/** The target a service (or anything labelled with a stack, on a swarm) stands for. */
export function serviceTarget(swarmId: string, labels: Labels): Target {
  const stack = labels?.[STACK_LABEL];
  return stack ? { type: 'swarm', id: swarmId, stack } : { type: 'swarm', id: swarmId };
}

/** A stack on a swarm. */
export const stackTarget = (swarmId: string, stackName: string): Target => ({ type: 'swarm', id: swarmId, stack: stackName });
