// Audit rows: who did what to which target, with what result. A mutation first writes a
// pending row; if that write fails the mutation does not run.
import 'server-only';
import type { Db } from '@/lib/db/client.ts';
import { isAppError } from '@/lib/errors.ts';
import type { AuditSubject } from '@/lib/auth/actor.ts';

export type AuditTarget = { type: string; id?: string | null; name?: string | null };
export type AuditResult = 'pending' | 'succeeded' | 'failed' | 'denied';

const clip = (value: string | null | undefined, max: number) => (value == null ? null : value.slice(0, max));

export async function recordAudit(
  db: Db,
  entry: { subject: AuditSubject; action: string; target?: AuditTarget; result: AuditResult; message?: string },
): Promise<bigint> {
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
    },
    select: { id: true },
  });
  return row.id;
}

/** Only messages we wrote ourselves go into the log: never an engine's or a library's raw text. */
const auditMessageOf = (error: unknown) => (isAppError(error) ? error.message : 'Unexpected error (see server log)');

/**
 * Runs a mutation with an audit row around it. `target` may be completed by the mutation
 * (for example with the id of what it created) through the returned value.
 */
export async function audited<T>(
  db: Db,
  subject: AuditSubject,
  action: string,
  target: AuditTarget,
  run: () => Promise<T>,
  describe?: (result: T) => Partial<AuditTarget>,
): Promise<T> {
  const id = await recordAudit(db, { subject, action, target, result: 'pending' });
  let value: T;
  try {
    value = await run();
  } catch (error) {
    await db.auditEntry.update({ where: { id }, data: { result: 'failed', message: clip(auditMessageOf(error), 500) } }).catch((e) => {
      console.error('[audit] could not record a failure', e);
    });
    throw error;
  }
  const more = describe?.(value) ?? {};
  await db.auditEntry.update({
    where: { id },
    data: { result: 'succeeded', ...(more.id ? { targetId: clip(more.id, 100) } : {}), ...(more.name ? { targetName: clip(more.name, 200) } : {}) },
  });
  return value;
}
