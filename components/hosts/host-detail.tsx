'use client';
// One host's page: status, engine facts and connection details, live.
import { Boxes, Pencil, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { FactList } from '@/components/ui/facts.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { useHost } from '@/lib/queries/use-host.ts';
import { useSwarmNames } from '@/lib/queries/use-swarms.ts';
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import { DRIVER_LABELS } from '@/lib/models/hosts/provision-plan.ts';
import { describeSwarm, formatBytes, transportLabel } from './format.ts';
import { HostStatusBadge } from './host-status-badge.tsx';
import { CliBundlesCard } from './cli-bundles-card.tsx';
import { DockerCliCard, MachineCard, type CliAccess } from './machine-card.tsx';
import { RemoveHostDialog } from './remove-host-dialog.tsx';

export function HostDetail({
  initialHost,
  canEdit,
  canRemove,
  canSsh = false,
  cli = null,
}: {
  initialHost: HostView;
  canEdit: boolean;
  canRemove: boolean;
  /** The user may open a shell on the machine (host.ssh); the link shows only for drivers that allow it. */
  canSsh?: boolean;
  /** For provisioned hosts: the docker context the CLI bundle sets up, how long a bundle lasts and whether the user may download one. */
  cli?: CliAccess | null;
}) {
  const { data: host, error } = useHost(initialHost.id, initialHost);
  const [removing, setRemoving] = useState(false);
  const swarmNames = useSwarmNames();

  if (!host || (error && 'status' in error && error.status === 404)) {
    return <EmptyState title="This host is gone">It was removed. <Link href="/hosts" className="text-accent underline">Back to hosts</Link></EmptyState>;
  }
  const f = host.facts;
  const info = host.connectionInfo;

  return (
    <>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="flex items-center gap-3 text-xl font-semibold">
            {host.name} <HostStatusBadge host={host} />
          </h1>
          <p className="mt-1 font-mono text-xs text-muted">
            {transportLabel[host.transport]} · {host.address}
          </p>
          {host.driver && <p className="mt-1 text-xs text-muted">Provisioned by Wharf: {DRIVER_LABELS[host.driver]}</p>}
          {host.description && <p className="mt-1 text-muted">{host.description}</p>}
        </div>
        <div className="flex gap-2">
          <Link href={`/containers?host=${host.id}`} className="inline-flex h-9 items-center gap-2 rounded-md border border-border bg-surface px-4 font-medium hover:bg-surface-2">
            <Boxes className="size-4" aria-hidden /> Containers on this host
          </Link>
          {canEdit && (
            <Link href={`/hosts/${host.id}/edit`} className="inline-flex h-9 items-center gap-2 rounded-md border border-border bg-surface px-4 font-medium hover:bg-surface-2">
              <Pencil className="size-4" aria-hidden /> Edit
            </Link>
          )}
          {canRemove && (
            <Button variant="danger" onClick={() => setRemoving(true)}>
              <Trash2 className="size-4" aria-hidden /> Remove
            </Button>
          )}
        </div>
      </div>

      {host.status === 'unreachable' && (
        <div role="alert" className="mb-6 rounded-lg border border-danger/40 bg-danger/10 p-4 text-danger">
          <strong>Unreachable</strong> since <RelativeTime iso={host.statusSince} />: {host.statusReason} Wharf keeps retrying and will show the host as up when it answers.
        </div>
      )}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title="Engine">
          {f ? (
            <FactList
              rows={[
                ['Name', f.name],
                ['Engine version', f.engineVersion],
                ['API version', f.apiVersion],
                ['Operating system', f.os],
                ['OS / architecture', `${f.osType} / ${f.architecture}`],
                ['Kernel', f.kernel],
                ['CPUs', f.cpus],
                ['Memory', formatBytes(f.memoryBytes)],
              ]}
            />
          ) : (
            <p className="text-muted">Wharf has not read this engine&apos;s facts yet.</p>
          )}
        </Card>
        <Card title="Resources">
          {f ? (
            <FactList
              rows={[
                ['Containers running', f.containers.running],
                ['Containers stopped', f.containers.stopped],
                ['Containers paused', f.containers.paused],
                ['Images', f.images],
                ['Volumes', f.volumes],
                ['Networks', f.networks],
                [
                  'Swarm',
                  f.swarm.state === 'active' && f.swarm.clusterId && swarmNames.has(f.swarm.clusterId) ? (
                    <Link key="s" href={`/swarms/${f.swarm.clusterId}`} className="text-accent hover:underline">
                      {describeSwarm(f.swarm, swarmNames)}
                    </Link>
                  ) : (
                    describeSwarm(f.swarm, swarmNames)
                  ),
                ],
                ...(f.swarm.state === 'active'
                  ? ([
                      ['Node id', <span key="n" className="font-mono text-xs">{f.swarm.nodeId}</span>],
                      ...(f.swarm.clusterId ? ([['Cluster id', <span key="c" className="font-mono text-xs">{f.swarm.clusterId}</span>]] as [string, React.ReactNode][]) : []),
                    ] as [string, React.ReactNode][])
                  : []),
              ]}
            />
          ) : (
            <p className="text-muted">No facts yet.</p>
          )}
          {host.factsAt && (
            <p className="mt-3 text-xs text-muted">
              Read <RelativeTime iso={host.factsAt} />
            </p>
          )}
        </Card>
        <Card title="Connection">
          <FactList
            rows={[
              ['Transport', transportLabel[host.transport]],
              ['Address', <span key="a" className="font-mono text-xs">{host.address}</span>],
              ...(info?.transport === 'tcp'
                ? ([
                    ['CA', info.caSubject],
                    ['Client certificate', info.certSubject],
                    ['Certificate expires', new Date(info.certNotAfter).toLocaleDateString()],
                  ] as [string, React.ReactNode][])
                : []),
              ...(info?.transport === 'ssh'
                ? ([
                    ['Key', `${info.keyType} ${info.keyFingerprint}`],
                    ['Pinned host key', <span key="k" className="font-mono text-xs">{host.sshHostKey ?? '—'}</span>],
                  ] as [string, React.ReactNode][])
                : []),
              ['Added', <RelativeTime key="t" iso={host.createdAt} />],
            ]}
          />
        </Card>
        {host.driver && <MachineCard host={{ ...host, driver: host.driver }} canEdit={canEdit} canSsh={canSsh} />}
        {host.driver && cli && <DockerCliCard host={host} cli={cli} />}
        {host.driver && canEdit && <CliBundlesCard host={host} canRevoke={canEdit} />}
      </div>

      {canRemove && <RemoveHostDialog host={host} open={removing} onOpenChange={setRemoving} />}
    </>
  );
}
