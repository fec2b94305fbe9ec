// Pushing an image from a host to a registry Wharf keeps (registry.push there, checked by the
// action), followed like a pull: starting it checks the target and that the host has the image,
// writes its row (ImagePull, kind push) and sends it to the image-push queue; a worker on any
// replica tags it with the registry's name for it when it has another name, then pushes it with
// the registry's credentials (run-image-push.ts). The page polls the row from any replica.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { parseImageReference } from '@/lib/models/registries/image-reference.ts';
import { referenceAddress, type RegistryKind } from '@/lib/models/registries/registry-kinds.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine } from '../engine/index.ts';
import { readRegistry } from '../registries/registry-rows.ts';
import { checkImageJobRoom, pullJobOf, queueImageJob, type PullJob } from './pull-image.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring' | 'pulls'>;

export type PushInput = { hostId: string; source: string; registryId: string; repository: string; tag: string };

/** Starts the push; returns the job to poll. It is audited by the worker that runs it, as the user who asked. */
export async function startImagePush(deps: Deps, actor: Actor, input: PushInput): Promise<PullJob & { target: string }> {
  const row = await readRegistry(deps.db, input.registryId);
  const target = `${referenceAddress(row.kind as RegistryKind, row.address)}/${input.repository}:${input.tag}`;
  const parsed = parseImageReference(target);
  if (!parsed || parsed.tag !== input.tag) throw new AppError('INVALID_INPUT', msg('containers.push.errors.badTarget', { target }), { fieldErrors: { repository: [issueText('containers.push.errors.badTarget', { target })] } });
  const [engine] = await Promise.all([hostEngine(deps, input.hostId), checkImageJobRoom(deps.db)]);
  // Said now, not by the worker: the image to push is on the host (the worker tags and pushes it).
  await engine.call(msg('containers.push.tagging', { source: input.source, target }), (api) => api.inspectImage(input.source)).catch((error: AppError) => {
    if (error.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', msg('containers.push.errors.noSource', { source: input.source, host: engine.hostName }));
    throw error;
  });
  const queued = await queueImageJob(deps, { kind: 'push', hostId: input.hostId, hostName: engine.hostName, image: target, source: input.source, registryId: row.id, registry: row.name }, actor);
  return { ...pullJobOf(queued), target };
}
