// Downloads of the audit log with the page's filters, as CSV or JSON lines (every matching entry,
// not just this page). Plain links: the browser saves the streamed file.
import { Download } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/button.tsx';
import { auditExportHref } from '@/lib/models/audit/audit-search-params.ts';
import type { AuditFilter } from '@/lib/models/audit/audit-filter.ts';

export function AuditExportLinks({ filter, filtered }: { filter: AuditFilter; filtered: boolean }) {
  const t = useTranslations('audit.export');
  return (
    <>
      <a href={auditExportHref(filter, 'csv')} download className={buttonClass({ variant: 'secondary', size: 'sm' })} title={filtered ? t('csvMatching') : t('csvAll')}>
        <Download className="size-3.5" aria-hidden /> {t('csv')}
      </a>
      <a href={auditExportHref(filter, 'jsonl')} download className={buttonClass({ variant: 'secondary', size: 'sm' })} title={filtered ? t('jsonlMatching') : t('jsonlAll')}>
        <Download className="size-3.5" aria-hidden /> {t('jsonl')}
      </a>
    </>
  );
}
