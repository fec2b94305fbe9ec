'use client';
// What a console page shows when rendering it failed on the server: the shell (navigation, live
// status) stays, the page says so in the user's language, gives the reference the server log
// records the error under, and can be tried again without a reload.
import { AlertTriangle } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { RetryButton } from '@/components/ui/retry-button.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';

export default function ConsolePageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errors.page');
  return (
    <div role="alert">
      <EmptyState
        icon={<AlertTriangle className="size-8" />}
        title={t('title')}
        action={<RetryButton reset={reset}>{t('retry')}</RetryButton>}
      >
        <p>{t('text')}</p>
        {error.digest && <p className="mt-2 font-mono text-xs">{t('reference', { digest: error.digest })}</p>}
      </EmptyState>
    </div>
  );
}
