// Start, stop, restart, kill, pause, unpause, rename and remove one container, each audited.
import type Dockerode from 'dockerode';
import { AppError } from '@/lib/errors.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';
import type { ContainerVerb } from '../../models/containers/container-views.ts';
import { call, hostEngine, type HostEngine } from '../engine/host-engine.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;
type Ref = { hostId: string; containerId: string };

/** Stop and restart wait up to the engine's grace period (10 s by default) before killing. */
const CHANGE_MS = 60_000;

const PAST: Record<ContainerVerb, string> = { start: 'started', stop: 'stopped', restart: 'restarted', kill: 'killed', pause: 'paused', unpause: 'unpaused' };

async function nameOf(engine: HostEngine, containerId: string): Promise<string> {
  const container = engine.docker.getContainer(containerId);
  const inspect = await engine.within((signal) => call<{ Name: string }>(container, container.inspect, { abortSignal: signal })).catch((error: unknown) => {
    throw engine.fail(error, `find container ${containerId.slice(0, 12)}`);
  });
  return inspect.Name.replace(/^\//, '');
}

const target = (engine: HostEngine, ref: Ref, name: string | null) => ({ type: 'container', id: `${ref.hostId}/${ref.containerId.slice(0, 12)}`, name: name ? `${name} on ${engine.hostName}` : `on ${engine.hostName}` });

export type ChangeResult = { name: string; message: string; changed: boolean };

export async function changeContainerState(deps: Deps, actor: Actor, input: Ref & { verb: ContainerVerb }): Promise<ChangeResult> {
  const engine = await hostEngine(deps, input.hostId);
  const name = await nameOf(engine, input.containerId);
  return audited(deps.db, subjectOf(actor), `container.${input.verb}`, target(engine, input, name), async () => {
    const container: Dockerode.Container = engine.docker.getContainer(input.containerId);
    const method = { start: container.start, stop: container.stop, restart: container.restart, kill: container.kill, pause: container.pause, unpause: container.unpause }[input.verb];
    try {
      await engine.within((signal) => call(container, method, { abortSignal: signal }), CHANGE_MS);
      return { name, changed: true, message: `Container ${name} on ${engine.hostName} ${PAST[input.verb]}.` };
    } catch (error) {
      // 304: already in that state.
      if ((error as { statusCode?: number }).statusCode === 304) return { name, changed: false, message: `Container ${name} on ${engine.hostName} was already ${PAST[input.verb]}.` };
      throw engine.fail(error, `${input.verb} container ${name}`);
    }
  });
}

export async function renameContainer(deps: Deps, actor: Actor, input: Ref & { name: string }): Promise<ChangeResult> {
  const engine = await hostEngine(deps, input.hostId);
  const before = await nameOf(engine, input.containerId);
  return audited(deps.db, subjectOf(actor), 'container.rename', target(engine, input, before), async () => {
    const container = engine.docker.getContainer(input.containerId);
    await engine.within((signal) => call(container, container.rename, { name: input.name, abortSignal: signal })).catch((error: unknown) => {
      if ((error as { statusCode?: number }).statusCode === 409) {
        throw new AppError('CONFLICT', `The name ${input.name} is already used by another container on ${engine.hostName}.`, { fieldErrors: { name: [`${input.name} is already taken on ${engine.hostName}.`] } });
      }
      throw engine.fail(error, `rename container ${before}`);
    });
    return { name: input.name, changed: true, message: `Container ${before} on ${engine.hostName} is now called ${input.name}.` };
  }, (r) => ({ name: `${before} → ${r.name} on ${engine.hostName}` }));
}

export async function removeContainer(deps: Deps, actor: Actor, input: Ref & { removeVolumes: boolean; force: boolean }): Promise<ChangeResult> {
  const engine = await hostEngine(deps, input.hostId);
  const name = await nameOf(engine, input.containerId);
  return audited(deps.db, subjectOf(actor), 'container.remove', target(engine, input, name), async () => {
    const container = engine.docker.getContainer(input.containerId);
    await engine.within((signal) => call(container, container.remove, { v: input.removeVolumes, force: input.force, abortSignal: signal }), CHANGE_MS).catch((error: unknown) => {
      if ((error as { statusCode?: number }).statusCode === 409) {
        throw new AppError('CONFLICT', `Container ${name} on ${engine.hostName} is running: stop it first, or remove it by force.`, { cause: error });
      }
      throw engine.fail(error, `remove container ${name}`);
    });
    return { name, changed: true, message: `Container ${name} removed from ${engine.hostName}${input.removeVolumes ? ' with its anonymous volumes' : ''}.` };
  });
}
