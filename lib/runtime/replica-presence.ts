// This console process among the replicas sharing one Postgres: an id of its own and a heartbeat
// row (Replica) written on the database's clock, so no two machines' clocks are compared. A
// replica whose heartbeat is older than STALE_AFTER_MS is taken to be dead: its provisioning runs
// are marked interrupted at their step (lib/services/hosts/provision/provision-runner.ts) and its
// row removed, by whichever replica leads the sweep. Owned by the runtime.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '@/lib/db/client.ts';
import type { Logger } from '@/lib/observability/logger.ts';

export const HEARTBEAT_MS = 3000;
// Who counts as alive is read where services can read it too.
export { forgetStaleReplicas, liveReplicaIds, replicaIsLive, STALE_AFTER_MS } from '@/lib/db/replica-liveness.ts';

export class ReplicaPresence {
  readonly id = randomUUID();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: { db: Db; log: Logger }) {}

  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => {
      void this.beat().catch((error: unknown) => this.deps.log.warn({ err: error }, 'the replica heartbeat could not be written'));
    }, HEARTBEAT_MS);
    this.timer.unref();
  }

  /** Inserts the row again if a sweep removed it (this replica could not reach the database for a while). */
  private async beat(): Promise<void> {
    await this.deps.db.$executeRaw`
      INSERT INTO "Replica" ("id", "hostname", "pid", "startedAt", "heartbeatAt")
      VALUES (${this.id}, ${hostname()}, ${process.pid}, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
      ON CONFLICT ("id") DO UPDATE SET "heartbeatAt" = now() AT TIME ZONE 'UTC'`;
  }

  /** A clean stop: the row goes at once (its runs were marked interrupted by the runner's close). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.deps.db.replica.deleteMany({ where: { id: this.id } }).catch(() => {});
  }
}
