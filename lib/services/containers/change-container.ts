// Start, stop, restart, kill, pause, unpause, rename and remove one container, each audited.
// Starting, restarting and unpausing run the container's configuration again, so they are judged
// by the workload policy like a create.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg, type Message } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';
import type { ContainerVerb } from '../../models/containers/container-views.ts';
import { hostEngine, type HostEngine } from '../engine/index.ts';
import { guardExistingContainer } from '../policy/guard-workload.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;
type Ref = { hostId: string; containerId: string };

/** Stop and restart wait up to the engine's grace period (10 s by default) before killing. */
const CHANGE_MS = 60_000;


async function nameOf(engine: HostEngine, containerId: string): Promise<string> {
  const inspect = await engine.call(`find container ${containerId.slice(0, 12)}`, (api) => api.inspectContainer(containerId));
  return inspect.Name.replace(/^\//, '');
}

const target = (engine: HostEngine, ref: Ref, name: string | null) => ({ type: 'container', id: `${ref.hostId}/${ref.containerId.slice(0, 12)}`, name: name ? `${name} on ${engine.hostName}` : `on ${engine.hostName}` });

/** `said`: what happened, for the requester's language; `message`: the same in English (logs, tests). */
export type ChangeResult = { name: string; message: string; said: Message; changed: boolean };

const saying = (said: Message) => ({ said, message: renderMessage(said) });

/** The verbs that set a container running again: they run its configuration, as a create would. */
const RUNS: ReadonlySet<ContainerVerb> = new Set(['start', 'restart', 'unpause']);
const NEEDS: Partial<Record<ContainerVerb, string>> = { start: 'Starting it', restart: 'Restarting it', unpause: 'Unpausing it' };

export async function changeContainerState(deps: Deps, actor: Actor, input: Ref & { verb: ContainerVerb }): Promise<ChangeResult> {
  const engine = await hostEngine(deps, input.hostId);
  const inspect = await engine.call(`find container ${input.containerId.slice(0, 12)}`, (api) => api.inspectContainer(input.containerId));
  const name = inspect.Name.replace(/^\//, '');
  // Stopping is always allowed; running a container the actor could not have created is not.
  if (RUNS.has(input.verb)) await guardExistingContainer(deps.db, actor, engine, inspect, { action: `container.${input.verb}`, needs: NEEDS[input.verb] ?? 'Running it' });
  return audited(deps.db, subjectOf(actor), `container.${input.verb}`, target(engine, input, name), async () => {
    const changed = await engine.call(`${input.verb} container ${name}`, (api) => api.changeContainerState(input.containerId, input.verb), { ms: CHANGE_MS });
    return { name, changed, ...saying(msg(changed ? 'containers.done.state' : 'containers.done.stateAlready', { name, host: engine.hostName, verb: input.verb })) };
  });
}

export async function renameContainer(deps: Deps, actor: Actor, input: Ref & { name: string }): Promise<ChangeResult> {
  const engine = await hostEngine(deps, input.hostId);
  const before = await nameOf(engine, input.containerId);
  return audited(deps.db, subjectOf(actor), 'container.rename', target(engine, input, before), async () => {
    await engine.call(`rename container ${before}`, (api) => api.renameContainer(input.containerId, input.name)).catch((error: AppError) => {
      if (error.code !== 'CONFLICT') throw error;
      throw new AppError('CONFLICT', msg('containers.errors.nameUsed', { name: input.name, host: engine.hostName }), { fieldErrors: { name: [issueText('containers.errors.nameTaken', { name: input.name, host: engine.hostName })] } });
    });
    return { name: input.name, changed: true, ...saying(msg('containers.done.renamed', { before, host: engine.hostName, name: input.name })) };
  }, (r) => ({ name: `${before} → ${r.name} on ${engine.hostName}` }));
}

export async function removeContainer(deps: Deps, actor: Actor, input: Ref & { removeVolumes: boolean; force: boolean }): Promise<ChangeResult> {
  const engine = await hostEngine(deps, input.hostId);
  const name = await nameOf(engine, input.containerId);
  return audited(deps.db, subjectOf(actor), 'container.remove', target(engine, input, name), async () => {
    await engine.call(`remove container ${name}`, (api) => api.removeContainer(input.containerId, { force: input.force, volumes: input.removeVolumes }), { ms: CHANGE_MS }).catch((error: AppError) => {
      if (error.code !== 'CONFLICT') throw error;
      throw new AppError('CONFLICT', msg('containers.errors.running', { name, host: engine.hostName }), { cause: error.cause });
    });
    return { name, changed: true, ...saying(msg(input.removeVolumes ? 'containers.done.removedWithVolumes' : 'containers.done.removed', { name, host: engine.hostName })) };
  });
}
