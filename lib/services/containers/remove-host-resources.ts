// Removing images, volumes and networks of one host, one at a time or as a confirmed prune. A
// prune removes only what the user confirmed from the dry run and is still unused now: anything
// that came into use in between is kept and reported.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { PruneInput } from '@/lib/schemas/containers.ts';
import type { ServiceDeps } from '../deps.ts';
import { engineMessage, hostEngine, type HostEngine } from '../engine/index.ts';
import { stillPlanned, type PruneOutcome } from '../../models/containers/host-resources.ts';
import { planOn, readImageRows, readNetworkRows, readVolumeRows } from './read-host-resources.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;
const REMOVE_MS = 60_000;
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Removes one image, volume or network; `force` lets an image with several tags go. */
function removeOne(engine: HostEngine, kind: 'images' | 'volumes' | 'networks', id: string, label: string, force = false): Promise<void> {
  return engine.call(`remove ${kind.slice(0, -1)} ${label}`, (api) => (kind === 'images' ? api.removeImage(id, { force }) : kind === 'volumes' ? api.removeVolume(id) : api.removeNetwork(id)), { ms: REMOVE_MS });
}

/** What was removed: `said` for the requester's language, `message` in English (logs, tests). */
export type Removed = { message: string; said: Message };
const saying = (said: Message): Removed => ({ said, message: renderMessage(said) });

export async function removeImage(deps: Deps, actor: Actor, input: { hostId: string; imageId: string; force: boolean }): Promise<Removed> {
  const engine = await hostEngine(deps, input.hostId);
  const row = (await readImageRows(engine)).find((i) => i.id === input.imageId);
  if (!row) throw new AppError('NOT_FOUND', msg('containers.errors.imageGone', { host: engine.hostName }));
  const label = row.tags.join(', ') || row.shortId;
  return audited(deps.db, subjectOf(actor), 'image.remove', { type: 'image', id: `${input.hostId}/${row.shortId}`, name: `${label} on ${engine.hostName}` }, async () => {
    if (row.usedBy.length && !input.force) {
      throw new AppError('PRECONDITION', msg('containers.errors.imageInUse', { image: label, host: engine.hostName, count: row.usedBy.length, names: row.usedBy.join(', ') }));
    }
    // An unused image with several tags is removed with all of them (the engine wants force for that).
    await removeOne(engine, 'images', input.imageId, label, input.force || row.tags.length > 1).catch((error: AppError) => {
      if (error.code !== 'CONFLICT') throw error;
      throw new AppError('CONFLICT', msg('containers.errors.imageRefused', { image: label, host: engine.hostName, detail: engineMessage(error.cause) }), { cause: error.cause });
    });
    return saying(msg('containers.done.imageRemoved', { image: label, host: engine.hostName }));
  });
}

export async function removeHostVolume(deps: Deps, actor: Actor, input: { hostId: string; name: string }): Promise<Removed> {
  const engine = await hostEngine(deps, input.hostId);
  return audited(deps.db, subjectOf(actor), 'volume.remove', { type: 'volume', id: input.hostId, name: `${input.name} on ${engine.hostName}` }, async () => {
    const row = (await readVolumeRows(engine)).find((v) => v.name === input.name);
    if (!row) throw new AppError('NOT_FOUND', msg('containers.errors.volumeGone', { name: input.name, host: engine.hostName }));
    if (row.usedBy.length) throw new AppError('PRECONDITION', msg('containers.errors.volumeInUse', { name: input.name, host: engine.hostName, names: row.usedBy.join(', '), count: row.usedBy.length }));
    await removeOne(engine, 'volumes', input.name, input.name);
    return saying(msg('containers.done.volumeRemoved', { name: input.name, host: engine.hostName }));
  });
}

export async function removeHostNetwork(deps: Deps, actor: Actor, input: { hostId: string; networkId: string }): Promise<Removed> {
  const engine = await hostEngine(deps, input.hostId);
  const row = (await readNetworkRows(engine)).find((n) => n.id === input.networkId || n.id.startsWith(input.networkId));
  if (!row) throw new AppError('NOT_FOUND', msg('containers.errors.networkGone', { host: engine.hostName }));
  return audited(deps.db, subjectOf(actor), 'network.remove', { type: 'network', id: `${input.hostId}/${row.id.slice(0, 12)}`, name: `${row.name} on ${engine.hostName}` }, async () => {
    if (row.builtIn) throw new AppError('PRECONDITION', msg('containers.errors.networkBuiltIn', { name: row.name }));
    if (row.usedBy.length) throw new AppError('PRECONDITION', msg('containers.errors.networkInUse', { name: row.name, host: engine.hostName, names: row.usedBy.join(', '), count: row.usedBy.length }));
    await removeOne(engine, 'networks', row.id, row.name);
    return saying(msg('containers.done.networkRemoved', { name: row.name, host: engine.hostName }));
  });
}

/** Removes the confirmed items of a dry run that the plan still holds, one by one. */
export async function pruneHostResources(deps: Deps, actor: Actor, input: PruneInput): Promise<PruneOutcome> {
  const engine = await hostEngine(deps, input.hostId);
  const noun = input.kind.slice(0, -1);
  return audited(deps.db, subjectOf(actor), `${noun}.prune`, { type: noun, id: input.hostId, name: `${plural(input.ids.length, noun)} on ${engine.hostName}` }, async () => {
    const plan = await planOn(engine, input.kind === 'networks' ? { kind: 'networks' } : input);
    const { go, keep } = stillPlanned(plan, input.ids);
    const outcome: PruneOutcome = { removed: [], skipped: keep.map((id) => ({ label: id.replace(/^sha256:/, '').slice(0, 12), reason: 'now in use, or already gone' })), bytes: input.kind === 'images' ? 0 : null };
    for (const item of go) {
      try {
        // Planned images are unused (checked just now): force only lets an image with several tags go.
        await removeOne(engine, input.kind, item.id, item.label, input.kind === 'images');
        outcome.removed.push(item.label);
        if (outcome.bytes !== null) outcome.bytes += item.bytes ?? 0;
      } catch (error) {
        outcome.skipped.push({ label: item.label, reason: engineMessage((error as AppError).cause) || (error as AppError).message });
      }
    }
    return outcome;
  }, (o) => ({ name: `${plural(o.removed.length, noun)} removed on ${engine.hostName}` }));
}
