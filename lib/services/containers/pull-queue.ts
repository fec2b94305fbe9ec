// The job queue image pulls go through (issue 16): pg-boss on the console's own database, in its
// own schema (`wharf_jobs`), started and stopped by the runtime. Starting a pull writes its row
// (ImagePull) and sends the queue its id; a worker on any replica takes it and runs it
// (run-image-pull.ts), so a pull started on one replica is read, and may run, on any other.
//
// The queue delivers; the row tracks the run. A worker claims the row (queued → running, with its
// replica's id) before it asks the engine, and the queue's job is done once the claim is made: a
// job delivered twice (the queue retries one whose worker died before claiming) finds the row
// claimed and does nothing, so a pull never runs twice. A pull under way on a replica that dies
// is marked interrupted by the replicas sweep (markInterruptedPulls), never left running.
import 'server-only';
import PgBoss from 'pg-boss';
import type { Logger } from '@/lib/observability/logger.ts';
import type { ServiceDeps } from '../deps.ts';
import { runImagePull } from './run-image-pull.ts';

export const PULL_QUEUE = 'image-pull';
/** The schema pg-boss keeps its tables in (created and migrated by pg-boss, under its advisory lock). */
export const JOBS_SCHEMA = 'wharf_jobs';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>;
/** `work: false`: this process only sends pulls, never runs them (a console replica always works). */
type Options = { databaseUrl: string; replicaId: string; log: Pick<Logger, 'warn' | 'error'>; work?: boolean };

export class PullQueue {
  private boss: PgBoss | null = null;
  private starting: Promise<PgBoss> | null = null;
  private workerId: string | null = null;
  /** Pulls this replica runs: stop() waits for none, they end on their own or are marked interrupted. */
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly deps: Deps,
    private readonly options: Options,
  ) {}

  get replicaId(): string {
    return this.options.replicaId;
  }

  /** Starts pg-boss (installing or migrating its schema when needed) and this replica's worker. Idempotent. */
  start(): Promise<PgBoss> {
    this.starting ??= this.open();
    return this.starting;
  }

  private async open(): Promise<PgBoss> {
    const boss = new PgBoss({
      connectionString: this.options.databaseUrl,
      schema: JOBS_SCHEMA,
      application_name: `wharf-jobs:${this.options.replicaId}`,
      max: 2,
      // No cron here: schedules are not used, and each would add a timer per replica.
      schedule: false,
    });
    // While the database is away every poll fails: say so once a minute, not twice a second.
    let said = 0;
    boss.on('error', (error) => {
      if (Date.now() - said < 60_000) return;
      said = Date.now();
      this.options.log.warn({ err: error }, 'the job queue failed (said at most once a minute)');
    });
    await boss.start();
    // A delivery whose worker died before claiming the row is retried once after a minute (the claim makes a second run impossible).
    await boss.createQueue(PULL_QUEUE, { name: PULL_QUEUE, retryLimit: 1, retryDelay: 0, expireInSeconds: 60, retentionMinutes: 60 });
    if (this.options.work !== false) this.workerId = await boss.work<{ pullId: string }>(PULL_QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 4 }, async (jobs) => {
      for (const job of jobs) this.take(job.data.pullId);
    });
    this.boss = boss;
    return boss;
  }

  /** Sends a pull to the queue; this replica's worker is woken so a pull started here starts at once. */
  async enqueue(pullId: string): Promise<void> {
    const boss = await this.start();
    await boss.send(PULL_QUEUE, { pullId });
    if (this.workerId) boss.notifyWorker(this.workerId);
  }

  /** Claims and runs one pull in the background: the queue's job ends with the claim, the row follows the run. */
  private take(pullId: string): void {
    const run = runImagePull(this.deps, { pullId, replicaId: this.options.replicaId })
      .catch((error: unknown) => this.options.log.error({ err: error, pullId }, 'an image pull could not run'))
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** How many pulls this replica is running now. */
  get runningCount(): number {
    return this.running.size;
  }

  /** Stops taking pulls. Pulls under way here go on until the process ends; after that the sweep marks them. */
  async stop(): Promise<void> {
    const boss = this.boss ?? (this.starting ? await this.starting.catch(() => null) : null);
    this.boss = null;
    this.starting = null;
    if (!boss) return;
    await boss.stop({ graceful: true, wait: true, timeout: 5_000 }).catch((error: unknown) => this.options.log.warn({ err: error }, 'the job queue did not stop cleanly'));
  }
}
