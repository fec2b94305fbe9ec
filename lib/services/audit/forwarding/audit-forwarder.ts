// The forwarding worker: for every enabled destination, sends the audit entries after its cursor
// in chain order, moves the cursor after each batch the destination took, and on failure records
// the error and tries again later (backoff). Entries are read from the table, never queued in
// memory, so nothing is lost while a destination is down and a console restart resumes from the
// cursors. Owned by the runtime: started with the console, stopped on shutdown.
import 'server-only';
import { isDatabaseUnavailable } from '@/lib/database-unavailable.ts';
import { hostname } from 'node:os';
import { GENESIS_HASH, type ChainRow } from '@/lib/audit/audit-chain.ts';
import type { Db } from '@/lib/db/client.ts';
import type { ServiceDeps } from '../../deps.ts';
import { openAuditDestination, type OpenedDestination } from './audit-destinations.ts';
import { describeWhere, postHttp, sendSyslog } from './deliver.ts';
import { explainDeliveryError } from './explain-delivery-error.ts';
import { splitIntoBatches } from './forward-batches.ts';
import { forwardRecordsOf, type ForwardRecord } from './forward-record.ts';
import { DEFAULT_BACKOFF, retryDelayMs, type Backoff } from './retry-backoff.ts';
import { formatSyslogMessage, octetFrame } from './syslog-format.ts';
import { log } from '@/lib/observability/logger.ts';

type Deps = Pick<ServiceDeps, 'db' | 'keyring'>;

export const CHAIN_ROW_SELECT = {
  id: true, at: true, actorId: true, actorName: true, ip: true, action: true, targetType: true, targetId: true, targetName: true, result: true, message: true, settles: true, hash: true,
} as const;

/** The hash the entry `id` follows: the entry before it, or the checkpoint of the cut before it. */
export async function previousHashOf(db: Pick<Db, 'auditEntry' | 'auditCheckpoint'>, id: bigint): Promise<string> {
  const before = await db.auditEntry.findFirst({ where: { id: { lt: id } }, orderBy: { id: 'desc' }, select: { hash: true } });
  if (before) return before.hash;
  const checkpoint = await db.auditCheckpoint.findFirst({ where: { throughId: { lt: id } }, orderBy: [{ throughId: 'desc' }, { id: 'desc' }], select: { hash: true } });
  return checkpoint?.hash ?? GENESIS_HASH;
}

/** The entries after `cursor`, oldest first, as records a receiver can check. */
export async function readRecordsAfter(db: Pick<Db, 'auditEntry' | 'auditCheckpoint'>, cursor: bigint, take: number): Promise<ForwardRecord[]> {
  const rows: ChainRow[] = await db.auditEntry.findMany({ where: { id: { gt: cursor } }, orderBy: { id: 'asc' }, take, select: CHAIN_ROW_SELECT });
  if (rows.length === 0) return [];
  return forwardRecordsOf(rows, await previousHashOf(db, rows[0]!.id));
}

export type ForwarderOptions = {
  /** How often destinations are looked at when nothing wakes the worker. */
  pollMs?: number;
  /** Entries read per round. */
  readBatch?: number;
  /** HTTP batches: at most this many entries and bytes of JSON. */
  httpBatch?: { maxItems: number; maxBytes: number };
  backoff?: Backoff;
  timeoutMs?: number;
  /** The HOSTNAME of syslog messages. */
  hostname?: string;
};

type Attempts = { failures: number; nextAt: number };

export class AuditForwarder {
  private readonly pollMs: number;
  private readonly readBatch: number;
  private readonly httpBatch: { maxItems: number; maxBytes: number };
  private readonly backoff: Backoff;
  private readonly timeoutMs: number | undefined;
  private readonly hostname: string;
  private readonly running = new Map<string, Promise<void>>();
  private readonly attempts = new Map<string, Attempts>();
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private ticking: Promise<void> | null = null;

  constructor(
    private readonly deps: Deps,
    options: ForwarderOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 2_000;
    this.readBatch = options.readBatch ?? 500;
    this.httpBatch = options.httpBatch ?? { maxItems: 500, maxBytes: 1024 * 1024 };
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.timeoutMs = options.timeoutMs;
    this.hostname = options.hostname ?? hostname();
  }

  start(): void {
    if (this.started || this.abort.signal.aborted) return;
    this.started = true;
    this.wake();
  }

  /** Looks at the destinations now (after a change, or a new entry someone wants sent soon). */
  wake(): void {
    if (!this.started || this.abort.signal.aborted) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // A wake during a tick starts another after it, so a change is never missed.
    const previous = this.ticking ?? Promise.resolve();
    const tick: Promise<void> = previous.then(() => this.tick()).finally(() => {
      if (this.ticking === tick) this.ticking = null;
      this.schedule();
    });
    this.ticking = tick;
  }

  /** Forgets a destination's failures (it was edited, or enabled again): the next round tries it at once. */
  reset(destinationId: string): void {
    this.attempts.delete(destinationId);
    this.wake();
  }

  async stop(): Promise<void> {
    this.abort.abort(new Error('The console is stopping.'));
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking?.catch(() => {});
    await Promise.allSettled([...this.running.values()]);
  }

  /** Resolves once no destination is being sent to (tests). */
  async idle(): Promise<void> {
    await this.ticking?.catch(() => {});
    await Promise.allSettled([...this.running.values()]);
  }

  private schedule(): void {
    if (this.abort.signal.aborted || this.timer || this.ticking) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake();
    }, this.pollMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.abort.signal.aborted) return;
    let ids: string[];
    try {
      ids = (await this.deps.db.auditDestination.findMany({ where: { enabled: true }, select: { id: true } })).map((d) => d.id);
    } catch (error) {
      // While the database is away (the console says so once, and restarts its own), one line a tick.
      if (isDatabaseUnavailable(error)) log('audit-forwarding').warn('waiting for the database to answer again');
      else log('audit-forwarding').error({ err: error }, 'could not read the destinations');
      return;
    }
    for (const known of this.attempts.keys()) if (!ids.includes(known)) this.attempts.delete(known);
    const now = Date.now();
    for (const id of ids) {
      if (this.running.has(id) || (this.attempts.get(id)?.nextAt ?? 0) > now) continue;
      const run = this.drain(id).finally(() => this.running.delete(id));
      this.running.set(id, run);
    }
  }

  /** Sends everything after the cursor, batch by batch, until caught up or a send fails. */
  private async drain(id: string): Promise<void> {
    const { db } = this.deps;
    let destination: OpenedDestination | null = null;
    try {
      while (!this.abort.signal.aborted) {
        destination = await openAuditDestination(this.deps, id);
        if (!destination || !destination.enabled) return;
        const records = await readRecordsAfter(db, destination.deliveredThrough, this.readBatch);
        if (records.length === 0) return;
        await this.noteGap(destination, records[0]!);
        for (const batch of this.batchesFor(destination, records)) {
          if (this.abort.signal.aborted) return;
          await this.send(destination, batch);
          const through = BigInt(batch[batch.length - 1]!.number);
          const moved = await db.auditDestination.updateMany({
            where: { id, deliveredThrough: destination.deliveredThrough },
            data: { deliveredThrough: through, deliveredAt: new Date() },
          });
          // Edited, removed or moved meanwhile: read it again.
          if (moved.count === 0) break;
          destination = { ...destination, deliveredThrough: through };
        }
        this.attempts.delete(id);
        if (records.length < this.readBatch) return;
      }
    } catch (error) {
      if (this.abort.signal.aborted) return;
      const failures = (this.attempts.get(id)?.failures ?? 0) + 1;
      this.attempts.set(id, { failures, nextAt: Date.now() + retryDelayMs(failures, this.backoff) });
      const message = destination ? explainDeliveryError(error, describeWhere(destination.target)) : 'Could not read this destination.';
      if (!destination) log('audit-forwarding').error({ err: error, destinationId: id }, 'could not read destination');
      await db.auditDestination.updateMany({ where: { id }, data: { lastError: message, lastErrorAt: new Date() } }).catch(() => {});
    }
  }

  /** Entries retention removed while this destination was disabled are never sent; the gap is recorded. */
  private async noteGap(destination: OpenedDestination, first: ForwardRecord): Promise<void> {
    const cut = await this.deps.db.auditCheckpoint.findFirst({
      where: { throughId: { gt: destination.deliveredThrough, lt: BigInt(first.number) } },
      orderBy: { throughId: 'desc' },
      select: { throughId: true },
    });
    if (!cut) return;
    const message = `Entries ${destination.deliveredThrough + 1n} to ${cut.throughId} were removed by retention before they were sent here (the destination was disabled); forwarding resumed at entry ${first.number}, which follows the checkpoint's hash ${first.previousHash}.`;
    await this.deps.db.auditDestination.updateMany({ where: { id: destination.id }, data: { lastError: message, lastErrorAt: new Date() } });
  }

  private batchesFor(destination: OpenedDestination, records: ForwardRecord[]): ForwardRecord[][] {
    if (destination.target.kind === 'syslog') return [records];
    return splitIntoBatches(records, (r) => Buffer.byteLength(JSON.stringify(r)), this.httpBatch);
  }

  private async send(destination: OpenedDestination, records: ForwardRecord[]): Promise<void> {
    const options = { timeoutMs: this.timeoutMs, signal: this.abort.signal };
    const { target } = destination;
    if (target.kind === 'syslog') {
      await sendSyslog(target.settings, records.map((r) => octetFrame(formatSyslogMessage(r, { hostname: this.hostname }))), options);
    } else {
      await postHttp(target.settings, target.secret, { source: 'wharf', chain: records[0]!.chain, entries: records }, options);
    }
  }
}
