// Downloads of the audit log with the page's filters, as CSV or JSON lines (every matching entry,
// not just this page). Plain links: the browser saves the streamed file.
import { Download } from 'lucide-react';
import { buttonClass } from '@/components/ui/button.tsx';
import { auditExportHref } from '@/lib/models/audit/audit-search-params.ts';
import type { AuditFilter } from '@/lib/models/audit/audit-filter.ts';

export function AuditExportLinks({ filter, filtered }: { filter: AuditFilter; filtered: boolean }) {
  const what = filtered ? 'the entries matching these filters' : 'every entry';
  return (
    <>
      <a href={auditExportHref(filter, 'csv')} download className={buttonClass({ variant: 'secondary', size: 'sm' })} title={`Download ${what} as CSV`}>
        <Download className="size-3.5" aria-hidden /> Export CSV
      </a>
      <a href={auditExportHref(filter, 'jsonl')} download className={buttonClass({ variant: 'secondary', size: 'sm' })} title={`Download ${what} as JSON lines`}>
        <Download className="size-3.5" aria-hidden /> Export JSON lines
      </a>
    </>
  );
}
