// "Quorum lost": what the engine said, the registered managers and their state, and what to do.
// Shown instead of the normal view when the managers refuse cluster reads, and above it when
// they still list nodes but too few of them answer.
import { AlertOctagon } from 'lucide-react';
import Link from 'next/link';
import { HostStatusBadge } from '@/components/hosts/host-status-badge.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import type { NoQuorumOverview } from '@/lib/services/swarms/read-swarm.ts';
import type { QuorumState } from '@/lib/models/swarms/quorum.ts';
import type { NodeView } from '@/lib/services/swarms/swarm-views.ts';

function WhatToDo() {
  return (
    <div className="mt-3">
      <h3 className="font-semibold">What to do</h3>
      <ol className="mt-1 list-inside list-decimal space-y-1">
        <li>Start the managers that are down (their engines, or the machines). Once more than half of the managers answer, they elect a leader and this page returns to normal by itself.</li>
        <li>Until then nothing in the swarm can be changed; running tasks keep running.</li>
        <li>
          If those managers are gone for good, run <code className="rounded bg-surface-2 px-1 font-mono text-xs text-fg">docker swarm init --force-new-cluster</code> on a surviving manager: it becomes the only manager of the same cluster, then join new managers.
        </li>
      </ol>
    </div>
  );
}

export function NoQuorumAlert({ overview, checkedAt }: { overview: NoQuorumOverview; checkedAt: number }) {
  return (
    <div role="alert" className="rounded-lg border-2 border-danger/60 bg-danger/10 p-5 text-sm text-fg">
      <h2 className="flex items-center gap-2 text-lg font-semibold text-danger">
        <AlertOctagon className="size-5" aria-hidden /> Quorum lost
      </h2>
      <p className="mt-2">{overview.message}</p>
      <h3 className="mt-4 font-semibold">Managers registered in Wharf</h3>
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
        Asked {overview.via.hostName}; checking again every 5 s (last check <RelativeTime iso={new Date(checkedAt).toISOString()} />).
      </p>
    </div>
  );
}

/** The managers still list nodes, but too few of them are reachable for a leader. */
export function QuorumLostBanner({ quorum, nodes }: { quorum: QuorumState; nodes: NodeView[] }) {
  const down = nodes.filter((n) => n.role === 'manager' && n.managerStatus !== 'leader' && n.managerStatus !== 'reachable');
  return (
    <div role="alert" className="mb-4 rounded-lg border-2 border-danger/60 bg-danger/10 p-4 text-sm text-fg">
      <h2 className="flex items-center gap-2 text-base font-semibold text-danger">
        <AlertOctagon className="size-5" aria-hidden /> Quorum lost
      </h2>
      <p className="mt-2">
        {quorum.reachable} of {quorum.managers} managers answer, and {quorum.quorum} are needed: the swarm cannot elect a leader, so every change is refused.
        {down.length > 0 && <> Not answering: {down.map((n) => n.hostname).join(', ')}.</>} What is shown below is the last state the reachable managers know.
      </p>
      <WhatToDo />
    </div>
  );
}
