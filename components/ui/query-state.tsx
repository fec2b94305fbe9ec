// What a list or detail read in the browser shows before its data is in: that Wharf is asking,
// or that the read failed (react-query keeps trying).
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';

export function Waiting({ what }: { what: string }) {
  const t = useTranslations('common.query');
  return (
    <div role="status" className="flex items-center gap-3 rounded-lg border border-border bg-surface p-6 text-muted">
      <span className="size-5 animate-spin rounded-full border-2 border-accent border-t-transparent" aria-hidden />
      <span>{t('waiting', { what })}</span>
    </div>
  );
}

export function ReadError({ what, error }: { what: string; error: Error }) {
  const t = useTranslations('common.query');
  return (
    <div role="alert" className="rounded-lg border border-danger/40 bg-danger/10 p-4 text-sm text-danger">
      {t.rich('failed', { what, message: error.message, strong: (chunks) => <strong>{chunks}</strong> })}
    </div>
  );
}

/** Waiting while the first read runs, the error when it gave nothing, else the data's view. */
export function QueryState<D>({
  query,
  waiting,
  what,
  children,
}: {
  query: { data: D | undefined; error: Error | null; isPending: boolean };
  /** "Asking the host for its images…" */
  waiting: string;
  /** "The images" (… could not be read). */
  what: string;
  children: (data: D) => ReactNode;
}) {
  const t = useTranslations('common.query');
  if (query.isPending) return <Waiting what={waiting} />;
  if (query.data === undefined) return <ReadError what={what} error={query.error ?? new Error(t('noAnswer'))} />;
  return children(query.data);
}
