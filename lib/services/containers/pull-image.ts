// Pulling an image on one host, followed by a job id: the action starts the pull and returns at
// once; the page polls the job for the progress folded from the engine's JSON stream.
//
// The jobs live on the dependencies object the runtime hands out (one per console process), under
// a symbol: route handlers and server actions are bundled apart, so a module-level map would not
// be shared between the action that starts a pull and the route that reports it.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { AppError, localizeText } from '@/lib/errors.ts';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales.ts';
import { msg, storedSaying, type Message } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine } from '../engine/index.ts';
import { credentialsForImage } from '../registries/registry-auth.ts';
import { applyPullEvent, failProgress, finishProgress, startProgress, type PullProgress } from './pull-progress.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>;
/** `registry`: the registry whose credentials the pull uses (null: anonymous). */
export type PullJob = { id: string; hostId: string; hostName: string; image: string; registry: string | null; startedAt: string; finishedAt: string | null; progress: PullProgress };

const PULL_MS = 15 * 60_000;
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

/**
 * Starts a pull; returns the job to poll. The pending audit row is written before the engine is
 * asked; the job ends as soon as the engine's stream does (a reader waiting on it is answered
 * then), and the audit row is settled after, off the pull's path.
 */
/** The reference a pull asks for: one without a tag or digest pulls `latest`, as the CLI does (not every tag). */
export const imageToPull = (image: string) => (/[:@]/.test(image.split('/').pop() ?? '') ? image : `${image}:latest`);

export async function startImagePull(deps: Deps, actor: Actor, input: { hostId: string; image: string }): Promise<PullJob> {
  const image = imageToPull(input.image);
  // Independent: the engine client (cached) and the registry's credentials (one read, one unseal).
  const [engine, credentials] = await Promise.all([hostEngine(deps, input.hostId), credentialsForImage(deps, actor, image)]);
  const job: PullJob = { id: randomBytes(12).toString('hex'), hostId: input.hostId, hostName: engine.hostName, image, registry: credentials?.registry.name ?? null, startedAt: new Date().toISOString(), finishedAt: null, progress: startProgress() };
  const jobs = pullJobsOf(deps);
  jobs.add(job);
  // Kept as a message (key and values): the job is said in its reader's language when read (readPullJob).
  const fail = (error: unknown) => {
    if (!job.finishedAt) jobs.end(job, failProgress(job.progress, storedSaying(pullFailure(image, error))));
  };
  void audited(deps.db, subjectOf(actor), 'image.pull', { type: 'image', id: input.hostId, name: `${image} on ${engine.hostName}` }, () =>
    engine
      .call(
        msg('guardText.doing.pull', { image }),
        async (api) => {
          await api.pullImage(
            image,
            (line) => {
              job.progress = applyPullEvent(job.progress, line);
            },
            credentials?.auth,
          );
          if (job.progress.state === 'failed') throw new AppError('ENGINE_ERROR', job.progress.error ?? msg('containers.errors.pullFailed'));
        },
        { ms: PULL_MS },
      )
      .then(
        () => jobs.end(job, finishProgress(job.progress)),
        (error: unknown) => {
          fail(error);
          throw error;
        },
      ),
  ).catch(fail);
  return job;
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
function pullFailure(image: string, error: unknown): Message | string {
  const detail = error instanceof Error ? error.message : String(error);
  const explained = explainPullError(image, detail);
  return explained === detail && error instanceof AppError && error.said ? error.said : explained;
}

/** A pull as its reader sees it: its error said in `locale`. */
export function readPullJob(deps: object, input: { hostId: string; jobId: string }, locale: Locale = DEFAULT_LOCALE): PullJob {
  const job = pullJobsOf(deps).get(input.jobId);
  // A job of another host reads as unknown: the caller was authorized for this host only.
  if (!job || job.hostId !== input.hostId) throw new AppError('NOT_FOUND', msg('containers.errors.pullUnknown'));
  const { error } = job.progress;
  return error === null ? job : { ...job, progress: { ...job.progress, error: localizeText(error, locale) } };
}

/**
 * The same, after waiting up to `waitMs` for a running job to end (a long poll: a page that asks
 * every half second learns the end when it happens, not at its next turn).
 */
export async function awaitPullJob(deps: object, input: { hostId: string; jobId: string }, waitMs: number, locale: Locale = DEFAULT_LOCALE, signal?: AbortSignal): Promise<PullJob> {
  const job = readPullJob(deps, input, locale);
  if (job.finishedAt) return job;
  await pullJobsOf(deps).untilEnded(input.jobId, waitMs, signal);
  return readPullJob(deps, input, locale);
}
