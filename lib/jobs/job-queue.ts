// The console's job queue (issue 16): one pg-boss per replica, on the console's own database, in
// its own schema (`wharf_jobs`), started and stopped by the runtime. Each kind of background work
// defines its queue here (a name and what taking one of its jobs does); any replica's worker may
// take a job, whichever replica sent it.
//
// The queue delivers; a row of the feature's own tracks the run. Taking a job claims that row
// (queued → running, with the replica's id) before any work, and the queue's job is done once the
// claim is made: a job delivered twice (the queue retries one whose worker died before claiming)
// finds the row claimed and does nothing, so nothing runs twice. Work under way on a replica that
// dies is marked interrupted by the feature's sweep, never left running.
import 'server-only';
import PgBoss from 'pg-boss';
import type { Logger } from '@/lib/observability/logger.ts';

/** The schema pg-boss keeps its tables in (created and migrated by pg-boss, under its advisory lock). */
export const JOBS_SCHEMA = 'wharf_jobs';

/** Takes one job: claims the feature's row and runs the work in the background (the promise is the run). */
export type TakeJob<T> = (data: T, replicaId: string) => Promise<void>;

type Definition = {
  name: string;
  take: TakeJob<never>;
  /** Jobs fetched per poll. */
  batchSize: number;
  /** `short`: at most one job per singleton key waits (a second send of the key is dropped); `standard` otherwise. */
  policy: 'standard' | 'short';
};

/** When a job may be taken (not before `startAfter`), and its key under the `short` policy. */
export type SendOptions = { startAfter?: Date; singletonKey?: string };

export type JobCounts = { waiting: Record<string, number>; running: Record<string, number> };

/** `work: false`: this process only sends jobs, never takes them (a console replica always works). */
export type JobQueueOptions = { databaseUrl: string; replicaId: string; log: Pick<Logger, 'warn' | 'error'>; work?: boolean };

export class JobQueue {
  private boss: PgBoss | null = null;
  private starting: Promise<PgBoss> | null = null;
  private readonly definitions = new Map<string, Definition>();
  private readonly workers = new Map<string, string>();
  /** Work this replica runs, by queue: stop() waits for none, it ends on its own or is marked interrupted. */
  private readonly running = new Map<string, Set<Promise<void>>>();

  constructor(private readonly options: JobQueueOptions) {}

  get replicaId(): string {
    return this.options.replicaId;
  }

  /** Defines a queue and what taking one of its jobs does. Before or after start(); once per name. */
  define<T extends object>(name: string, take: TakeJob<T>, options: { batchSize?: number; policy?: Definition['policy'] } = {}): void {
    if (this.definitions.has(name)) throw new Error(`The job queue ${name} is defined twice`);
    const definition: Definition = { name, take: take as TakeJob<never>, batchSize: options.batchSize ?? 4, policy: options.policy ?? 'standard' };
    this.definitions.set(name, definition);
    if (this.boss) void this.open(this.boss, definition).catch((error: unknown) => this.options.log.error({ err: error, queue: name }, 'a job queue could not open'));
  }

  /** Starts pg-boss (installing or migrating its schema when needed) and this replica's workers. Idempotent. */
  start(): Promise<PgBoss> {
    this.starting ??= this.connect();
    return this.starting;
  }

  private async connect(): Promise<PgBoss> {
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
    for (const definition of this.definitions.values()) await this.open(boss, definition);
    this.boss = boss;
    return boss;
  }

  private async open(boss: PgBoss, { name, take, batchSize, policy }: Definition): Promise<void> {
    // A delivery whose worker died before claiming its row is retried once after a minute (the claim makes a second run impossible).
    await boss.createQueue(name, { name, policy, retryLimit: 1, retryDelay: 0, expireInSeconds: 60, retentionMinutes: 60 });
    if (this.options.work === false) return;
    const workerId = await boss.work<never>(name, { pollingIntervalSeconds: 0.5, batchSize }, async (jobs) => {
      for (const job of jobs) this.take(name, take, job.data);
    });
    this.workers.set(name, workerId);
  }

  /** Sends a job (to start at `startAfter`, one per key under the `short` policy); this replica's worker is woken for one that may start now. */
  async send<T extends object>(name: string, data: T, options: SendOptions = {}): Promise<void> {
    if (!this.definitions.has(name)) throw new Error(`No job queue is named ${name}`);
    const boss = await this.start();
    await boss.send(name, data, { ...(options.startAfter ? { startAfter: options.startAfter } : {}), ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}) });
    const workerId = this.workers.get(name);
    if (workerId && !options.startAfter) boss.notifyWorker(workerId);
  }

  /** The singleton keys of a queue's jobs waiting (whenever they start) or being taken: what a sweep need not send again. */
  async keysWaiting(name: string): Promise<Set<string>> {
    const boss = await this.start();
    const { rows } = await boss.getDb().executeSql(`SELECT DISTINCT singleton_key FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND state IN ('created', 'retry', 'active') AND singleton_key IS NOT NULL`, [name]);
    return new Set(rows.map((row: { singleton_key: string }) => row.singleton_key));
  }

  /** Removes a queue's jobs of `singletonKey` that wait to start (a paused git source's next check). */
  async cancelWaiting(name: string, singletonKey: string): Promise<void> {
    const boss = await this.start();
    await boss.getDb().executeSql(`DELETE FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND singleton_key = $2 AND state = 'created'`, [name, singletonKey]);
  }

  private take(name: string, take: TakeJob<never>, data: never): void {
    const runs = this.running.get(name) ?? new Set<Promise<void>>();
    this.running.set(name, runs);
    const run = take(data, this.options.replicaId)
      .catch((error: unknown) => this.options.log.error({ err: error, queue: name }, 'a job could not run'))
      .finally(() => runs.delete(run));
    runs.add(run);
  }

  /** How many of a queue's jobs this replica is running now. */
  runningCount(name: string): number {
    return this.running.get(name)?.size ?? 0;
  }

  /** By queue, for /metrics: jobs waiting to be taken (by any replica; none known while the queue is not started) and work this replica runs. */
  async counts(): Promise<JobCounts> {
    const boss = this.boss;
    const names = [...this.definitions.keys()];
    const waiting = boss ? Object.fromEntries(await Promise.all(names.map(async (name) => [name, await boss.getQueueSize(name)] as const))) : {};
    return { waiting, running: Object.fromEntries(names.map((name) => [name, this.runningCount(name)])) };
  }

  /** Stops taking jobs. Work under way here goes on until the process ends; after that the sweeps mark it. */
  async stop(): Promise<void> {
    const boss = this.boss ?? (this.starting ? await this.starting.catch(() => null) : null);
    this.boss = null;
    this.starting = null;
    this.workers.clear();
    if (!boss) return;
    await boss.stop({ graceful: true, wait: true, timeout: 5_000 }).catch((error: unknown) => this.options.log.warn({ err: error }, 'the job queue did not stop cleanly'));
  }
}
