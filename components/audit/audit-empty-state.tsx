// What the audit page says when no entry matches: what Wharf records, and how to widen the search.
import { ScrollText } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { EmptyState } from '@/components/ui/empty-state.tsx';

export function AuditEmptyState({ filtered, paged }: { filtered: boolean; paged: boolean }) {
  const t = useTranslations('audit.empty');
  const title = filtered ? t('filtered') : paged ? t('paged') : t('none');
  return (
    <EmptyState
      icon={<ScrollText className="size-8" />}
      title={title}
      action={
        // Past the last page without filters, the pager below already links back to the newest entries.
        filtered ? (
          <Link href="/audit" className="text-accent underline">
            {t('showAll')}
          </Link>
        ) : undefined
      }
    >
      <p>
        {t('text')}
      </p>
    </EmptyState>
  );
}
