'use client';
// A host's live status: up, unreachable (with the reason and since when), or not yet known.
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge.tsx';
import type { HostView } from '@/lib/services/hosts/host-view.ts';

const DOT = '●';

export function HostStatusBadge({ host }: { host: Pick<HostView, 'status' | 'statusReason' | 'statusSince'> }) {
  const t = useTranslations('hosts.status');
  if (host.status === 'up') return <Badge tone="ok">{DOT} {t('up')}</Badge>;
  if (host.status === 'unreachable')
    return (
      <span title={host.statusReason ?? undefined}>
        <Badge tone="danger">{DOT} {t('unreachable')}</Badge>
      </span>
    );
  return <Badge tone="neutral">{DOT} {t('checking')}</Badge>;
}
