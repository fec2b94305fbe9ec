'use client';
// One container: overview, environment (values masked until revealed, for those allowed), mounts,
// networks, ports, labels, health, processes and the raw inspect document; actions and links to
// its logs and terminal. Engine events of its host keep it live.
import { ContainerImageUpdateOnPage } from '@/components/registries/image-update.tsx';
import { useHostImageUpdates } from '@/lib/queries/use-image-updates.ts';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { FactList } from '@/components/ui/facts.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { TextLink } from '@/components/ui/text-link.tsx';
import { containerLinks } from '@/lib/models/containers/container-links.ts';
import { formatBytes } from '@/components/hosts/format.ts';
import { Waiting } from '@/components/ui/query-state.tsx';
import { revealContainerEnvAction } from '@/lib/actions/containers.ts';
import { FetchError } from '@/lib/queries/fetch-json.ts';
import { useContainer } from '@/lib/queries/use-containers.ts';
import type { ContainerDetail } from '@/lib/models/containers/container-views.ts';
import { cn } from '@/lib/ui/cn.ts';
import { ContainerActions } from './container-actions.tsx';
import { EnvironmentPanel } from './environment-panel.tsx';
import { HealthBadge, isKnownHealth, isKnownState, StateBadge } from './container-state.tsx';
import { ContainerStatsPanel } from '../streams/stats-panel.tsx';

const TABS = ['overview', 'stats', 'environment', 'mounts', 'networks', 'ports', 'labels', 'health', 'processes', 'raw'] as const;
type Tab = (typeof TABS)[number];

type Props = { hostId: string; hostName: string; containerId: string; canManage: boolean; canRevealEnv: boolean; canLogs: boolean; canExec: boolean };

const linkButton = 'inline-flex h-9 items-center rounded-md border border-border bg-surface px-4 text-sm font-medium hover:bg-surface-2';

/** A link to where the container belongs, when that page is known; the plain name (or a dash) otherwise. */
function linkOr(href: string | null, text: string | null): ReactNode {
  if (!text) return '—';
  return href ? <TextLink href={href}>{text}</TextLink> : text;
}

export function ContainerDetailView(props: Props) {
  const t = useTranslations('containers.detail');
  const actions = useTranslations('containers.actions');
  const { data, error, isPending } = useContainer(props.hostId, props.containerId);
  const [tab, setTab] = useState<Tab>('overview');
  const base = `/containers/${props.hostId}/${props.containerId}`;

  if (isPending) return <Waiting what={t('reading', { host: props.hostName })} />;
  if (!data) {
    const gone = error instanceof FetchError && error.status === 404;
    return (
      <EmptyState title={gone ? t('gone') : t('unreadable')} action={<Link href={`/containers?host=${props.hostId}`} className={linkButton}>{t('back', { host: props.hostName })}</Link>}>
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
            <DetailImageUpdate hostId={props.hostId} containerId={data.id} name={data.name} canManage={props.canManage} />
          </span>
        }
        description={
          <>
            {t.rich('on', {
              host: props.hostName,
              image: data.image,
              hostLink: (chunks) => <Link href={`/hosts/${props.hostId}`} className="text-accent underline">{chunks}</Link>,
              list: (chunks) => <Link href={`/containers?host=${props.hostId}`} className="underline">{chunks}</Link>,
              mono: (chunks) => <span className="font-mono text-xs">{chunks}</span>,
            })}
          </>
        }
        actions={
          <>
            {props.canLogs && <Link href={`${base}/logs`} className={linkButton}>{actions('logs')}</Link>}
            {props.canExec && data.state.running && <Link href={`${base}/terminal`} className={linkButton}>{actions('terminal')}</Link>}
            {props.canManage && !data.serviceId && <Link href={`/containers/new?host=${encodeURIComponent(props.hostId)}&from=${encodeURIComponent(data.id)}`} className={linkButton}>{actions('duplicate')}</Link>}
            {props.canManage && <ContainerActions target={{ hostId: props.hostId, id: data.id, name: data.name, hostName: props.hostName }} state={data.state.status} service={data.service} afterRemove={`/containers?host=${props.hostId}`} buttonText={actions('button')} />}
          </>
        }
      />
      <div role="tablist" aria-label={t('tabList')} className="mb-4 flex flex-wrap gap-1 border-b border-border" onKeyDown={onKey}>
        {TABS.map((key) => (
          <button
            key={key}
            id={`tab-${key}`}
            type="button"
            role="tab"
            aria-selected={tab === key}
            aria-controls={`panel-${key}`}
            tabIndex={tab === key ? 0 : -1}
            onClick={() => setTab(key)}
            className={cn('-mb-px border-b-2 px-3 py-2 text-sm', tab === key ? 'border-accent font-medium text-fg' : 'border-transparent text-muted hover:text-fg')}
          >
            {t(`tabs.${key}`)}
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

/** The container's update badge (or its service, for a task), asked after the page renders. */
function DetailImageUpdate({ hostId, containerId, name, canManage }: { hostId: string; containerId: string; name: string; canManage: boolean }) {
  const { data } = useHostImageUpdates(hostId);
  return <ContainerImageUpdateOnPage hostId={hostId} containerId={containerId} name={name} check={data?.[containerId]} canManage={canManage} pageOf={(id) => `/containers/${hostId}/${id}`} />;
}

function Panel({ tab, detail: d, hostId, canRevealEnv }: Props & { tab: Tab; detail: ContainerDetail }) {
  const t = useTranslations('containers.detail');
  const words = useTranslations('containers');
  const status = isKnownState(d.state.status) ? words(`state.${d.state.status}`) : d.state.status;
  const exited = d.state.exitCode !== null && !d.state.running;
  const stateText = exited ? t(d.state.oomKilled ? 'stateExitOom' : 'stateExit', { state: status, code: d.state.exitCode ?? 0 }) : d.state.oomKilled ? t('stateOom', { state: status }) : status;
  switch (tab) {
    case 'overview':
      return (
        <DetailFacts
          rows={[
            [t('facts.id'), mono(d.id)],
            [t('facts.image'), <>{mono(d.image)} <span className="text-muted">({d.imageId.replace(/^sha256:/, '').slice(0, 12)})</span></>],
            [t('facts.state'), stateText],
            [t('facts.created'), d.createdAt ? <RelativeTime iso={d.createdAt} /> : '—'],
            [t('facts.started'), d.state.startedAt ? <RelativeTime iso={d.state.startedAt} /> : '—'],
            [t('facts.finished'), d.state.finishedAt ? <RelativeTime iso={d.state.finishedAt} /> : '—'],
            [t('facts.command'), mono([...d.entrypoint, ...d.command].join(' '))],
            [t('facts.workdir'), mono(d.workingDir)],
            [t('facts.user'), d.user || t('imageDefault')],
            [t('facts.restartPolicy'), t('restarted', { policy: d.restartPolicy, count: d.state.restartCount })],
            [t('facts.cpus'), d.resources.nanoCpus ? String(d.resources.nanoCpus / 1e9) : t('noLimit')],
            [t('facts.memory'), d.resources.memoryBytes ? formatBytes(d.resources.memoryBytes) : t('noLimit')],
            [t('facts.stack'), linkOr(containerLinks(d).stack, d.stack)],
            [t('facts.service'), linkOr(containerLinks(d).service, d.service)],
            ...(d.state.error ? [[t('facts.error'), d.state.error] as [string, ReactNode]] : []),
          ]}
        />
      );
    case 'environment':
      return <EnvironmentPanel env={d.env} canReveal={canRevealEnv} reveal={() => revealContainerEnvAction({ hostId, containerId: d.id })} />;
    case 'mounts':
      return d.mounts.length ? (
        <Table caption={t('tabs.mounts')} columns={[{ label: t('mounts.destination') }, { label: t('mounts.type') }, { label: t('mounts.source') }, { label: t('mounts.mode') }]}>
          {d.mounts.map((m) => (
            <Tr key={m.destination}>
              <RowHeader className="font-mono text-xs">{m.destination}</RowHeader>
              <Td>{m.type}</Td>
              <Td className="break-all font-mono text-xs">{m.name ?? m.source}</Td>
              <Td>{m.readOnly ? t('mounts.readOnly') : t('mounts.readWrite')}</Td>
            </Tr>
          ))}
        </Table>
      ) : (
        none(t('mounts.none'))
      );
    case 'networks':
      return d.networks.length ? (
        <Table caption={t('tabs.networks')} columns={[{ label: t('networks.network') }, { label: t('networks.ip') }, { label: t('networks.gateway') }, { label: t('networks.mac') }, { label: t('networks.aliases') }]}>
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
        none(t('networks.none'))
      );
    case 'ports':
      return d.ports.length ? (
        <Table caption={t('tabs.ports')} columns={[{ label: t('ports.container') }, { label: t('ports.host') }]}>
          {d.ports.map((p) => (
            <Tr key={p.container}>
              <RowHeader className="font-mono text-xs">{p.container}</RowHeader>
              <Td className="font-mono text-xs">{p.host.join(', ') || t('ports.notPublished')}</Td>
            </Tr>
          ))}
        </Table>
      ) : (
        none(t('ports.none'))
      );
    case 'labels':
      return d.labels.length ? (
        <Table caption={t('tabs.labels')} columns={[{ label: t('labels.label') }, { label: t('labels.value') }]}>
          {d.labels.map((l) => (
            <Tr key={l.name}>
              <RowHeader className="break-all font-mono text-xs">{l.name}</RowHeader>
              <Td className="break-all font-mono text-xs">{l.value}</Td>
            </Tr>
          ))}
        </Table>
      ) : (
        none(t('labels.none'))
      );
    case 'health':
      return d.health ? (
        <div className="flex flex-col gap-3">
          <DetailFacts rows={[[t('health.status'), isKnownHealth(d.health.status) ? words(`state.${d.health.status}`) : d.health.status], [t('health.streak'), String(d.health.failingStreak)]]} />
          <Table caption={t('health.caption')} columns={[{ label: t('health.started') }, { label: t('health.exitCode') }, { label: t('health.output') }]}>
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
        none(t('health.none'))
      );
    case 'processes':
      return d.processes ? (
        <Table caption={t('tabs.processes')} columns={d.processes.titles.map((title) => ({ label: title }))}>
          {d.processes.rows.map((row, i) => (
            <Tr key={i}>
              {row.map((cell, j) => (j === 0 ? <RowHeader key={j} className="font-mono text-xs">{cell}</RowHeader> : <Td key={j} className="break-all font-mono text-xs">{cell}</Td>))}
            </Tr>
          ))}
        </Table>
      ) : (
        none(d.state.paused ? t('processesPaused') : t('processesStopped'))
      );
    case 'stats':
      return <ContainerStatsPanel hostId={hostId} containerId={d.id} running={d.state.running} />;
    case 'raw':
      return (
        <pre aria-label={t('inspect')} className="max-h-[60vh] overflow-auto rounded-lg border border-border bg-surface p-4 font-mono text-xs">
          {JSON.stringify(d.raw, null, 2)}
        </pre>
      );
  }
}

