'use client';
// The dashboard: totals and one card per host, live.
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { AddHostLink } from './host-table.tsx';
import { NoHostsYet } from './no-hosts-yet.tsx';
import { useHostList } from '@/lib/queries/use-host-list.ts';
import { useSwarmNames } from '@/lib/queries/use-swarms.ts';
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import { describeSwarm, formatBytes } from './format.ts';
import { HostStatusBadge } from './host-status-badge.tsx';
import { useSay } from './use-say.ts';

function ContainerBar({ running, stopped, paused }: { running: number; stopped: number; paused: number }) {
  const t = useTranslations('hosts.cards');
  const total = running + stopped + paused;
  const pct = (n: number) => (total ? `${(n / total) * 100}%` : '0%');
  return (
    <div>
      <div className="flex h-2 overflow-hidden rounded-full bg-surface-2" role="img" aria-label={t('barLabel', { running, paused, stopped })}>
        <div className="bg-ok" style={{ width: pct(running) }} />
        <div className="bg-warn" style={{ width: pct(paused) }} />
        <div className="bg-muted/40" style={{ width: pct(stopped) }} />
      </div>
      <div className="mt-1 text-xs text-muted">
        {paused ? t('countsPaused', { running, stopped, paused }) : t('counts', { running, stopped })}
      </div>
    </div>
  );
}

function HostCard({ host }: { host: HostView }) {
  const t = useTranslations('hosts.cards');
  const say = useSay();
  const format = useFormatter();
  const f = host.facts;
  const swarmNames = useSwarmNames();
  return (
    <article aria-label={host.name} className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4">
      <div className="flex items-start justify-between gap-2">
        <Link href={`/hosts/${host.id}`} className="truncate font-semibold hover:underline">
          {host.name}
        </Link>
        <HostStatusBadge host={host} />
      </div>
      {host.status === 'unreachable' && (
        <p className="text-xs text-danger">
          {t.rich('unreachableSince', { reason: host.statusReason ?? '', time: () => <RelativeTime iso={host.statusSince} /> })}
        </p>
      )}
      {f ? (
        <>
          <ContainerBar running={f.containers.running} stopped={f.containers.stopped} paused={f.containers.paused} />
          <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
            <dt className="text-muted">{t('engine')}</dt>
            <dd>{f.engineVersion}</dd>
            <dt className="text-muted">{t('cpusMemory')}</dt>
            <dd>
              {format.number(f.cpus)} · {formatBytes(f.memoryBytes)}
            </dd>
            <dt className="text-muted">{t('images')}</dt>
            <dd>{format.number(f.images)}</dd>
            <dt className="text-muted">{t('swarm')}</dt>
            <dd>{say(describeSwarm(f.swarm, swarmNames))}</dd>
          </dl>
        </>
      ) : (
        <p className="text-xs text-muted">{t('noFacts')}</p>
      )}
    </article>
  );
}

export function HostCards({ initialHosts, canAdd }: { initialHosts: HostView[]; canAdd: boolean }) {
  const t = useTranslations('hosts');
  const { data: hosts = [] } = useHostList(initialHosts);
  if (hosts.length === 0) {
    return (
      <NoHostsYet action={canAdd ? <AddHostLink label={t('links.addA')} /> : undefined}>
        {canAdd ? t('cards.emptyCanAdd') : t('cards.emptyAskOperator')}
      </NoHostsYet>
    );
  }
  const up = hosts.filter((h) => h.status === 'up').length;
  const running = hosts.reduce((n, h) => n + (h.facts?.containers.running ?? 0), 0);
  const containers = hosts.reduce((n, h) => n + (h.facts?.containers.total ?? 0), 0);
  return (
    <>
      <div className="mb-6 grid grid-cols-3 gap-4">
        <Stat label={t('cards.hostsUp')} value={`${up} / ${hosts.length}`} tone={up === hosts.length ? 'ok' : 'danger'} />
        <Stat label={t('cards.containersRunning')} value={`${running} / ${containers}`} />
        <Stat label={t('cards.swarmManagers')} value={String(hosts.filter((h) => h.facts?.swarm.state === 'active' && h.facts.swarm.role === 'manager').length)} />
      </div>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {hosts.map((host) => (
          <HostCard key={host.id} host={host} />
        ))}
      </div>
    </>
  );
}

function Stat({ label, value, tone }: { label: string; value: string; tone?: 'ok' | 'danger' }) {
  return (
    <div className="rounded-lg border border-border bg-surface p-4">
      <div className="text-xs text-muted">{label}</div>
      <div className={`mt-1 text-2xl font-semibold ${tone === 'danger' ? 'text-danger' : ''}`}>{value}</div>
    </div>
  );
}
