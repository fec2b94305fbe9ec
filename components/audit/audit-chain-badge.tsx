'use client';
// The audit chain check on the Audit page: asks the server to walk the chain and says "intact
// through entry N" or names the first broken entry, with a way to check again.
import { useQuery } from '@tanstack/react-query';
import { Link2, Link2Off } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { fetchJson } from '@/lib/queries/fetch-json.ts';
import type { ChainReport } from '@/lib/services/audit/verify-audit-chain.ts';

export function AuditChainBadge() {
  const t = useTranslations('audit.chain');
  const chain = useQuery({ queryKey: ['audit', 'chain'], queryFn: ({ signal }) => fetchJson<ChainReport>('/api/audit/chain', signal), staleTime: 30_000 });
  const report = chain.data;
  let badge;
  if (chain.isPending) badge = <Badge>{t('checking')}</Badge>;
  else if (chain.isError) badge = <Badge tone="warn">{t('notChecked', { message: chain.error.message })}</Badge>;
  else if (report!.intact) {
    badge = (
      <Badge tone="ok">
        <Link2 className="size-3.5" aria-hidden /> {report!.through === null ? t('intactEmpty') : t('intact', { through: report!.through })}
      </Badge>
    );
  } else {
    badge = (
      <Badge tone="danger">
        <Link2Off className="size-3.5" aria-hidden /> {t('broken', { entry: report!.brokenAt ?? '' })}
      </Badge>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div role="status" aria-label={t('label')} aria-live="polite" title={report?.summary}>
        {badge}
      </div>
      {report && !report.intact && <p className="max-w-xl text-xs text-danger">{t('brokenText', { reason: report.reason ?? '' })}</p>}
      <Button variant="ghost" size="sm" busy={chain.isFetching && !chain.isPending} onClick={() => void chain.refetch()}>
        {t('checkAgain')}
      </Button>
    </div>
  );
}
