// "Quorum lost": what the engine said, the registered managers and their state, and what to do.
// Shown instead of the normal view when the managers refuse cluster reads, and above it when
// they still list nodes but too few of them answer.
import { AlertOctagon } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { HostStatusBadge } from '@/components/hosts/host-status-badge.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import type { NoQuorumOverview } from '@/lib/services/swarms/read-swarm.ts';
import type { QuorumState } from '@/lib/models/swarms/quorum.ts';
import type { NodeView } from '@/lib/services/swarms/swarm-views.ts';
import { useSay } from './use-say.ts';

function WhatToDo() {
  const t = useTranslations('swarms.quorumLost');
  return (
    <div className="mt-3">
      <h3 className="font-semibold">{t('whatToDo')}</h3>
      <ol className="mt-1 list-inside list-decimal space-y-1">
        <li>{t('step1')}</li>
        <li>{t('step2')}</li>
        <li>{t.rich('step3', { code: (chunks) => <code className="rounded bg-surface-2 px-1 font-mono text-xs text-fg">{chunks}</code> })}</li>
      </ol>
    </div>
  );
}

export function NoQuorumAlert({ overview, checkedAt }: { overview: NoQuorumOverview; checkedAt: number }) {
  const t = useTranslations('swarms.quorumLost');
  const say = useSay();
  return (
    <div role="alert" className="rounded-lg border-2 border-danger/60 bg-danger/10 p-5 text-sm text-fg">
      <h2 className="flex items-center gap-2 text-lg font-semibold text-danger">
        <AlertOctagon className="size-5" aria-hidden /> {t('title')}
      </h2>
      <p className="mt-2">{typeof overview.message === 'string' ? overview.message : say(overview.message)}</p>
      <h3 className="mt-4 font-semibold">{t('registered')}</h3>
      <ul className="mt-2 flex flex-col gap-2">
        {overview.managers.map((m) => (
          <li key={m.hostId} className="flex flex-wrap items-center gap-2">
            <Link href={`/hosts/${m.hostId}`} className="font-medium hover:underline">
              {m.hostName}
            </Link>
            <HostStatusBadge host={{ status: m.status as 'up' | 'unreachable' | 'unknown', statusReason: m.statusReason, statusSince: '' }} />
            {m.statusReason && <span className="text-xs text-muted">{m.statusReason}</span>}
          </li>
        ))}
      </ul>
      <WhatToDo />
      <p className="mt-4 text-xs text-muted">
        {t.rich('asked', { host: overview.via.hostName, time: () => <RelativeTime iso={new Date(checkedAt).toISOString()} /> })}
      </p>
    </div>
  );
}

/** The managers still list nodes, but too few of them are reachable for a leader. */
export function QuorumLostBanner({ quorum, nodes }: { quorum: QuorumState; nodes: NodeView[] }) {
  const t = useTranslations('swarms.quorumLost');
  const down = nodes.filter((n) => n.role === 'manager' && n.managerStatus !== 'leader' && n.managerStatus !== 'reachable');
  return (
    <div role="alert" className="mb-4 rounded-lg border-2 border-danger/60 bg-danger/10 p-4 text-sm text-fg">
      <h2 className="flex items-center gap-2 text-base font-semibold text-danger">
        <AlertOctagon className="size-5" aria-hidden /> {t('title')}
      </h2>
      <p className="mt-2">
        {t('answering', { reachable: quorum.reachable, managers: quorum.managers, quorum: quorum.quorum })}
        {down.length > 0 && <> {t('notAnswering', { hosts: down.map((n) => n.hostname).join(', ') })}</>} {t('lastState')}
      </p>
      <WhatToDo />
    </div>
  );
}
