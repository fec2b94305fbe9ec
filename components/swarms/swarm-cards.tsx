'use client';
// The swarms the user may see, one card each, live; an empty state that explains what a swarm is.
import { Network, Plus } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { HostStatusBadge } from '@/components/hosts/host-status-badge.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { ButtonLink } from '@/components/ui/button.tsx';
import { useSwarms } from '@/lib/queries/use-swarms.ts';
import type { SwarmSummary } from '@/lib/services/swarms/list-swarms.ts';

export function CreateSwarmLink({ label }: { label?: string }) {
  const t = useTranslations('swarms.cards');
  return (
    <ButtonLink href="/swarms/new">
      <Plus className="size-4" aria-hidden /> {label ?? t('create')}
    </ButtonLink>
  );
}

function SwarmCard({ swarm }: { swarm: SwarmSummary }) {
  const t = useTranslations('swarms.cards');
  const up = swarm.managerHosts.filter((h) => h.status === 'up').length;
  return (
    <article aria-label={swarm.name} className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4">
      <div>
        <Link href={`/swarms/${swarm.id}`} className="text-base font-semibold hover:underline">
          {swarm.name}
        </Link>
        <p className="truncate font-mono text-xs text-muted" title={swarm.id}>
          {swarm.id}
        </p>
      </div>
      <p className="text-sm">
        {swarm.managers === null ? t('managersUnknown') : t('managers', { count: swarm.managers })} · {swarm.nodes === null ? t('nodesUnknown') : t('nodes', { count: swarm.nodes })}
        {swarm.nodes === null && <span className="block text-xs text-muted">{t('noManagerAnswers')}</span>}
      </p>
      <div>
        <h3 className="text-xs text-muted">
          {t('registeredManagers', { up, total: swarm.managerHosts.length })}
        </h3>
        <ul className="mt-1 flex flex-col gap-1">
          {swarm.managerHosts.map((host) => (
            <li key={host.id} className="flex items-center justify-between gap-2">
              <Link href={`/hosts/${host.id}`} className="truncate hover:underline">
                {host.name}
              </Link>
              <HostStatusBadge host={{ status: host.status as 'up' | 'unreachable' | 'unknown', statusReason: null, statusSince: '' }} />
            </li>
          ))}
        </ul>
      </div>
    </article>
  );
}

export function SwarmCards({ initialSwarms, canCreate }: { initialSwarms: SwarmSummary[]; canCreate: boolean }) {
  const t = useTranslations('swarms.cards');
  const { data: swarms = [] } = useSwarms(initialSwarms);
  if (swarms.length === 0) {
    return (
      <EmptyState icon={<Network className="size-8" />} title={t('emptyTitle')} action={canCreate ? <CreateSwarmLink /> : undefined}>
        <p>
          {t('emptyWhat')}
        </p>
        <p className="mt-2">
          {canCreate ? t('emptyCreate') : t('emptyAsk')}
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {swarms.map((swarm) => (
        <SwarmCard key={swarm.id} swarm={swarm} />
      ))}
    </div>
  );
}
