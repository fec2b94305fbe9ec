// Reads the audit log for the admin page: newest first, filtered, paged by id (a keyset cursor),
// so every page is a short walk down the primary key instead of an OFFSET scan. An entry is shown
// with its outcome: a pending row and the row that settles it are one line, filtered by the
// outcome (lib/audit/record-audit.ts).
import 'server-only';
import type { AuditResult } from '@/lib/audit/record-audit.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { AUDIT_PAGE_MAX, type AuditFilter } from '@/lib/models/audit/audit-filter.ts';
import type { ServiceDeps } from '../deps.ts';

export { AUDIT_PAGE_MAX, type AuditFilter };

export const AUDIT_PAGE_SIZE = 50;

export type AuditRow = {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  result: AuditResult;
  message: string | null;
  ip: string | null;
  /** When the outcome of a pending entry was recorded (null: written with its outcome, or still pending). */
  settledAt: string | null;
};

export type AuditPage = { entries: AuditRow[]; nextCursor: string | null };

const RESULTS: readonly AuditResult[] = ['pending', 'succeeded', 'failed', 'denied'];
// Results are written by recordAudit() only; anything else would be a row written by hand.
const resultOf = (value: string): AuditResult => (RESULTS as readonly string[]).includes(value) ? (value as AuditResult) : 'failed';

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return AUDIT_PAGE_SIZE;
  return Math.min(AUDIT_PAGE_MAX, Math.max(1, Math.trunc(limit)));
}

// Prefix matching is only offered for values without LIKE wildcards, so a % or _ typed into the
// filter can never widen the match (action names never contain them).
const LIKE_SPECIAL = /[%_\\]/;

/** The Prisma filter for `filter` (pure; exported for its tests). Settlement rows are never listed on their own. */
export function auditWhere(filter: Omit<AuditFilter, 'limit'>): Prisma.AuditEntryWhereInput {
  const and: Prisma.AuditEntryWhereInput[] = [{ settles: null }];
  // A user's rows made with one of their API tokens are named "<user> (token <name>)": theirs too.
  if (filter.actor) {
    and.push(LIKE_SPECIAL.test(filter.actor) ? { actorName: filter.actor } : { OR: [{ actorName: filter.actor }, { actorName: { startsWith: `${filter.actor} (token ` } }] });
  }
  if (filter.actorIds) and.push({ actorId: { in: [...filter.actorIds] } });
  if (filter.action) {
    and.push({
      OR: LIKE_SPECIAL.test(filter.action)
        ? [{ action: filter.action }]
        : [{ action: filter.action }, { action: { startsWith: `${filter.action}.` } }],
    });
  }
  if (filter.result === 'pending') and.push({ result: 'pending', settlement: { is: null } });
  else if (filter.result) and.push({ OR: [{ result: filter.result }, { result: 'pending', settlement: { is: { result: filter.result } } }] });
  if (filter.before !== undefined) and.push({ id: { lt: filter.before } });
  return { AND: and };
}

export const auditRowSelect = {
  id: true,
  at: true,
  actorId: true,
  actorName: true,
  action: true,
  targetType: true,
  targetId: true,
  targetName: true,
  result: true,
  message: true,
  ip: true,
  settlement: { select: { at: true, result: true, message: true, targetId: true, targetName: true } },
} satisfies Prisma.AuditEntrySelect;

type SelectedRow = Prisma.AuditEntryGetPayload<{ select: typeof auditRowSelect }>;

/** An entry as shown: its own row, with the outcome its settlement recorded. */
export function auditRowOf(row: SelectedRow): AuditRow {
  const settled = row.settlement;
  return {
    id: row.id.toString(),
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    targetType: row.targetType,
    targetId: settled?.targetId ?? row.targetId,
    targetName: settled?.targetName ?? row.targetName,
    result: resultOf(settled?.result ?? row.result),
    message: settled ? settled.message : row.message,
    ip: row.ip,
    settledAt: settled ? settled.at.toISOString() : null,
  };
}

export async function listAuditEntries(deps: Pick<ServiceDeps, 'db'>, filter: AuditFilter = {}): Promise<AuditPage> {
  const limit = clampLimit(filter.limit);
  const rows = await deps.db.auditEntry.findMany({ where: auditWhere(filter), orderBy: { id: 'desc' }, take: limit + 1, select: auditRowSelect });
  const page = rows.slice(0, limit);
  return {
    entries: page.map(auditRowOf),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id.toString() : null,
  };
}
