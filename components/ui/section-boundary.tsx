'use client';
// One part of a page that is rendered on its own (a Suspense section read from the engines): if
// rendering it fails, that part says so and can be tried again, and the rest of the page stays.
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';
import { RetryButton } from './retry-button.tsx';

/** `what` names the part ("Swarms"), in the reader's language. */
export function SectionBoundary({ what, children }: { what: string; children: ReactNode }) {
  return <ErrorBoundary fallbackRender={(props) => <SectionFailed what={what} {...props} />}>{children}</ErrorBoundary>;
}

function SectionFailed({ what, error, resetErrorBoundary }: FallbackProps & { what: string }) {
  const t = useTranslations('errors.section');
  // A server component's error reaches the browser as its digest only (the message stays in the server log).
  const digest = typeof error === 'object' && error !== null && 'digest' in error && typeof error.digest === 'string' ? error.digest : null;
  return (
    <section role="alert" aria-label={t('title', { what })} className="mt-6 rounded-lg border border-danger/40 bg-danger/10 p-4 text-sm">
      <h2 className="font-semibold text-danger">{t('title', { what })}</h2>
      <p className="mt-1 text-muted">{digest ? t('text', { digest }) : t('textNoReference')}</p>
      <RetryButton className="mt-3" variant="secondary" size="sm" reset={resetErrorBoundary}>
        {t('retry')}
      </RetryButton>
    </section>
  );
}
