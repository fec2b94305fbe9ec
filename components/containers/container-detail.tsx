'use client';
// One container: overview, environment (values masked until revealed, for those allowed), mounts,
// networks, ports, labels, health, processes and the raw inspect document; actions and links to
// its logs and terminal. Engine events of its host keep it live.
import Link from 'next/link';
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { FactList } from '@/components/ui/facts.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { formatBytes } from '@/components/hosts/format.ts';
import { Waiting } from '@/components/ui/query-state.tsx';
import { revealContainerEnvAction } from '@/lib/actions/containers.ts';
import { FetchError } from '@/lib/queries/fetch-json.ts';
import { useContainer } from '@/lib/queries/use-containers.ts';
import type { ContainerDetail } from '@/lib/models/containers/container-views.ts';
import { cn } from '@/lib/ui/cn.ts';
import { ContainerActions } from './container-actions.tsx';
import { EnvironmentPanel } from './environment-panel.tsx';
import { HealthBadge, StateBadge } from './container-state.tsx';
import { ContainerStatsPanel } from '../streams/stats-panel.tsx';

const TABS = ['Overview', 'Stats', 'Environment', 'Mounts', 'Networks', 'Ports', 'Labels', 'Health', 'Processes', 'Raw JSON'] as const;
type Tab = (typeof TABS)[number];

type Props = { hostId: string; hostName: string; containerId: string; canManage: boolean; canRevealEnv: boolean; canLogs: boolean; canExec: boolean };

const linkButton = 'inline-flex h-9 items-center rounded-md border border-border bg-surface px-4 text-sm font-medium hover:bg-surface-2';

export function ContainerDetailView(props: Props) {
  const { data, error, isPending } = useContainer(props.hostId, props.containerId);
  const [tab, setTab] = useState<Tab>('Overview');
  const base = `/containers/${props.hostId}/${props.containerId}`;

  if (isPending) return <Waiting what={`Reading the container from ${props.hostName}…`} />;
  if (!data) {
    const gone = error instanceof FetchError && error.status === 404;
    return (
      <EmptyState title={gone ? 'This container is gone' : 'The container could not be read'} action={<Link href={`/containers?host=${props.hostId}`} className={linkButton}>Back to the containers of {props.hostName}</Link>}>
        {error?.message}
      </EmptyState>
    );
  }
  const onKey = (event: KeyboardEvent) => {
    const at = TABS.indexOf(tab);
    const to = event.key === 'ArrowRight' ? at + 1 : event.key === 'ArrowLeft' ? at - 1 : null;
    if (to === null) return;
    event.preventDefault();
    const next = TABS[(to + TABS.length) % TABS.length];
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };

  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {data.name} <StateBadge state={data.state.status} /> <HealthBadge health={data.health?.status ?? null} />
          </span>
        }
        description={
          <>
            On <Link href={`/hosts/${props.hostId}`} className="text-accent underline">{props.hostName}</Link> (<Link href={`/containers?host=${props.hostId}`} className="underline">its containers</Link>) ·{' '}
            <span className="font-mono text-xs">{data.image}</span>
          </>
        }
        actions={
          <>
            {props.canLogs && <Link href={`${base}/logs`} className={linkButton}>Logs</Link>}
            {props.canExec && data.state.running && <Link href={`${base}/terminal`} className={linkButton}>Terminal</Link>}
            {props.canManage && <ContainerActions target={{ hostId: props.hostId, id: data.id, name: data.name, hostName: props.hostName }} state={data.state.status} service={data.service} afterRemove={`/containers?host=${props.hostId}`} buttonText="Actions" />}
          </>
        }
      />
      <div role="tablist" aria-label="Container details" className="mb-4 flex flex-wrap gap-1 border-b border-border" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t}
            id={`tab-${t}`}
            type="button"
            role="tab"
            aria-selected={tab === t}
            aria-controls={`panel-${t}`}
            tabIndex={tab === t ? 0 : -1}
            onClick={() => setTab(t)}
            className={cn('-mb-px border-b-2 px-3 py-2 text-sm', tab === t ? 'border-accent font-medium text-fg' : 'border-transparent text-muted hover:text-fg')}
          >
            {t}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={0}>
        <Panel tab={tab} detail={data} {...props} />
      </div>
    </>
  );
}

const none = (what: string) => <p className="rounded-lg border border-dashed border-border bg-surface p-6 text-center text-muted">{what}</p>;
const mono = (text: string) => <span className="font-mono text-xs">{text || '—'}</span>;

/** The container's facts, framed like its tables. */
const DetailFacts = ({ rows }: { rows: [string, ReactNode][] }) => <FactList rows={rows} className="grid-cols-[12rem_1fr] rounded-lg border border-border bg-surface p-4 text-sm" />;

function Panel({ tab, detail: d, hostId, canRevealEnv }: Props & { tab: Tab; detail: ContainerDetail }) {
  switch (tab) {
    case 'Overview':
      return (
        <DetailFacts
          rows={[
            ['Id', mono(d.id)],
            ['Image', <>{mono(d.image)} <span className="text-muted">({d.imageId.replace(/^sha256:/, '').slice(0, 12)})</span></>],
            ['State', `${d.state.status}${d.state.exitCode !== null && !d.state.running ? ` (exit code ${d.state.exitCode})` : ''}${d.state.oomKilled ? ', killed for lack of memory' : ''}`],
            ['Created', d.createdAt ? <RelativeTime iso={d.createdAt} /> : '—'],
            ['Started', d.state.startedAt ? <RelativeTime iso={d.state.startedAt} /> : '—'],
            ['Finished', d.state.finishedAt ? <RelativeTime iso={d.state.finishedAt} /> : '—'],
            ['Command', mono([...d.entrypoint, ...d.command].join(' '))],
            ['Working directory', mono(d.workingDir)],
            ['User', d.user || 'image default'],
            ['Restart policy', `${d.restartPolicy} (restarted ${d.state.restartCount} times)`],
            ['CPUs', d.resources.nanoCpus ? String(d.resources.nanoCpus / 1e9) : 'no limit'],
            ['Memory', d.resources.memoryBytes ? formatBytes(d.resources.memoryBytes) : 'no limit'],
            ['Stack', d.stack ?? '—'],
            ['Service', d.service ?? '—'],
            ...(d.state.error ? [['Error', d.state.error] as [string, ReactNode]] : []),
          ]}
        />
      );
    case 'Environment':
      return <EnvironmentPanel env={d.env} canReveal={canRevealEnv} reveal={() => revealContainerEnvAction({ hostId, containerId: d.id })} />;
    case 'Mounts':
      return d.mounts.length ? (
        <Table caption="Mounts" columns={[{ label: 'Destination' }, { label: 'Type' }, { label: 'Source' }, { label: 'Mode' }]}>
          {d.mounts.map((m) => (
            <Tr key={m.destination}>
              <RowHeader className="font-mono text-xs">{m.destination}</RowHeader>
              <Td>{m.type}</Td>
              <Td className="break-all font-mono text-xs">{m.name ?? m.source}</Td>
              <Td>{m.readOnly ? 'read-only' : 'read-write'}</Td>
            </Tr>
          ))}
        </Table>
      ) : (
        none('No mounts.')
      );
    case 'Networks':
      return d.networks.length ? (
        <Table caption="Networks" columns={[{ label: 'Network' }, { label: 'IP address' }, { label: 'Gateway' }, { label: 'MAC' }, { label: 'Aliases' }]}>
          {d.networks.map((n) => (
            <Tr key={n.name}>
              <RowHeader>{n.name}</RowHeader>
              <Td>{mono(n.ipAddress)}</Td>
              <Td>{mono(n.gateway)}</Td>
              <Td>{mono(n.macAddress)}</Td>
              <Td>{n.aliases.join(', ') || '—'}</Td>
            </Tr>
          ))}
        </Table>
      ) : (
        none('Not attached to any network.')
      );
    case 'Ports':
      return d.ports.length ? (
        <Table caption="Ports" columns={[{ label: 'Container port' }, { label: 'Published on the host' }]}>
          {d.ports.map((p) => (
            <Tr key={p.container}>
              <RowHeader className="font-mono text-xs">{p.container}</RowHeader>
              <Td className="font-mono text-xs">{p.host.join(', ') || 'not published'}</Td>
            </Tr>
          ))}
        </Table>
      ) : (
        none('No ports exposed.')
      );
    case 'Labels':
      return d.labels.length ? (
        <Table caption="Labels" columns={[{ label: 'Label' }, { label: 'Value' }]}>
          {d.labels.map((l) => (
            <Tr key={l.name}>
              <RowHeader className="break-all font-mono text-xs">{l.name}</RowHeader>
              <Td className="break-all font-mono text-xs">{l.value}</Td>
            </Tr>
          ))}
        </Table>
      ) : (
        none('No labels.')
      );
    case 'Health':
      return d.health ? (
        <div className="flex flex-col gap-3">
          <DetailFacts rows={[['Status', d.health.status], ['Failing streak', String(d.health.failingStreak)]]} />
          <Table caption="Health checks" columns={[{ label: 'Started' }, { label: 'Exit code' }, { label: 'Output' }]}>
            {d.health.log.map((l) => (
              <Tr key={l.start}>
                <RowHeader className="whitespace-nowrap text-xs">{l.start ? <RelativeTime iso={l.start} /> : '—'}</RowHeader>
                <Td>{l.exitCode}</Td>
                <Td className="whitespace-pre-wrap break-all font-mono text-xs">{l.output}</Td>
              </Tr>
            ))}
          </Table>
        </div>
      ) : (
        none('This container has no health check.')
      );
    case 'Processes':
      return d.processes ? (
        <Table caption="Processes" columns={d.processes.titles.map((t) => ({ label: t }))}>
          {d.processes.rows.map((row, i) => (
            <Tr key={i}>
              {row.map((cell, j) => (j === 0 ? <RowHeader key={j} className="font-mono text-xs">{cell}</RowHeader> : <Td key={j} className="break-all font-mono text-xs">{cell}</Td>))}
            </Tr>
          ))}
        </Table>
      ) : (
        none(d.state.paused ? 'The container is paused.' : 'The container is not running: no processes.')
      );
    case 'Stats':
      return <ContainerStatsPanel hostId={hostId} containerId={d.id} running={d.state.running} />;
    case 'Raw JSON':
      return (
        <pre aria-label="Inspect document" className="max-h-[60vh] overflow-auto rounded-lg border border-border bg-surface p-4 font-mono text-xs">
          {JSON.stringify(d.raw, null, 2)}
        </pre>
      );
  }
}

