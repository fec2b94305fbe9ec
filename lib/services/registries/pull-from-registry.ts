// Pulling repository:tag of a registry Wharf keeps onto a host: the registry's name for the image
// (its address and the repository) goes to the host's pull job, which brings the registry's
// credentials itself. Answers the job to poll, as a pull started from the host's Images page.
import 'server-only';
import type { Actor } from '@/lib/auth/actor.ts';
import { formatImageReference } from '@/lib/models/registries/image-reference.ts';
import { referenceAddress, type RegistryKind } from '@/lib/models/registries/registry-kinds.ts';
import type { ServiceDeps } from '../deps.ts';
import { startImagePull, type PullJob } from '../containers/pull-image.ts';
import { readRegistry } from './registry-rows.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring' | 'pulls'>;

export type RegistryPullInput = { registryId: string; hostId: string; repository: string; tag: string };

export async function pullFromRegistry(deps: Deps, actor: Actor, input: RegistryPullInput): Promise<PullJob> {
  const row = await readRegistry(deps.db, input.registryId);
  const image = formatImageReference(referenceAddress(row.kind as RegistryKind, row.address), input.repository, input.tag);
  return startImagePull(deps, actor, { hostId: input.hostId, image });
}
