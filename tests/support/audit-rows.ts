// The audit log as the Audit page shows it, for assertions: one line per entry, with the outcome
// that settled it (a pending row and its settlement are one line), oldest first. Conditions on
// what a settlement may change (result, message, targetId, targetName) apply to the line.
import type { Db } from '@/lib/db/client.ts';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { auditRowOf, auditRowSelect, type AuditRow } from '@/lib/services/audit/list-audit-entries.ts';

const SETTLED_FIELDS = ['result', 'message', 'targetId', 'targetName'] as const;
type Settled = Partial<Record<(typeof SETTLED_FIELDS)[number], string | null>>;

export async function auditLines(db: Db, where: Prisma.AuditEntryWhereInput & Settled = {}): Promise<AuditRow[]> {
  const rowWhere: Prisma.AuditEntryWhereInput = { ...where };
  const lineWhere: Settled = {};
  for (const key of SETTLED_FIELDS) {
    if (!(key in where)) continue;
    const value = where[key];
    if (value !== null && typeof value !== 'string') throw new Error(`auditLines: ${key} takes a plain value`);
    lineWhere[key] = value;
    delete rowWhere[key];
  }
  const rows = await db.auditEntry.findMany({ where: { AND: [rowWhere, { settles: null }] }, orderBy: { id: 'asc' }, select: auditRowSelect });
  return rows.map(auditRowOf).filter((line) => Object.entries(lineWhere).every(([key, value]) => line[key as keyof Settled] === value));
}
