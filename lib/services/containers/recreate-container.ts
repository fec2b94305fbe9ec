// Recreating a standalone container, on the newer image its registry has for its tag (recreateContainer)
// or from its own configuration as it is, its image pulled first when asked (recreateAsIs): the image
// is pulled as a queued pull (pullAndWait: the job queue, the registry's credentials when the user
// may pull there) and waited for, then the old container is stopped and set aside under another
// name, a new one is created with the same configuration
// (lib/models/containers/recreate-spec.ts) and started, and only once it runs is the old one
// removed. A failure on the way removes the new one and puts the old one back as it was (its
// name, and running if it ran). A swarm task is refused: its service is what gets updated.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { containerRunning, pinnedImage } from '@/lib/models/registries/image-updates.ts';
import { recreateSpec, setAsideName, type InspectForRecreate } from '@/lib/models/containers/recreate-spec.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine, type EngineApi, type HostEngine } from '../engine/index.ts';
import { guardExistingContainer } from '../policy/guard-workload.ts';
import { checkRunning } from '../registries/check-image-updates.ts';
import { pullAndWait } from './pull-image.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring' | 'pulls'>;

const STEP_MS = 60_000;
const SERVICE_ID_LABEL = 'com.docker.swarm.service.id';
const SERVICE_NAME_LABEL = 'com.docker.swarm.service.name';

export type RecreateResult = { name: string; containerId: string; digest: string; said: Message; message: string };

type Step = 'stop' | 'rename' | 'create' | 'start' | 'remove';

const detailOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** What an error says to its reader: its message (in the reader's language when it has one), else its text. */
const saidOf = (error: unknown): Message | string => (error instanceof AppError && error.said ? error.said : detailOf(error));

type Prepared = { engine: HostEngine; inspect: Awaited<ReturnType<EngineApi['inspectContainer']>>; spec: ReturnType<typeof recreateSpec>; target: { type: string; id: string; name: string } };

/** The container read, its configuration taken for a new one, a swarm task refused, and the workload policy asked. */
async function prepare(deps: Deps, actor: Actor, input: { hostId: string; containerId: string }): Promise<Prepared> {
  const engine = await hostEngine(deps, input.hostId);
  const inspect = await engine.call(msg('engineText.doing.findContainer', { name: input.containerId.slice(0, 12) }), (api) => api.inspectContainer(input.containerId));
  const spec = recreateSpec(inspect as InspectForRecreate);
  const { name } = spec;
  const labels = (inspect.Config?.Labels ?? {}) as Record<string, string>;
  if (labels[SERVICE_ID_LABEL]) throw new AppError('PRECONDITION', msg('imageUpdates.errors.isTask', { name, service: labels[SERVICE_NAME_LABEL] ?? labels[SERVICE_ID_LABEL] }));
  await guardExistingContainer(deps.db, actor, engine, inspect, { action: 'container.recreate', needs: msg('policyText.refusals.needs.run') });
  return { engine, inspect, spec, target: { type: 'container', id: `${input.hostId}/${input.containerId.slice(0, 12)}`, name: `${name} on ${engine.hostName}` } };
}

/**
 * Pulls `ref` through the job queue (a queued pull with the registry's credentials when the user may
 * pull there, run by any replica) and waits for it to end; a failure says which image and why.
 */
async function pullFirst(deps: Deps, actor: Actor, engine: HostEngine, hostId: string, ref: string, name: string): Promise<void> {
  try {
    await pullAndWait(deps, actor, { hostId, image: ref });
  } catch (error) {
    throw new AppError('ENGINE_ERROR', msg('imageUpdates.errors.pullFailed', { image: ref, host: engine.hostName, name, detail: saidOf(error) }));
  }
}

/**
 * The old container stopped and set aside, a new one made from `spec` and started (when the old one
 * ran), then the old one removed; a failure on the way puts the old one back. Returns the new id.
 */
async function replaceContainer(engine: HostEngine, inspect: Prepared['inspect'], spec: Prepared['spec']): Promise<string> {
  const { name } = spec;
  const wasRunning = Boolean(inspect.State?.Running);
  const aside = setAsideName(name, Date.now().toString(36));
  const done: Step[] = [];
  let created: string | null = null;
  const step = async <T>(which: Step, work: (api: EngineApi) => Promise<T>): Promise<T> => {
    const value = await engine.call(msg(`imageUpdates.steps.${which}`), work, { ms: STEP_MS });
    done.push(which);
    return value;
  };
  try {
    if (wasRunning) await step('stop', (api) => api.changeContainerState(inspect.Id, 'stop'));
    await step('rename', (api) => api.renameContainer(inspect.Id, aside));
    created = await step('create', (api) => api.createContainer(spec.body, name));
    for (const join of spec.joins) await engine.call(msg('engineText.doing.joinNetwork', { name, network: join.network }), (a) => a.connectNetwork(join.network, created!, join.aliases));
    if (wasRunning) {
      await step('start', (api) => api.changeContainerState(created!, 'start'));
      const fresh = await engine.call(msg('engineText.doing.readNewContainer'), (a) => a.inspectContainer(created!));
      if (!fresh.State?.Running) throw new Error(`the new container stopped at once (exit code ${fresh.State?.ExitCode ?? '?'})`);
    }
  } catch (error) {
    const failedAt: Step = (['stop', 'rename', 'create', 'start'] as const).find((s) => !done.includes(s) && (s !== 'stop' || wasRunning)) ?? 'start';
    await putBack(engine, { id: inspect.Id, name, aside, wasRunning, created, renamed: done.includes('rename') }).catch((restore: unknown) => {
      throw new AppError('ENGINE_ERROR', msg('imageUpdates.errors.restoreFailed', { name, host: engine.hostName, step: msg(`imageUpdates.steps.${failedAt}`), detail: detailOf(error), restore: detailOf(restore), old: done.includes('rename') ? aside : name }));
    });
    throw new AppError('ENGINE_ERROR', msg('imageUpdates.errors.recreateFailed', { name, host: engine.hostName, step: msg(`imageUpdates.steps.${failedAt}`), detail: detailOf(error) }));
  }
  await step('remove', (api) => api.removeContainer(inspect.Id, { force: true, volumes: false }));
  return created!;
}

/** Onto the newer image the registry has for the container's tag; refused when there is none. */
export async function recreateContainer(deps: Deps, actor: Actor, input: { hostId: string; containerId: string }): Promise<RecreateResult> {
  const { engine, inspect, spec, target } = await prepare(deps, actor, input);
  const { name } = spec;
  const images = await engine.call(msg('engineText.doing.readContainer', { name }), (api) => api.listImages());
  const running = containerRunning(spec.image, images.find((i) => i.Id === inspect.Image)?.RepoDigests ?? []);
  const check = await checkRunning(deps, actor, spec.image, running, { fresh: true });
  if (check.state === 'current') throw new AppError('CONFLICT', msg('imageUpdates.errors.noUpdate', { name, image: spec.image }));
  if (check.state !== 'available' || 'reason' in running) throw new AppError('PRECONDITION', msg('imageUpdates.errors.cannotCheck', { name, reason: check.state === 'unknown' ? check.reason : '' }));

  return audited(deps.db, subjectOf(actor), 'container.recreate', target, async () => {
    // The tag is pulled (not the digest): the new container keeps naming its tag, as before.
    await pullFirst(deps, actor, engine, input.hostId, pinnedImage(running.ref, check.latest).replace(/@sha256:[a-f0-9]{64}$/, ''), name);
    const containerId = await replaceContainer(engine, inspect, spec);
    const said = msg('imageUpdates.done.recreated', { name, host: engine.hostName, digest: check.latest.slice(0, 19) });
    return { name, containerId, digest: check.latest, said, message: renderMessage(said) };
  }, (r) => ({ name: `${name} on ${engine.hostName} → ${r.digest}` }));
}

export type RecreateAsIsResult = { name: string; containerId: string; said: Message; message: string };

/**
 * The container made again from its own configuration (what `docker compose up --force-recreate`
 * does for one container): its image pulled first when asked (the image it names, with the
 * registry's credentials), the old one put back if anything fails.
 */
export async function recreateAsIs(deps: Deps, actor: Actor, input: { hostId: string; containerId: string; pull: boolean }): Promise<RecreateAsIsResult> {
  const { engine, inspect, spec, target } = await prepare(deps, actor, input);
  const { name } = spec;
  if (input.pull && /^(sha256:)?[a-f0-9]{12,64}$/.test(spec.image)) throw new AppError('PRECONDITION', msg('containers.recreate.noTag', { name, image: spec.image }));
  return audited(deps.db, subjectOf(actor), 'container.recreate', target, async () => {
    if (input.pull) await pullFirst(deps, actor, engine, input.hostId, spec.image, name);
    const containerId = await replaceContainer(engine, inspect, spec);
    const said = msg(input.pull ? 'containers.recreate.donePulled' : 'containers.recreate.done', { name, host: engine.hostName, image: spec.image });
    return { name, containerId, said, message: renderMessage(said) };
  }, () => ({ name: `${name} on ${engine.hostName}${input.pull ? `, ${spec.image} pulled first` : ''}` }));
}

/** Undoes a recreate that failed: the new container removed, the old one named and running as before. */
async function putBack(engine: HostEngine, old: { id: string; name: string; aside: string; wasRunning: boolean; created: string | null; renamed: boolean }): Promise<void> {
  if (old.created) await engine.call(msg('engineText.doing.removeContainer', { name: old.name }), (api) => api.removeContainer(old.created!, { force: true, volumes: false }), { ms: STEP_MS });
  if (old.renamed) await engine.call(msg('engineText.doing.renameContainer', { name: old.aside }), (api) => api.renameContainer(old.id, old.name));
  if (old.wasRunning) await engine.call(msg('engineText.doing.startContainer', { name: old.name }), (api) => api.changeContainerState(old.id, 'start'), { ms: STEP_MS });
}
