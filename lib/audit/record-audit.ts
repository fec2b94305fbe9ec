// Audit rows: who did what to which target, with what result. Rows are only ever inserted: the
// database chains each one to the one before (lib/audit/audit-chain.ts) and refuses changes. A
// mutation first writes a pending row; if that write fails the mutation does not run. Its
// outcome is a second row that settles the first (`settles`), chained like any other.
import 'server-only';
import type { Db } from '@/lib/db/client.ts';
import { AppError, isAppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import type { AuditSubject } from '@/lib/auth/actor.ts';
import { log } from '@/lib/observability/logger.ts';

export type AuditTarget = { type: string; id?: string | null; name?: string | null };
export type AuditResult = 'pending' | 'succeeded' | 'failed' | 'denied';

/** What writes audit rows: the client, or a transaction's. */
export type AuditDb = Pick<Db, 'auditEntry'>;

const clip = (value: string | null | undefined, max: number) => (value == null ? null : value.slice(0, max));

/** What the user is told when the audit log cannot be written (English, for logs and tests). */
export const AUDIT_WRITE_REFUSED = renderMessage(msg('audit.errors.writeRefused'));

type Entry = { subject: AuditSubject; action: string; target?: AuditTarget; result: AuditResult; message?: string | null; settles?: bigint };

async function insert(db: AuditDb, entry: Entry): Promise<bigint> {
  const row = await db.auditEntry.create({
    data: {
      actorId: entry.subject.id,
      actorName: clip(entry.subject.name, 100) ?? 'unknown',
      ip: clip(entry.subject.ip, 64),
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: clip(entry.target?.id, 100),
      targetName: clip(entry.target?.name, 200),
      result: entry.result,
      message: clip(entry.message, 500),
      settles: entry.settles ?? null,
    },
    select: { id: true },
  });
  // The row's own line, under the request it was written for (its id ties the log to the audit log).
  log('audit').info({ auditId: String(row.id), action: entry.action, result: entry.result, actorId: entry.subject.id, targetType: entry.target?.type, targetId: entry.target?.id }, `audit ${entry.action} ${entry.result}`);
  return row.id;
}

/**
 * Writes one row. If it cannot be written, this throws an AppError that says nothing was done:
 * callers write the row before they act.
 */
export async function recordAudit(db: AuditDb, entry: Omit<Entry, 'settles'>): Promise<bigint> {
  try {
    return await insert(db, entry);
  } catch (error) {
    log('audit').error({ action: entry.action, err: error }, `could not record ${entry.action}`);
    throw new AppError('INTERNAL', msg('audit.errors.writeRefused'), { cause: error });
  }
}

/** A pending row, and what its settlement repeats of it. */
export type PendingAudit = { id: bigint; subject: AuditSubject; action: string; target: AuditTarget };

/** Writes a pending row before an operation (throws, and so stops the operation, if it cannot). */
export async function startAudit(db: AuditDb, subject: AuditSubject, action: string, target: AuditTarget, message?: string): Promise<PendingAudit> {
  const id = await recordAudit(db, { subject, action, target, result: 'pending', message });
  return { id, subject, action, target };
}

/**
 * Records the outcome of a pending row as its own row. `target` completes or corrects the
 * target (for example with the id of what was created). Throws the database's error as is.
 */
export async function settleAudit(
  db: AuditDb,
  pending: PendingAudit,
  outcome: { result: 'succeeded' | 'failed'; message?: string | null; target?: Partial<AuditTarget> },
): Promise<bigint> {
  const target = { ...pending.target, ...Object.fromEntries(Object.entries(outcome.target ?? {}).filter(([, v]) => v)) };
  return insert(db, { subject: pending.subject, action: pending.action, target, result: outcome.result, message: outcome.message ?? null, settles: pending.id });
}

/** Only messages we wrote ourselves go into the log: never an engine's or a library's raw text. */
export const auditMessageOf = (error: unknown) => (isAppError(error) ? error.message : 'Unexpected error (see server log)');

/**
 * Runs a mutation with an audit row around it. `target` may be completed by the mutation
 * (for example with the id of what it created) through the returned value.
 */
export async function audited<T>(
  db: AuditDb,
  subject: AuditSubject,
  action: string,
  target: AuditTarget,
  run: () => Promise<T>,
  describe?: (result: T) => Partial<AuditTarget> & { message?: string },
): Promise<T> {
  const pending = await startAudit(db, subject, action, target);
  let value: T;
  try {
    value = await run();
  } catch (error) {
    await settleAudit(db, pending, { result: 'failed', message: auditMessageOf(error) }).catch((e) => {
      log('audit').error({ auditId: String(pending.id), err: e }, `could not record the failure of entry ${pending.id}`);
    });
    throw error;
  }
  const { message, ...more } = describe?.(value) ?? {};
  try {
    await settleAudit(db, pending, { result: 'succeeded', message, target: more });
  } catch (error) {
    log('audit').error({ auditId: String(pending.id), err: error }, `could not record the success of entry ${pending.id}`);
    throw new AppError('INTERNAL', msg('audit.errors.settleFailed', { id: String(pending.id) }), { cause: error });
  }
  return value;
}
