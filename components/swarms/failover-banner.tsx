'use client';
// Says that Wharf switched to another manager, and why.
import { ArrowRightLeft, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { FailoverNotice } from './use-failover-notice.ts';

export function FailoverBanner({ notice, onDismiss }: { notice: FailoverNotice | null; onDismiss: () => void }) {
  const t = useTranslations('swarms.failover');
  if (!notice) return null;
  return (
    <div role="status" className="mb-4 flex items-start gap-3 rounded-lg border border-warn/40 bg-warn/10 p-3 text-sm text-warn">
      <ArrowRightLeft className="mt-0.5 size-4 shrink-0" aria-hidden />
      <p className="flex-1">
        <strong>{t('title')}</strong>{' '}
        {notice.from.map((f, i) => (
          <span key={f.from}>
            {i > 0 && t('separator')}
            {t('stopped', { host: f.from, reason: f.reason })}
          </span>
        ))}
        {t('now', { host: notice.to })}
      </p>
      <button type="button" onClick={onDismiss} className="rounded p-0.5 hover:bg-warn/20" aria-label={t('dismiss')}>
        <X className="size-4" aria-hidden />
      </button>
    </div>
  );
}
