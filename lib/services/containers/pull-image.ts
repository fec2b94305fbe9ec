// Pulling an image on one host, followed by a job id: starting a pull writes its row (ImagePull)
// and sends it to the job queue (pull-queue.ts), and returns at once; a worker on any replica runs
// it (run-image-pull.ts); the page polls the row, from whichever replica answers it. Pushes
// (push-image.ts) are rows of the same table (kind push), read, awaited and swept the same way.
import 'server-only';
import { randomBytes } from 'node:crypto';
import type { ImagePull, Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError, localizeText } from '@/lib/errors.ts';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales.ts';
import { msg, saidOfStored, type Message } from '@/lib/i18n/message.ts';
import { actorName, type Actor } from '@/lib/auth/actor.ts';
import type { Db } from '@/lib/db/client.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine } from '../engine/index.ts';
import { credentialsForImage } from '../registries/registry-auth.ts';
import { startProgress, type PullProgress } from './pull-progress.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring' | 'pulls'>;
/** `registry`: the registry whose credentials the pull uses (null: anonymous). */
export type PullJob = { id: string; hostId: string; hostName: string; image: string; registry: string | null; startedAt: string; finishedAt: string | null; progress: PullProgress };

/** The reference a pull asks for: one without a tag or digest pulls `latest`, as the CLI does (not every tag). */
export const imageToPull = (image: string) => (/[:@]/.test(image.split('/').pop() ?? '') ? image : `${image}:latest`);

/** Pulls queued or running at once, over all replicas, before a new one is refused. */
const MAX_UNDER_WAY = 200;

/**
 * Starts a pull; returns the job to poll. The host and the registry's credentials are settled
 * here (the registry chosen by the user's grants now; its secret is unsealed by the worker, never
 * stored with the job); the pull is audited by the worker that runs it, as the user who asked.
 */
export async function startImagePull(deps: Deps, actor: Actor, input: { hostId: string; image: string }): Promise<PullJob> {
  const image = imageToPull(input.image);
  // Independent: the engine client (cached), the registry's credentials, and how many pulls are under way.
  const [engine, credentials] = await Promise.all([hostEngine(deps, input.hostId), credentialsForImage(deps, actor, image), checkImageJobRoom(deps.db)]);
  const row = await queueImageJob(deps, {
    kind: 'pull', hostId: input.hostId, hostName: engine.hostName, image,
    registryId: credentials?.registry.id ?? null, registry: credentials?.registry.name ?? null,
  }, actor);
  return pullJobOf(row);
}

/** What a queued pull or push row is made from, besides who asked and its state. */
export type ImageJobRow = Pick<Prisma.ImagePullUncheckedCreateInput, 'kind' | 'hostId' | 'hostName' | 'image' | 'source' | 'registryId' | 'registry'>;

/** Writes a pull's or push's row (queued) and sends it to its queue; a row the queue did not take is removed. */
export async function queueImageJob(deps: Pick<ServiceDeps, 'db' | 'pulls'>, job: ImageJobRow, actor: Actor): Promise<ImagePull> {
  const row = await deps.db.imagePull.create({
    data: {
      ...job, id: randomBytes(12).toString('hex'),
      requestedById: actor.id, requestedByName: actorName(actor), requestedByIp: actor.ip,
      status: 'queued', progress: startProgress() as unknown as Prisma.InputJsonValue,
    },
  });
  try {
    await (job.kind === 'push' ? deps.pulls.enqueuePush(row.id) : deps.pulls.enqueue(row.id));
  } catch (error) {
    // Not queued: nothing will run it, so none is left waiting for a worker.
    await deps.db.imagePull.delete({ where: { id: row.id } }).catch(() => {});
    throw error;
  }
  return row;
}

/** Pulls and pushes queued or running, over all replicas: a new one is refused at the limit. */
export async function checkImageJobRoom(db: Db): Promise<void> {
  const underWay = await db.imagePull.count({ where: { status: { in: ['queued', 'running'] } } });
  if (underWay >= MAX_UNDER_WAY) throw new AppError('RATE_LIMITED', msg('containers.errors.tooManyPulls'));
}

/** A row as the API and the page have always shown a pull (or a push). */
export function pullJobOf(row: ImagePull): PullJob {
  return { id: row.id, hostId: row.hostId, hostName: row.hostName, image: row.image, registry: row.registry, startedAt: row.createdAt.toISOString(), finishedAt: row.finishedAt?.toISOString() ?? null, progress: row.progress as unknown as PullProgress };
}

/** The engine's pull errors, with what to do about the common ones; the engine's words (`detail`) as they are. */
export function explainPullError(image: string, detail: string): Message | string {
  if (/no basic auth credentials|unauthorized|authentication required/i.test(detail)) return msg('registryText.pull.credentials', { image, detail });
  if (/manifest unknown|not found|does not exist/i.test(detail)) return msg('registryText.pull.notFound', { image, detail });
  if (/server gave HTTP response to HTTPS client/i.test(detail)) return msg('registryText.pull.plainHttp', { image, detail });
  if (/dial tcp|lookup|no such host|i\/o timeout|connection refused/i.test(detail)) return msg('registryText.pull.unreachable', { image, detail });
  return detail;
}

/** Why a pull failed: an explanation of the engine's words, else what the gateway said (a message). */
export function pullFailure(image: string, error: unknown): Message | string {
  const detail = error instanceof Error ? error.message : String(error);
  const explained = explainPullError(image, detail);
  return explained === detail && error instanceof AppError && error.said ? error.said : explained;
}

/** A pull or push as its reader sees it: its error said in `locale`. */
export async function readPullJob(deps: { db: Db }, input: { hostId: string; jobId: string }, locale: Locale = DEFAULT_LOCALE): Promise<PullJob> {
  const row = await deps.db.imagePull.findUnique({ where: { id: input.jobId } });
  // A job of another host reads as unknown: the caller was authorized for this host only.
  if (!row || row.hostId !== input.hostId) throw new AppError('NOT_FOUND', msg('containers.errors.pullUnknown'));
  const job = pullJobOf(row);
  const { error } = job.progress;
  return error === null ? job : { ...job, progress: { ...job.progress, error: localizeText(error, locale) } };
}

/** How often a long poll reads the row again while a pull or push runs on whichever replica runs it. */
const REREAD_MS = 250;

/**
 * The same, after waiting up to `waitMs` for a running job to end (a long poll: a page that asks
 * every half second learns the end when it happens, not at its next turn). The row is read again
 * every 250 ms until it ends, the wait is over or the reader goes away.
 */
export async function awaitPullJob(deps: { db: Db }, input: { hostId: string; jobId: string }, waitMs: number, locale: Locale = DEFAULT_LOCALE, signal?: AbortSignal): Promise<PullJob> {
  const until = Date.now() + waitMs;
  let job = await readPullJob(deps, input, locale);
  while (!job.finishedAt && Date.now() < until && !signal?.aborted) {
    await pause(Math.min(REREAD_MS, until - Date.now()), signal);
    job = await readPullJob(deps, input, locale);
  }
  return job;
}

/**
 * Pulls `image` on the host through the queue, as startImagePull does (the same credentials), and
 * waits for the pull to end (what a recreate with "pull first" does before anything else). A pull
 * that did not succeed throws, saying why (the pull's own explanation, in the reader's language).
 * The wait is the pull's: the worker bounds its run, and the replicas sweep ends a pull whose
 * replica died or that no worker took.
 */
export async function pullAndWait(deps: Deps, actor: Actor, input: { hostId: string; image: string }): Promise<void> {
  const job = await startImagePull(deps, actor, input);
  let read = job;
  while (!read.finishedAt) read = await awaitPullJob(deps, { hostId: input.hostId, jobId: job.id }, 30_000);
  if (read.progress.state === 'succeeded') return;
  const row = await deps.db.imagePull.findUnique({ where: { id: job.id }, select: { error: true } });
  throw new AppError('ENGINE_ERROR', row?.error ? saidOfStored(row.error) : msg('containers.errors.pullFailed'));
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
