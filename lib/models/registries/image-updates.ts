// Is a newer image available? What a service or container runs (the service spec's `@sha256:` pin,
// the container's image RepoDigests) against the digest the registry has now for the same tag.
// Also the short-lived answer cache and the per-registry request budget the checks go through.
// Pure (the clock is passed in).
import { msg, type Message } from '@/lib/i18n/message.ts';
import { formatImageReference, parseImageReference } from './image-reference.ts';

/** A tag in a registry whose current digest can be asked for. */
export type TagRef = { registry: string; repository: string; tag: string };

/** What runs: the tag it was started from and the digests it runs (any of them current means current). */
export type Running = { ref: TagRef; digests: string[] };

/** The outcome of a check, as the browser gets it (a reason already in the reader's language). */
export type UpdateCheck =
  | { state: 'current'; image: string; digest: string }
  | { state: 'available'; image: string; running: string; latest: string; /** The reference pinned to the new digest (what a service is updated to). */ target: string }
  | { state: 'unknown'; image: string; reason: string }
  | { state: 'task'; service: string };

/** The same outcome before the door says it: the reason is a message. */
export type UpdateJudgement = Exclude<UpdateCheck, { state: 'unknown' }> | { state: 'unknown'; image: string; reason: Message };

const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** The tag an image reference names, or why it has none to check. */
export function tagOf(image: string): { ref: TagRef } | { reason: Message } {
  // An image id ("sha256:…") reads as a tag of a repository called sha256: it names no tag.
  if (/^(sha256:)?[a-f0-9]{64}$/.test(image)) return { reason: msg('imageUpdates.reasons.noTag', { image }) };
  const parsed = parseImageReference(image);
  if (!parsed) return { reason: msg('imageUpdates.reasons.invalid', { image }) };
  if (!parsed.tag) return { reason: msg('imageUpdates.reasons.noTag', { image }) };
  return { ref: { registry: parsed.registry, repository: parsed.repository, tag: parsed.tag } };
}

/** What a service runs: its spec's image, pinned `name:tag@sha256:…` when it was deployed by digest. */
export function serviceRunning(image: string): Running | { reason: Message } {
  const tag = tagOf(image);
  if ('reason' in tag) return tag;
  const digest = parseImageReference(image)?.digest ?? null;
  if (!digest || !DIGEST.test(digest)) return { reason: msg('imageUpdates.reasons.unpinned', { image }) };
  return { ref: tag.ref, digests: [digest] };
}

/**
 * What a container runs: the reference it was created from, and the digests its image was pulled
 * by from that same repository (`RepoDigests`, "name@sha256:…"; an image pulled by several names
 * has one per name). An image built or loaded on the host has none.
 */
export function containerRunning(image: string, repoDigests: readonly string[]): Running | { reason: Message } {
  const tag = tagOf(image);
  if ('reason' in tag) return tag;
  const digests = repoDigests.flatMap((entry) => {
    const at = entry.lastIndexOf('@');
    if (at < 0) return [];
    const name = parseImageReference(entry.slice(0, at));
    const digest = entry.slice(at + 1);
    return name && name.registry === tag.ref.registry && name.repository === tag.ref.repository && DIGEST.test(digest) ? [digest] : [];
  });
  if (!digests.length) return { reason: msg('imageUpdates.reasons.noDigest', { image }) };
  return { ref: tag.ref, digests: [...new Set(digests)] };
}

/** The reference of a tag pinned to a digest: `registry/repo:tag@sha256:…` (Docker Hub spelled as Docker does). */
export const pinnedImage = (ref: TagRef, digest: string): string => `${formatImageReference(ref.registry, ref.repository, ref.tag)}@${digest}`;

/** Current when any digest it runs is the registry's; otherwise an update to the registry's digest. */
export function judgeUpdate(image: string, running: Running, latest: string): UpdateJudgement {
  if (running.digests.includes(latest)) return { state: 'current', image, digest: latest };
  return { state: 'available', image, running: running.digests[0], latest, target: pinnedImage(running.ref, latest) };
}

/** The cache key of a tag's answer: one per registry, repository, tag and the credentials asked with. */
export const updateCacheKey = (ref: TagRef, asking: string): string => `${ref.registry}\u0000${ref.repository}\u0000${ref.tag}\u0000${asking}`;

/** Answers kept for `ttlMs`, then asked again; at most `max` kept (the oldest go first). */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly max = 2000,
  ) {}

  get(key: string, now: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now - entry.at >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: now });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

/** At most `limit` requests per key within any `windowMs`; `take` answers whether one may go now. */
export class WindowBudget {
  private readonly sent = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  take(key: string, now: number): boolean {
    const recent = (this.sent.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length >= this.limit) {
      this.sent.set(key, recent);
      return false;
    }
    recent.push(now);
    this.sent.set(key, recent);
    return true;
  }
}

/** The outcome as the browser gets it: the reason said in the reader's language by `say`. */
export const spokenCheck = (judgement: UpdateJudgement, say: (m: Message) => string): UpdateCheck =>
  judgement.state === 'unknown' ? { ...judgement, reason: say(judgement.reason) } : judgement;

/** Every outcome of a page's checks, each reason said by `say`. */
export const spokenChecks = (checks: Record<string, UpdateJudgement>, say: (m: Message) => string): Record<string, UpdateCheck> =>
  Object.fromEntries(Object.entries(checks).map(([id, check]) => [id, spokenCheck(check, say)]));
