// GET: the audit log with the page's filters (actor, action, result) as a CSV or JSON lines file,
// streamed. The export is itself an audit entry, written before anything is read.
// Query: format=csv|jsonl, and the Audit page's own filter parameters.
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { authedDownload } from '@/lib/http/authed-route.ts';
import { parseAuditSearchParams } from '@/lib/models/audit/audit-search-params.ts';
import { AUDIT_EXPORT_FORMATS, type AuditExportFormat } from '@/lib/services/audit/audit-export-format.ts';
import { exportAuditEntries } from '@/lib/services/audit/export-audit-entries.ts';

const isFormat = (value: string | null): value is AuditExportFormat => (AUDIT_EXPORT_FORMATS as readonly (string | null)[]).includes(value);

export const GET = authedDownload('audit.view', async ({ rt, actor, url }) => {
  const format = url.searchParams.get('format');
  if (!isFormat(format)) throw new AppError('INVALID_INPUT', msg('audit.errors.chooseFormat'));
  const { filter, ignored } = parseAuditSearchParams(Object.fromEntries(url.searchParams));
  if (ignored.length) throw new AppError('INVALID_INPUT', msg('audit.errors.badFilters', { names: ignored.join(', ') }));
  return exportAuditEntries(rt, actor, filter, format);
});
