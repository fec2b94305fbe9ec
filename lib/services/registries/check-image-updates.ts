// "Update available": the digest a registry has now for the tag a service or container was started
// from (a HEAD on the manifest), compared with the digest it runs (lib/models/registries/image-updates.ts).
// A known registry is asked with its credentials when the user may pull there (registry.pull),
// any other v2 registry anonymously over HTTPS. Answers are kept a minute per registry,
// repository, tag and credentials, and each registry is asked at most REGISTRY_BUDGET times a
// minute (further checks say so and are tried again later).
import 'server-only';
import pLimit from 'p-limit';
import type { Actor } from '@/lib/auth/actor.ts';
import { isAllowed } from '@/lib/auth/permissions.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { DOCKER_HUB_ADDRESS } from '@/lib/models/registries/registry-kinds.ts';
import { TtlCache, WindowBudget, judgeUpdate, updateCacheKey, type Running, type TagRef, type UpdateJudgement } from '@/lib/models/registries/image-updates.ts';
import type { ServiceDeps } from '../deps.ts';
import { RegistryClient, RegistryError } from './registry-client.ts';
import { accessFrom, accessOf } from './registry-rows.ts';

type Deps = Pick<ServiceDeps, 'db' | 'keyring'>;

/** How long a registry's answer for a tag is kept. */
export const UPDATE_CACHE_MS = 60_000;
/** Requests to one registry per minute, at most. */
export const REGISTRY_BUDGET = 60;
/** Registries asked at once for one page's checks. */
const CHECK_CONCURRENCY = 6;

type Latest = { digest: string } | { failure: 'not-found' | 'error' | 'rate-limited'; detail: string };

type UpdateState = { cache: TtlCache<Promise<Latest>>; budget: WindowBudget };
const STATE = Symbol.for('wharf.image-update-checks');
function stateOf(deps: object): UpdateState {
  const owner = deps as { [STATE]?: UpdateState };
  return (owner[STATE] ??= { cache: new TtlCache(UPDATE_CACHE_MS), budget: new WindowBudget(REGISTRY_BUDGET, 60_000) });
}

/** The client a tag is asked with, and the name of the credentials (part of the cache key). */
async function clientFor(deps: Deps, actor: Actor, registry: string): Promise<{ client: RegistryClient; asking: string }> {
  const row = await deps.db.registry.findFirst({ where: { address: registry } });
  if (row) {
    const mayPull = isAllowed(actor.grants, 'registry.pull', { type: 'registry', id: row.id });
    return mayPull ? { client: new RegistryClient(await accessOf(deps, row)), asking: row.id } : { client: new RegistryClient(accessFrom(row, null)), asking: `anonymous:${row.id}` };
  }
  const kind = registry === DOCKER_HUB_ADDRESS ? 'dockerhub' : 'v2-basic';
  return { client: new RegistryClient(accessFrom({ kind, address: registry, plainHttp: false, caCert: null, username: null }, null)), asking: 'anonymous' };
}

/** The digest the registry has now for `ref` (kept UPDATE_CACHE_MS; `fresh` asks again). */
export async function latestDigest(deps: Deps, actor: Actor, ref: TagRef, options: { fresh?: boolean } = {}): Promise<Latest> {
  const state = stateOf(deps);
  // Finding the client may itself ask a service (an ECR registry's token): its refusal is this check's failure.
  const found = await clientFor(deps, actor, ref.registry).catch((error: unknown) => ({ error }));
  if ('error' in found) return { failure: 'error', detail: found.error instanceof Error ? found.error.message : String(found.error) };
  const { client, asking } = found;
  const key = updateCacheKey(ref, asking);
  const now = Date.now();
  if (!options.fresh) {
    const kept = state.cache.get(key, now);
    if (kept) return kept;
  }
  if (!state.budget.take(ref.registry, now)) return { failure: 'rate-limited', detail: '' };
  const asked = client.digestOf(ref.repository, ref.tag).then(
    (digest): Latest => ({ digest }),
    (error: unknown): Latest => ({ failure: error instanceof RegistryError && error.failure === 'not-found' ? 'not-found' : 'error', detail: error instanceof Error ? error.message : String(error) }),
  );
  state.cache.set(key, asked, now);
  // A failure is not kept: the next look asks again (within the registry's budget).
  void asked.then((latest) => {
    if ('failure' in latest) state.cache.delete(key);
  });
  return asked;
}

/** One check: what runs (or why that is not known) against the registry's digest now. */
export async function checkRunning(deps: Deps, actor: Actor, image: string, running: Running | { reason: Message }, options: { fresh?: boolean } = {}): Promise<UpdateJudgement> {
  if ('reason' in running) return { state: 'unknown', image, reason: running.reason };
  const latest = await latestDigest(deps, actor, running.ref, options);
  if ('digest' in latest) return judgeUpdate(image, running, latest.digest);
  if (latest.failure === 'rate-limited') return { state: 'unknown', image, reason: msg('imageUpdates.reasons.rateLimited', { registry: running.ref.registry }) };
  if (latest.failure === 'not-found') return { state: 'unknown', image, reason: msg('imageUpdates.reasons.notFound', { image }) };
  return { state: 'unknown', image, reason: msg('imageUpdates.reasons.registry', { registry: running.ref.registry, image, detail: latest.detail }) };
}

/** Checks many at once (CHECK_CONCURRENCY registries asked at a time), keyed as given. */
export async function checkMany<K extends string>(deps: Deps, actor: Actor, items: { key: K; image: string; running: Running | { reason: Message } | UpdateJudgement }[]): Promise<Record<K, UpdateJudgement>> {
  const limit = pLimit(CHECK_CONCURRENCY);
  const answers = await Promise.all(items.map((item) => limit(async () => [item.key, 'state' in item.running ? item.running : await checkRunning(deps, actor, item.image, item.running)] as const)));
  return Object.fromEntries(answers) as Record<K, UpdateJudgement>;
}
