'use client';
// One host's page: status, engine facts and connection details, live.
import { Boxes, Pencil, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { HistoryPanel } from '@/components/history/history-panel.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { FactList } from '@/components/ui/facts.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { useHost } from '@/lib/queries/use-host.ts';
import { useSwarmNames } from '@/lib/queries/use-swarms.ts';
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import { describeSwarm, formatBytes } from './format.ts';
import { HostStatusBadge } from './host-status-badge.tsx';
import { CliBundlesCard } from './cli-bundles-card.tsx';
import { DockerCliCard, MachineCard, type CliAccess } from './machine-card.tsx';
import { RemoveHostDialog } from './remove-host-dialog.tsx';
import { useSay } from './use-say.ts';

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
  const t = useTranslations('hosts.detail');
  const tHosts = useTranslations('hosts');
  const format = useFormatter();
  const say = useSay();

  if (!host || (error && 'status' in error && error.status === 404)) {
    return <EmptyState title={t('gone')}>{t.rich('goneText', { back: (chunks) => <Link href="/hosts" className="text-accent underline">{chunks}</Link> })}</EmptyState>;
  }
  const f = host.facts;
  const info = host.connectionInfo;
  const transport = tHosts(`transport.${host.transport}`);

  return (
    <>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="flex items-center gap-3 text-xl font-semibold">
            {host.name} <HostStatusBadge host={host} />
          </h1>
          <p className="mt-1 font-mono text-xs text-muted">
            {transport} · {host.address}
          </p>
          {host.driver && <p className="mt-1 text-xs text-muted">{t('provisionedBy', { driver: say({ key: `provisioning.drivers.${host.driver}` }) })}</p>}
          {host.description && <p className="mt-1 text-muted">{host.description}</p>}
        </div>
        <div className="flex gap-2">
          <Link href={`/containers?host=${host.id}`} className="inline-flex h-9 items-center gap-2 rounded-md border border-border bg-surface px-4 font-medium hover:bg-surface-2">
            <Boxes className="size-4" aria-hidden /> {t('containersLink')}
          </Link>
          {canEdit && (
            <Link href={`/hosts/${host.id}/edit`} className="inline-flex h-9 items-center gap-2 rounded-md border border-border bg-surface px-4 font-medium hover:bg-surface-2">
              <Pencil className="size-4" aria-hidden /> {t('edit')}
            </Link>
          )}
          {canRemove && (
            <Button variant="danger" onClick={() => setRemoving(true)}>
              <Trash2 className="size-4" aria-hidden /> {t('remove')}
            </Button>
          )}
        </div>
      </div>

      {host.status === 'unreachable' && (
        <div role="alert" className="mb-6 rounded-lg border border-danger/40 bg-danger/10 p-4 text-danger">
          {t.rich('unreachable', { reason: host.statusReason ?? '', strong: (chunks) => <strong>{chunks}</strong>, time: () => <RelativeTime iso={host.statusSince} /> })}
        </div>
      )}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title={t('engine.title')}>
          {f ? (
            <FactList
              rows={[
                [t('engine.name'), f.name],
                [t('engine.version'), f.engineVersion],
                [t('engine.apiVersion'), f.apiVersion],
                [t('engine.os'), f.os],
                [t('engine.osArch'), `${f.osType} / ${f.architecture}`],
                [t('engine.kernel'), f.kernel],
                [t('engine.cpus'), format.number(f.cpus)],
                [t('engine.memory'), formatBytes(f.memoryBytes)],
              ]}
            />
          ) : (
            <p className="text-muted">{t('engine.noFacts')}</p>
          )}
        </Card>
        <Card title={t('resources.title')}>
          {f ? (
            <FactList
              rows={[
                [t('resources.running'), format.number(f.containers.running)],
                [t('resources.stopped'), format.number(f.containers.stopped)],
                [t('resources.paused'), format.number(f.containers.paused)],
                [t('resources.images'), format.number(f.images)],
                [t('resources.volumes'), format.number(f.volumes)],
                [t('resources.networks'), format.number(f.networks)],
                [
                  t('resources.swarm'),
                  f.swarm.state === 'active' && f.swarm.clusterId && swarmNames.has(f.swarm.clusterId) ? (
                    <Link key="s" href={`/swarms/${f.swarm.clusterId}`} className="text-accent hover:underline">
                      {say(describeSwarm(f.swarm, swarmNames))}
                    </Link>
                  ) : (
                    say(describeSwarm(f.swarm, swarmNames))
                  ),
                ],
                ...(f.swarm.state === 'active'
                  ? ([
                      [t('resources.nodeId'), <span key="n" className="font-mono text-xs">{f.swarm.nodeId}</span>],
                      ...(f.swarm.clusterId ? ([[t('resources.clusterId'), <span key="c" className="font-mono text-xs">{f.swarm.clusterId}</span>]] as [string, React.ReactNode][]) : []),
                    ] as [string, React.ReactNode][])
                  : []),
              ]}
            />
          ) : (
            <p className="text-muted">{t('resources.noFacts')}</p>
          )}
          {host.factsAt && (
            <p className="mt-3 text-xs text-muted">
              {t.rich('resources.read', { time: () => <RelativeTime iso={host.factsAt} /> })}
            </p>
          )}
        </Card>
        <Card title={t('connection.title')}>
          <FactList
            rows={[
              [t('connection.transport'), transport],
              [t('connection.address'), <span key="a" className="font-mono text-xs">{host.address}</span>],
              ...(info?.transport === 'tcp'
                ? ([
                    [t('connection.ca'), info.caSubject],
                    [t('connection.clientCertificate'), info.certSubject],
                    [t('connection.certificateExpires'), format.dateTime(new Date(info.certNotAfter), { dateStyle: 'medium' })],
                  ] as [string, React.ReactNode][])
                : []),
              ...(info?.transport === 'ssh'
                ? ([
                    [t('connection.key'), `${info.keyType} ${info.keyFingerprint}`],
                    [t('connection.pinnedHostKey'), <span key="k" className="font-mono text-xs">{host.sshHostKey ?? '—'}</span>],
                  ] as [string, React.ReactNode][])
                : []),
              [t('connection.added'), <RelativeTime key="t" iso={host.createdAt} />],
            ]}
          />
        </Card>
        {host.driver && <MachineCard host={{ ...host, driver: host.driver }} canEdit={canEdit} canSsh={canSsh} />}
        {host.driver && cli && <DockerCliCard host={host} cli={cli} />}
        {host.driver && canEdit && <CliBundlesCard host={host} canRevoke={canEdit} />}
      </div>

      <div className="mt-6">
        <HistoryPanel subject={{ kind: 'host', hostId: host.id }} />
      </div>

      {canRemove && <RemoveHostDialog host={host} open={removing} onOpenChange={setRemoving} />}
    </>
  );
}
