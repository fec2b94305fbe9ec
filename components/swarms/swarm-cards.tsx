'use client';
// The swarms the user may see, one card each, live; an empty state that explains what a swarm is.
import { Network, Plus } from 'lucide-react';
import Link from 'next/link';
import { HostStatusBadge } from '@/components/hosts/host-status-badge.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { ButtonLink } from '@/components/ui/button.tsx';
import { useSwarms } from '@/lib/queries/use-swarms.ts';
import type { SwarmSummary } from '@/lib/services/swarms/list-swarms.ts';

export function CreateSwarmLink({ label = 'Create a swarm' }: { label?: string }) {
  return (
    <ButtonLink href="/swarms/new">
      <Plus className="size-4" aria-hidden /> {label}
    </ButtonLink>
  );
}

const count = (n: number | null, one: string, many: string) => (n === null ? `? ${many}` : `${n} ${n === 1 ? one : many}`);

function SwarmCard({ swarm }: { swarm: SwarmSummary }) {
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
        {count(swarm.managers, 'manager', 'managers')} · {count(swarm.nodes, 'node', 'nodes')}
        {swarm.nodes === null && <span className="block text-xs text-muted">No registered manager answers right now.</span>}
      </p>
      <div>
        <h3 className="text-xs text-muted">
          Registered managers ({up} of {swarm.managerHosts.length} up)
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
  const { data: swarms = [] } = useSwarms(initialSwarms);
  if (swarms.length === 0) {
    return (
      <EmptyState icon={<Network className="size-8" />} title="No swarms yet" action={canCreate ? <CreateSwarmLink /> : undefined}>
        <p>
          A swarm joins Docker engines into one cluster: managers keep the cluster&apos;s state and agree on every change, workers run the services&apos; tasks.
        </p>
        <p className="mt-2">
          {canCreate
            ? 'Create one on a registered host, then join other hosts to it as workers or managers.'
            : 'An operator or administrator can create one from a registered host. Swarms whose managers are registered hosts appear here by themselves.'}
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
