// Paging through the audit log: back to the newest entries, and on to older ones by cursor.
import { ChevronLeft, ChevronRight } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';

const linkStyle = 'inline-flex h-9 items-center gap-1 rounded-md border border-border bg-surface px-3 text-sm font-medium hover:bg-surface-2';

export function AuditPager({ newestHref, olderHref }: { newestHref: string | null; olderHref: string | null }) {
  const t = useTranslations('audit.pager');
  if (!newestHref && !olderHref) return null;
  return (
    <nav aria-label={t('label')} className="mt-4 flex items-center justify-between gap-2">
      <div>
        {newestHref && (
          <Link href={newestHref} className={linkStyle}>
            <ChevronLeft className="size-4" aria-hidden /> {t('newest')}
          </Link>
        )}
      </div>
      <div>
        {olderHref && (
          <Link href={olderHref} className={linkStyle} rel="next">
            {t('older')} <ChevronRight className="size-4" aria-hidden />
          </Link>
        )}
      </div>
    </nav>
  );
}
