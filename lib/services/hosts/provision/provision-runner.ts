// Runs provisioning jobs: one step after another, each step's status and log written to its row
// as it goes, every change announced on the change feed. Cancelling aborts the running step;
// a console shutdown marks the run interrupted. Owned by the runtime (one per console); each run
// records the replica running it (`replicaId`), so that only a dead replica's runs are marked
// interrupted by the others (markInterruptedRuns).
import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError, isAppError } from '@/lib/errors.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { open, seal } from '@/lib/crypto/secret-box.ts';
import { runAuthority, type StoredCa } from '../pki/host-authorities.ts';
import type { StepIo } from '../drivers/step-io.ts';
import type { ProvisionContext, ProvisionDrivers, RunnerDeps } from './provision-context.ts';
import { stepsToRun, type DriverName, type StepKey, type StepStatus } from '@/lib/models/hosts/provision-plan.ts';
import { appendToLog, StepLog } from './step-log.ts';
import { errorMessage, storedError, storedText } from './stored-text.ts';
import { log } from '@/lib/observability/logger.ts';

export const jobSecretContext = (jobId: string) => `provision:${jobId}`;
/** How many runs work at once; more wait as "queued". */
export const MAX_CONCURRENT_RUNS = 3;

/** Why a run stopped early. */
export class RunStopped extends AppError {
  constructor(readonly outcome: 'cancelled' | 'interrupted', message: Message) {
    super('CONFLICT', message);
  }
}

export class ProvisionRunner {
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private readonly waiting: string[] = [];
  private closed = false;

  /** `replicaId`: the console replica this runner belongs to (lib/runtime/replica-presence.ts), recorded on its runs. */
  private readonly stopListening: () => void;

  constructor(
    private readonly deps: RunnerDeps,
    private readonly drivers: ProvisionDrivers,
    readonly replicaId: string | null = null,
  ) {
    // A cancel asked on another replica for a run of this one arrives over the change relay.
    this.stopListening = deps.changes.subscribe((change) => {
      if (change.type !== 'provision.cancel-requested' || change.replicaId !== replicaId || replicaId === null) return;
      void this.cancel(change.jobId, change.byName).catch((error: unknown) => log('provision').error({ err: error }, `run ${change.jobId} could not be cancelled`));
    });
  }

  isRunning(jobId: string): boolean {
    return this.running.has(jobId) || this.waiting.includes(jobId);
  }

  /** Starts (or queues) a job whose rows exist with status "queued". */
  start(jobId: string): void {
    if (this.closed || this.isRunning(jobId)) return;
    if (this.running.size >= MAX_CONCURRENT_RUNS) {
      this.waiting.push(jobId);
      return;
    }
    const controller = new AbortController();
    const done = this.run(jobId, controller.signal)
      .catch((error) => log('provision').error({ err: error }, `run ${jobId} failed to record its end`))
      .finally(() => {
        this.running.delete(jobId);
        const next = this.waiting.shift();
        if (next) this.start(next);
      });
    this.running.set(jobId, { controller, done });
  }

  /** Cancels a queued or running job. Returns false when it is not under way in this console. */
  async cancel(jobId: string, byName: string): Promise<boolean> {
    const queued = this.waiting.indexOf(jobId);
    if (queued >= 0) {
      this.waiting.splice(queued, 1);
      await this.deps.db.provisionJob.update({ where: { id: jobId }, data: { status: 'cancelled', error: storedText(msg('provisioning.errors.cancelledBeforeStart', { name: byName })), finishedAt: new Date() } });
      this.deps.changes.publish({ type: 'provision.updated', jobId });
      return true;
    }
    const entry = this.running.get(jobId);
    if (!entry) return false;
    entry.controller.abort(new RunStopped('cancelled', msg('provisioning.errors.cancelledBy', { name: byName })));
    await entry.done;
    return true;
  }

  /** Waits for a run to end (tests, shutdown). */
  async settled(jobId: string): Promise<void> {
    await this.running.get(jobId)?.done;
  }

  /** Console shutdown: running jobs are marked interrupted, queued ones too. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopListening();
    const waiting = this.waiting.splice(0);
    if (waiting.length) {
      await this.deps.db.provisionJob.updateMany({ where: { id: { in: waiting } }, data: { status: 'interrupted', error: storedText(msg('provisioning.errors.stoppedBeforeStart')), finishedAt: new Date() } });
    }
    for (const { controller } of this.running.values()) controller.abort(new RunStopped('interrupted', msg('provisioning.errors.stoppedDuringStep')));
    await Promise.all([...this.running.values()].map((r) => r.done));
  }

  private publish(jobId: string): void {
    this.deps.changes.publish({ type: 'provision.updated', jobId });
  }

  private async run(jobId: string, signal: AbortSignal): Promise<void> {
    const { db } = this.deps;
    const job = await db.provisionJob.findUnique({ where: { id: jobId }, include: { steps: { orderBy: { position: 'asc' } } } });
    if (!job) return;
    const driver = this.drivers[job.driver as DriverName];
    const secrets = job.secretsSealed ? (JSON.parse(open(this.deps.keyring, job.secretsSealed, jobSecretContext(job.id))) as Record<string, string>) : {};
    let ca: Promise<StoredCa> | null = null;
    const ctx: ProvisionContext = {
      jobId: job.id,
      hostName: job.hostName,
      driver: job.driver as DriverName,
      options: job.options as Record<string, unknown>,
      secrets,
      createdById: job.createdById,
      deps: this.deps,
      machine: (job.machine as Record<string, unknown> | null) ?? {},
      live: new Map(),
      ca: () => (ca ??= runAuthority(this.deps, ctx)),
    };
    const toRun = stepsToRun(job.steps.map((s) => ({ key: s.key as StepKey, status: s.status as StepStatus })));
    await db.provisionJob.update({ where: { id: jobId }, data: { status: 'running', replicaId: this.replicaId, startedAt: job.startedAt ?? new Date(), finishedAt: null, failedStep: null, error: null } });
    this.publish(jobId);

    let current: StepKey | null = null;
    try {
      for (const key of toRun) {
        current = key;
        await this.runStep(ctx, job.steps.find((s) => s.key === key)?.log ?? '', key, driver.steps[key], signal);
      }
      current = null;
      await db.provisionJob.update({ where: { id: jobId }, data: { status: 'succeeded', finishedAt: new Date() } });
    } catch (error) {
      const stopped = error instanceof RunStopped ? error : signal.aborted && signal.reason instanceof RunStopped ? signal.reason : null;
      const message = storedError(stopped ?? error);
      if (!stopped && !isAppError(error)) log('provision').error({ err: error }, `${jobId} step ${current} failed`);
      await db.provisionJob.update({
        where: { id: jobId },
        data: {
          status: stopped ? stopped.outcome : 'failed',
          failedStep: stopped ? null : current,
          error: message,
          finishedAt: new Date(),
        },
      });
    } finally {
      for (const resource of ctx.live.values()) {
        try {
          resource.close();
        } catch {
          /* closing what is already gone */
        }
      }
      this.publish(jobId);
    }
  }

  private async runStep(ctx: ProvisionContext, initialLog: string, key: StepKey, step: ((ctx: ProvisionContext, io: StepIo) => Promise<void>) | undefined, signal: AbortSignal): Promise<void> {
    const { db } = this.deps;
    const where = { jobId_key: { jobId: ctx.jobId, key } };
    const log = new StepLog(initialLog ? appendToLog(initialLog, [msg('provisioning.log.retried', { at: new Date().toISOString() })]) : '', async (text) => {
      await db.provisionStep.update({ where, data: { log: text } });
      this.publish(ctx.jobId);
    });
    await db.provisionStep.update({ where, data: { status: 'running', startedAt: new Date(), finishedAt: null, error: null } });
    this.publish(ctx.jobId);
    const io: StepIo = { signal, log: (line) => log.line(line) };
    let status: StepStatus = 'succeeded';
    let error: string | null = null;
    try {
      if (signal.aborted) throw signal.reason;
      if (!step) throw new AppError('INTERNAL', msg('provisioning.errors.noSuchStep', { driver: ctx.driver, step: key }));
      await step(ctx, io);
      if (signal.aborted) throw signal.reason;
    } catch (failure) {
      const stopped = failure instanceof RunStopped ? failure : signal.aborted && signal.reason instanceof RunStopped ? signal.reason : null;
      status = stopped ? 'cancelled' : 'failed';
      error = storedError(stopped ?? failure);
      log.line(stopped ? (stopped.said ?? stopped.message) : msg('provisioning.log.failed', { error: errorMessage(failure) }));
      throw stopped ?? failure;
    } finally {
      await log.flush();
      await db.provisionStep.update({ where, data: { status, error, finishedAt: new Date() } });
      const sealedSecrets = Object.keys(ctx.secrets).length ? seal(this.deps.keyring, JSON.stringify(ctx.secrets), jobSecretContext(ctx.jobId)) : null;
      await db.provisionJob.update({ where: { id: ctx.jobId }, data: { machine: ctx.machine as Prisma.InputJsonValue, secretsSealed: sealedSecrets } });
      this.publish(ctx.jobId);
    }
  }
}

/**
 * Runs under way on no live replica are marked interrupted, at their step, never silently lost: at
 * console start, and on the replica leading the sweep while it runs (a replica that was killed).
 * `live`: the replicas whose heartbeat is fresh; their runs, queued or running, are left alone.
 */
export async function markInterruptedRuns(deps: Pick<RunnerDeps, 'db'> & { changes?: RunnerDeps['changes'] }, live: readonly string[] = []): Promise<number> {
  const active = await deps.db.provisionJob.findMany({
    where: { status: { in: ['queued', 'running'] }, OR: [{ replicaId: null }, { replicaId: { notIn: [...live] } }] },
    select: { id: true },
  });
  if (!active.length) return 0;
  const ids = active.map((j) => j.id);
  await deps.db.provisionStep.updateMany({
    where: { jobId: { in: ids }, status: 'running' },
    data: { status: 'failed', error: storedText(msg('provisioning.errors.interruptedStep')), finishedAt: new Date() },
  });
  // Only rows still under way: a run that ended meanwhile keeps its outcome.
  const marked = await deps.db.provisionJob.updateMany({
    where: { id: { in: ids }, status: { in: ['queued', 'running'] } },
    data: { status: 'interrupted', error: storedText(msg('provisioning.errors.interruptedRun')), finishedAt: new Date() },
  });
  for (const jobId of ids) deps.changes?.publish({ type: 'provision.updated', jobId });
  return marked.count;
}
