// Pulling an image on one host, followed by a job id: starting a pull writes its row (ImagePull)
// and sends it to the job queue (pull-queue.ts), and returns at once; a worker on any replica runs
// it (run-image-pull.ts); the page polls the row, from whichever replica answers it.
//
// Pushes (push-image.ts) are still followed in the memory of the replica that started them
// (PullJobs below, on the dependencies object under a symbol: route handlers and server actions
// are bundled apart, so a module-level map would not be shared); a job id the database does not
// know is looked up there.
import 'server-only';
import { randomBytes } from 'node:crypto';
import type { ImagePull, Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError, localizeText } from '@/lib/errors.ts';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { actorName, type Actor } from '@/lib/auth/actor.ts';
import type { Db } from '@/lib/db/client.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine } from '../engine/index.ts';
import { credentialsForImage } from '../registries/registry-auth.ts';
import { startProgress, type PullProgress } from './pull-progress.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring' | 'pulls'>;
/** `registry`: the registry whose credentials the pull uses (null: anonymous). */
export type PullJob = { id: string; hostId: string; hostName: string; image: string; registry: string | null; startedAt: string; finishedAt: string | null; progress: PullProgress };

const KEEP_FINISHED_MS = 10 * 60_000;
const MAX_JOBS = 200;

export class PullJobs {
  private readonly jobs = new Map<string, PullJob>();
  /** Those waiting for a running job to end (a reader's long poll), by job id. */
  private readonly waiters = new Map<string, Set<() => void>>();
  add(job: PullJob): void {
    this.sweep();
    if (this.jobs.size >= MAX_JOBS) throw new AppError('RATE_LIMITED', msg('containers.errors.tooManyPulls'));
    this.jobs.set(job.id, job);
  }
  get(id: string): PullJob | undefined {
    return this.jobs.get(id);
  }
  /** Ends a job with its last progress, and answers those waiting for it at once. */
  end(job: PullJob, progress: PullProgress): void {
    job.progress = progress;
    job.finishedAt = new Date().toISOString();
    const waiting = this.waiters.get(job.id);
    this.waiters.delete(job.id);
    for (const wake of waiting ?? []) wake();
  }
  /** Resolves when the job has ended, after `ms`, or when `signal` aborts, whichever comes first. */
  async untilEnded(id: string, ms: number, signal?: AbortSignal): Promise<void> {
    const job = this.jobs.get(id);
    if (!job || job.finishedAt || ms <= 0 || signal?.aborted) return;
    await new Promise<void>((resolve) => {
      const waiting = this.waiters.get(id) ?? new Set<() => void>();
      this.waiters.set(id, waiting);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        waiting.delete(done);
        if (waiting.size === 0 && this.waiters.get(id) === waiting) this.waiters.delete(id);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      waiting.add(done);
    });
  }
  private sweep(): void {
    const cutoff = Date.now() - KEEP_FINISHED_MS;
    for (const [id, job] of this.jobs) if (job.finishedAt && Date.parse(job.finishedAt) < cutoff) this.jobs.delete(id);
  }
}

const JOBS = Symbol.for('wharf.pull-jobs');
export function pullJobsOf(deps: object): PullJobs {
  const owner = deps as { [JOBS]?: PullJobs };
  return (owner[JOBS] ??= new PullJobs());
}

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
  const [engine, credentials, underWay] = await Promise.all([
    hostEngine(deps, input.hostId),
    credentialsForImage(deps, actor, image),
    deps.db.imagePull.count({ where: { status: { in: ['queued', 'running'] } } }),
  ]);
  if (underWay >= MAX_UNDER_WAY) throw new AppError('RATE_LIMITED', msg('containers.errors.tooManyPulls'));
  const row = await deps.db.imagePull.create({
    data: {
      id: randomBytes(12).toString('hex'), hostId: input.hostId, hostName: engine.hostName, image,
      registryId: credentials?.registry.id ?? null, registry: credentials?.registry.name ?? null,
      requestedById: actor.id, requestedByName: actorName(actor), requestedByIp: actor.ip,
      status: 'queued', progress: startProgress() as unknown as Prisma.InputJsonValue,
    },
  });
  try {
    await deps.pulls.enqueue(row.id);
  } catch (error) {
    // Not queued: no pull will run, so none is left waiting for a worker.
    await deps.db.imagePull.delete({ where: { id: row.id } }).catch(() => {});
    throw error;
  }
  return pullJobOf(row);
}

/** A row as the API and the page have always shown a pull. */
function pullJobOf(row: ImagePull): PullJob {
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

/** A pull (or a push this replica follows) as its reader sees it: its error said in `locale`. */
export async function readPullJob(deps: { db: Db }, input: { hostId: string; jobId: string }, locale: Locale = DEFAULT_LOCALE): Promise<PullJob> {
  const row = await deps.db.imagePull.findUnique({ where: { id: input.jobId } });
  const job = row ? pullJobOf(row) : pullJobsOf(deps).get(input.jobId);
  // A job of another host reads as unknown: the caller was authorized for this host only.
  if (!job || job.hostId !== input.hostId) throw new AppError('NOT_FOUND', msg('containers.errors.pullUnknown'));
  const { error } = job.progress;
  return error === null ? job : { ...job, progress: { ...job.progress, error: localizeText(error, locale) } };
}

/** How often a long poll reads the row again while a pull runs on whichever replica runs it. */
const REREAD_MS = 250;

/**
 * The same, after waiting up to `waitMs` for a running job to end (a long poll: a page that asks
 * every half second learns the end when it happens, not at its next turn). A pull's row is read
 * again every 250 ms until it ends, the wait is over or the reader goes away.
 */
export async function awaitPullJob(deps: { db: Db }, input: { hostId: string; jobId: string }, waitMs: number, locale: Locale = DEFAULT_LOCALE, signal?: AbortSignal): Promise<PullJob> {
  const until = Date.now() + waitMs;
  let job = await readPullJob(deps, input, locale);
  const memory = pullJobsOf(deps);
  while (!job.finishedAt && Date.now() < until && !signal?.aborted) {
    const left = until - Date.now();
    // A push followed here is answered the moment it ends; a pull's row is read again shortly.
    if (memory.get(input.jobId)) await memory.untilEnded(input.jobId, left, signal);
    else await pause(Math.min(REREAD_MS, left), signal);
    job = await readPullJob(deps, input, locale);
  }
  return job;
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
