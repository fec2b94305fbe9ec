// The credentials an engine is given to pull an image (the X-Registry-Auth header): those Wharf
// keeps for the registry the image's reference names, when the user may pull with them
// (`registry.pull` on that registry). Otherwise the engine pulls anonymously, as `docker pull`
// does without a login. Used by image pulls on a host, and by services and stacks, whose swarm
// passes the credentials to every node that runs a task (`docker stack deploy --with-registry-auth`).
import 'server-only';
import type { Actor } from '@/lib/auth/actor.ts';
import { isAllowed } from '@/lib/auth/permissions.ts';
import { registryOfImage } from '@/lib/models/registries/image-reference.ts';
import { engineAuthOf, type EngineAuth } from '@/lib/models/registries/engine-auth.ts';
import type { ServiceDeps } from '../deps.ts';
import { registryLogin } from './registry-rows.ts';

type Deps = Pick<ServiceDeps, 'db' | 'keyring'>;

/** The registry whose credentials go with a pull, and the engine's form of them. */
export type PullCredentials = { registry: { id: string; name: string }; auth: EngineAuth };

/** Credentials for each distinct image (null: anonymous). One database read for them all. */
export async function credentialsForImages(deps: Deps, actor: Actor, images: string[]): Promise<Map<string, PullCredentials | null>> {
  const byImage = new Map(images.map((image) => [image, registryOfImage(image)]));
  const addresses = [...new Set([...byImage.values()].filter((a): a is string => !!a))];
  const rows = addresses.length ? await deps.db.registry.findMany({ where: { address: { in: addresses } } }) : [];
  const answer = new Map<string, PullCredentials | null>();
  for (const [image, address] of byImage) {
    const row = rows.find((r) => r.address === address);
    if (!row || !row.secretSealed || !isAllowed(actor.grants, 'registry.pull', { type: 'registry', id: row.id })) {
      answer.set(image, null);
      continue;
    }
    const auth = engineAuthOf(row, await registryLogin(deps, row));
    answer.set(image, auth ? { registry: { id: row.id, name: row.name }, auth } : null);
  }
  return answer;
}

/** Credentials for one image (null: anonymous). */
export async function credentialsForImage(deps: Deps, actor: Actor, image: string): Promise<PullCredentials | null> {
  return (await credentialsForImages(deps, actor, [image])).get(image) ?? null;
}
