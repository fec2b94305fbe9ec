// Exports the audit log with the page's filters (actor, action, outcome), oldest first, as CSV or
// JSON lines, streamed in batches. The export is itself audited: its pending row is written before
// anything is read (no row, no export), and the export covers the entries before that row.
import 'server-only';
import { settleAudit, startAudit } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { AuditFilter } from '@/lib/models/audit/audit-filter.ts';
import type { ServiceDeps } from '../deps.ts';
import { exportContentType, exportHeader, exportLine, type AuditExportFormat } from './audit-export-format.ts';
import { auditRowOf, auditRowSelect, auditWhere } from './list-audit-entries.ts';
import { log } from '@/lib/observability/logger.ts';

const BATCH = 500;

export type AuditExport = { filename: string; contentType: string; chunks: AsyncGenerator<string, void, undefined> };

export function describeExportFilter(filter: Pick<AuditFilter, 'actor' | 'action' | 'result'>): string {
  const parts = [filter.actor && `actor ${filter.actor}`, filter.action && `action ${filter.action}`, filter.result && `result ${filter.result}`].filter(Boolean);
  return parts.length ? parts.join(', ') : 'all entries';
}

export async function exportAuditEntries(
  deps: Pick<ServiceDeps, 'db'>,
  actor: Actor,
  filter: Pick<AuditFilter, 'actor' | 'action' | 'result'>,
  format: AuditExportFormat,
): Promise<AuditExport> {
  const narrowed = { actor: filter.actor, action: filter.action, result: filter.result };
  const pending = await startAudit(deps.db, subjectOf(actor), 'audit.export', { type: 'audit-log', name: `${describeExportFilter(narrowed)} as ${format === 'csv' ? 'CSV' : 'JSON lines'}` });
  async function* chunks(): AsyncGenerator<string, void, undefined> {
    let count = 0;
    let outcome: { result: 'succeeded' | 'failed'; message: string } = { result: 'failed', message: 'The download was cancelled.' };
    try {
      yield exportHeader(format);
      let after = 0n;
      for (;;) {
        const where = auditWhere(narrowed);
        const rows = await deps.db.auditEntry.findMany({
          where: { AND: [where, { id: { gt: after, lt: pending.id } }] },
          orderBy: { id: 'asc' },
          take: BATCH,
          select: auditRowSelect,
        });
        if (rows.length === 0) break;
        yield rows.map((row) => exportLine(format, auditRowOf(row))).join('');
        count += rows.length;
        after = rows[rows.length - 1]!.id;
        if (rows.length < BATCH) break;
      }
      outcome = { result: 'succeeded', message: `${count} ${count === 1 ? 'entry' : 'entries'} through entry ${pending.id - 1n}` };
    } catch (error) {
      outcome = { result: 'failed', message: 'Reading the log failed (see server log).' };
      throw error;
    } finally {
      await settleAudit(deps.db, pending, outcome).catch((e) => log('audit').error({ err: e }, `could not record the end of export ${pending.id}`));
    }
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return { filename: `wharf-audit-${stamp}.${format === 'csv' ? 'csv' : 'jsonl'}`, contentType: exportContentType(format), chunks: chunks() };
}
