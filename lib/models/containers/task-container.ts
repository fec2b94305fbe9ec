// A container that is a swarm service's task belongs to the swarm: stopping, killing, restarting
// or pausing it by hand is undone or misread by the swarm, so the console confirms first and says
// what the swarm will do. Pure.
import type { ContainerVerb } from './container-views.ts';

/** What the swarm does after the verb: replaces the task, may replace it, or keeps counting it as running. */
export type TaskConsequence = 'replaced' | 'mayReplace' | 'pausedCounts';

const CONSEQUENCE: Partial<Record<ContainerVerb, TaskConsequence>> = { stop: 'replaced', kill: 'replaced', restart: 'mayReplace', pause: 'pausedCounts' };

/** Null when the action needs no confirmation (not a task, or a harmless verb); else what the swarm will do (the page says it in words). */
export function taskActionWarning(verb: ContainerVerb, container: { name: string; service: string | null }): TaskConsequence | null {
  const consequence = CONSEQUENCE[verb];
  if (!container.service || !consequence) return null;
  return consequence;
}
