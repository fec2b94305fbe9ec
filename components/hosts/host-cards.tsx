'use client';
// The dashboard: totals and one card per host, live.
import Link from 'next/link';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { AddHostLink } from './host-table.tsx';
import { NoHostsYet } from './no-hosts-yet.tsx';
import { useHostList } from '@/lib/queries/use-host-list.ts';
import { useSwarmNames } from '@/lib/queries/use-swarms.ts';
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import { describeSwarm, formatBytes } from './format.ts';
import { HostStatusBadge } from './host-status-badge.tsx';

function ContainerBar({ running, stopped, paused }: { running: number; stopped: number; paused: number }) {
  const total = running + stopped + paused;
  const pct = (n: number) => (total ? `${(n / total) * 100}%` : '0%');
  return (
    <div>
      <div className="flex h-2 overflow-hidden rounded-full bg-surface-2" role="img" aria-label={`${running} running, ${paused} paused, ${stopped} stopped`}>
        <div className="bg-ok" style={{ width: pct(running) }} />
        <div className="bg-warn" style={{ width: pct(paused) }} />
        <div className="bg-muted/40" style={{ width: pct(stopped) }} />
      </div>
      <div className="mt-1 text-xs text-muted">
        {running} running · {stopped} stopped{paused ? ` · ${paused} paused` : ''}
      </div>
    </div>
  );
}

function HostCard({ host }: { host: HostView }) {
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
          {host.statusReason} (since <RelativeTime iso={host.statusSince} />)
        </p>
      )}
      {f ? (
        <>
          <ContainerBar running={f.containers.running} stopped={f.containers.stopped} paused={f.containers.paused} />
          <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
            <dt className="text-muted">Engine</dt>
            <dd>{f.engineVersion}</dd>
            <dt className="text-muted">CPUs · memory</dt>
            <dd>
              {f.cpus} · {formatBytes(f.memoryBytes)}
            </dd>
            <dt className="text-muted">Images</dt>
            <dd>{f.images}</dd>
            <dt className="text-muted">Swarm</dt>
            <dd>{describeSwarm(f.swarm, swarmNames)}</dd>
          </dl>
        </>
      ) : (
        <p className="text-xs text-muted">No facts read yet.</p>
      )}
    </article>
  );
}

export function HostCards({ initialHosts, canAdd }: { initialHosts: HostView[]; canAdd: boolean }) {
  const { data: hosts = [] } = useHostList(initialHosts);
  if (hosts.length === 0) {
    return (
      <NoHostsYet action={canAdd ? <AddHostLink label="Add a host" /> : undefined}>
        {canAdd
          ? 'Add a Docker engine by its unix socket, over TCP with TLS, or over SSH. Its facts and status appear here.'
          : 'An operator or administrator has to add a Docker engine first.'}
      </NoHostsYet>
    );
  }
  const up = hosts.filter((h) => h.status === 'up').length;
  const running = hosts.reduce((n, h) => n + (h.facts?.containers.running ?? 0), 0);
  const containers = hosts.reduce((n, h) => n + (h.facts?.containers.total ?? 0), 0);
  return (
    <>
      <div className="mb-6 grid grid-cols-3 gap-4">
        <Stat label="Hosts up" value={`${up} / ${hosts.length}`} tone={up === hosts.length ? 'ok' : 'danger'} />
        <Stat label="Containers running" value={`${running} / ${containers}`} />
        <Stat label="Swarm managers" value={String(hosts.filter((h) => h.facts?.swarm.state === 'active' && h.facts.swarm.role === 'manager').length)} />
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
