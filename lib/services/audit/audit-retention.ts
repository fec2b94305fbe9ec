// Retention: entries older than the configured number of days are removed, oldest first, in
// batches, and each cut records a checkpoint (the id and hash of the last entry removed) so the
// chain stays verifiable from there. Default: keep everything. A cut never separates a pending
// entry from the row that settles it, and never past an entry an enabled forwarding destination
// has not taken yet (forwarding/forwarding-hold.ts). Each run that removes something is audited, with the hash
// at the cut, so the chain itself also holds the checkpoint.
import 'server-only';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor, type AuditSubject } from '@/lib/auth/actor.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import type { AuditRetention } from '@/lib/schemas/audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { forwardingHold } from './forwarding/forwarding-hold.ts';

export const AUDIT_RETENTION_KEY = 'audit.retention';
export const RETENTION_LOCK = 7_431_902_120;
const DAY_MS = 86_400_000;
const SYSTEM: AuditSubject = { id: null, name: 'wharf', ip: null };

type Deps = Pick<ServiceDeps, 'db'>;

export async function readAuditRetention(deps: Deps): Promise<AuditRetention> {
  const row = await deps.db.setting.findUnique({ where: { key: AUDIT_RETENTION_KEY } });
  const days = (row?.value as { days?: unknown } | null)?.days;
  return { days: typeof days === 'number' && Number.isInteger(days) && days > 0 ? days : null };
}

export const describeRetention = ({ days }: AuditRetention): string => (days === null ? 'keep every entry' : `keep entries for ${days} ${days === 1 ? 'day' : 'days'}`);

export type PruneReport = { removed: number; through: string | null; hash: string | null };

type Tx = Pick<Deps['db'], 'auditEntry'>;

/** `target`, lowered to the lowest cursor of the enabled forwarding destinations. */
async function heldBack(db: Pick<Deps['db'], 'auditDestination'>, target: bigint): Promise<bigint> {
  const hold = await forwardingHold(db);
  return hold !== null && hold < target ? hold : target;
}

/**
 * The last entry a cut may end at, at most `target` and after `from`: before the oldest pending
 * entry whose settlement comes after the cut. Null when nothing can be cut.
 */
async function safeCut(tx: Tx, from: bigint, target: bigint): Promise<bigint | null> {
  const last = await tx.auditEntry.findFirst({ where: { id: { gt: from, lte: target } }, orderBy: { id: 'desc' }, select: { id: true } });
  if (!last) return null;
  const split = await tx.auditEntry.aggregate({ where: { id: { gt: last.id }, settles: { lte: last.id, gt: from } }, _min: { settles: true } });
  if (split._min.settles === null) return last.id;
  const before = await tx.auditEntry.findFirst({ where: { id: { gt: from, lt: split._min.settles } }, orderBy: { id: 'desc' }, select: { id: true } });
  return before?.id ?? null;
}

const newestCheckpoint = (tx: Pick<Deps['db'], 'auditCheckpoint'>) =>
  tx.auditCheckpoint.findFirst({ orderBy: [{ throughId: 'desc' }, { id: 'desc' }], select: { throughId: true } }).then((c) => c?.throughId ?? 0n);

/** One batch under the retention lock: the cut, the checkpoint and the removal in one transaction. */
async function pruneBatch(deps: Deps, target: bigint, batch: number, days: number): Promise<{ removed: number; through: bigint; hash: string } | null> {
  return deps.db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RETENTION_LOCK}::bigint)`;
      const from = await newestCheckpoint(tx);
      // Read again under the lock: a destination added meanwhile holds from where it starts.
      target = await heldBack(tx, target);
      if (target <= from) return null;
      const rows = await tx.auditEntry.findMany({ where: { id: { gt: from, lte: target } }, orderBy: { id: 'asc' }, take: batch, select: { id: true } });
      if (rows.length === 0) return null;
      const cut = await safeCut(tx, from, rows[rows.length - 1]!.id);
      if (cut === null) return null;
      const { hash } = await tx.auditEntry.findUniqueOrThrow({ where: { id: cut }, select: { hash: true } });
      await tx.$executeRaw`SELECT set_config('wharf.audit_retention', 'on', true)`;
      const { count } = await tx.auditEntry.deleteMany({ where: { id: { lte: cut } } });
      await tx.auditCheckpoint.create({
        data: { throughId: cut, hash, removed: count, reason: `Retention (${describeRetention({ days })}): removed entries through ${cut}.` },
      });
      return { removed: count, through: cut, hash };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

/** Removes what the retention setting says is too old. Does nothing (and writes nothing) when nothing is. */
export async function pruneAuditLog(deps: Deps, options: { now?: Date; batch?: number; subject?: AuditSubject } = {}): Promise<PruneReport> {
  const { days } = await readAuditRetention(deps);
  const none: PruneReport = { removed: 0, through: null, hash: null };
  if (days === null) return none;
  const cutoff = new Date((options.now ?? new Date()).getTime() - days * DAY_MS);
  const newestOld = await deps.db.auditEntry.aggregate({ where: { at: { lt: cutoff } }, _max: { id: true } });
  if (newestOld._max.id === null) return none;
  const limit = await heldBack(deps.db, newestOld._max.id);
  // Nothing is written (not even the audit row) when nothing can be cut.
  const target = await safeCut(deps.db, await newestCheckpoint(deps.db), limit);
  if (target === null) return none;
  const batch = options.batch ?? 5000;
  return audited(
    deps.db,
    options.subject ?? SYSTEM,
    'audit.retention',
    { type: 'audit-log', name: `entries older than ${days} ${days === 1 ? 'day' : 'days'}` },
    async () => {
      const report: PruneReport = { ...none };
      for (;;) {
        const done = await pruneBatch(deps, target, batch, days);
        if (!done) break;
        report.removed += done.removed;
        report.through = done.through.toString();
        report.hash = done.hash;
      }
      return report;
    },
    (report) => ({ message: report.through ? `Removed ${report.removed} entries through entry ${report.through}; hash at the cut ${report.hash}.` : 'Nothing could be removed.' }),
  );
}

/** Changes the retention setting (audited), then applies it at once. */
export async function changeAuditRetention(deps: Deps, actor: Actor, input: AuditRetention): Promise<{ retention: AuditRetention; pruned: PruneReport }> {
  const retention = { days: input.days };
  await audited(deps.db, subjectOf(actor), 'audit.retention.change', { type: 'audit-log', name: describeRetention(retention) }, async () => {
    await deps.db.setting.upsert({
      where: { key: AUDIT_RETENTION_KEY },
      create: { key: AUDIT_RETENTION_KEY, value: retention as Prisma.InputJsonValue },
      update: { value: retention as Prisma.InputJsonValue },
    });
  });
  const pruned = await pruneAuditLog(deps, { subject: subjectOf(actor) });
  return { retention, pruned };
}
