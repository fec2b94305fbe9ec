// A container that is a swarm service's task belongs to the swarm: stopping, killing, restarting
// or pausing it by hand is undone or misread by the swarm, so the console confirms first and says
// what the swarm will do. Pure.
import type { ContainerVerb } from './container-views.ts';

const CONSEQUENCE: Partial<Record<ContainerVerb, string>> = {
  stop: 'The swarm sees its task end and starts a replacement container, possibly on another node; this one stays stopped.',
  kill: 'The swarm sees its task end and starts a replacement container, possibly on another node; this one stays stopped.',
  restart: 'The swarm sees its task end and may start a replacement container instead of this one.',
  pause: 'The swarm still counts a paused task as running, so nothing replaces it while it serves nothing.',
};

/** Null when the action needs no confirmation (not a task, or a harmless verb); else what to ask and say. */
export function taskActionWarning(verb: ContainerVerb, container: { name: string; service: string | null }): { title: string; consequence: string } | null {
  const consequence = CONSEQUENCE[verb];
  if (!container.service || !consequence) return null;
  const label = verb.charAt(0).toUpperCase() + verb.slice(1);
  return { title: `${label} ${container.name}?`, consequence: `${container.name} is a task of the service ${container.service}. ${consequence}` };
}
