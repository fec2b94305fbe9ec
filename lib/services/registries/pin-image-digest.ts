// Pinning a new service's image to a digest, as `docker service create` does: the registry is
// asked which digest the tag names now (with the registry's credentials when the user may pull
// there, anonymously otherwise; the same lookup the update checks use), and the service is created
// on `name:tag@sha256:…`, so its tasks all run the same image and "update available" can tell when
// the tag moves on. When the registry cannot say (unreachable, refused, a local-only image), the
// service keeps the tag with no pin, and the answer says why.
import 'server-only';
import type { Actor } from '@/lib/auth/actor.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { parseImageReference } from '@/lib/models/registries/image-reference.ts';
import { pinnedImage, tagOf } from '@/lib/models/registries/image-updates.ts';
import type { ServiceDeps } from '../deps.ts';
import { latestDigest } from './check-image-updates.ts';

type Deps = Pick<ServiceDeps, 'db' | 'keyring'>;

/** The image a service is created on, and whether it was pinned (or why not). */
export type ImagePin = { image: string; pinned: string } | { image: string; pinned: null; reason: Message };

export async function pinImageDigest(deps: Deps, actor: Actor, image: string): Promise<ImagePin> {
  // Already pinned by the user: kept as given.
  const given = parseImageReference(image)?.digest;
  if (given) return { image, pinned: given };
  const tag = tagOf(image);
  if ('reason' in tag) return { image, pinned: null, reason: tag.reason };
  const latest = await latestDigest(deps, actor, tag.ref, { fresh: true });
  if ('digest' in latest) return { image: pinnedImage(tag.ref, latest.digest), pinned: latest.digest };
  const detail = latest.failure === 'not-found' ? msg('imageUpdates.pin.notInRegistry', { registry: tag.ref.registry }) : latest.failure === 'rate-limited' ? msg('imageUpdates.pin.rateLimited') : latest.detail;
  return { image, pinned: null, reason: msg('imageUpdates.pin.unpinned', { image, registry: tag.ref.registry, detail }) };
}
