'use client';
// One swarm's page: the cluster, its quorum and nodes, live; the manager Wharf talks through and
// any failover; "Quorum lost" with what to do instead of a page that hangs.
import { UserPlus } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Waiting } from '@/components/ui/query-state.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { FetchError } from '@/lib/queries/fetch-json.ts';
import { useHostList } from '@/lib/queries/use-host-list.ts';
import { useSwarmOverview, type SwarmOverviewData } from '@/lib/queries/use-swarm-overview.ts';
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import { FailoverBanner } from './failover-banner.tsx';
import { Fact } from '@/components/ui/facts.tsx';
import { isTime } from './format.ts';
import { JoinHostsDialog } from './join-hosts-dialog.tsx';
import { JoinTokensCard } from './join-tokens-card.tsx';
import { NodeDialogs } from './node-actions.tsx';
import { NodesTable } from './nodes-table.tsx';
import { NoQuorumAlert, QuorumLostBanner } from './quorum-lost.tsx';
import { QuorumCard } from './quorum-card.tsx';
import { SettingsCard } from './settings-card.tsx';
import { SwarmVisualizer } from './swarm-visualizer.tsx';
import { useFailoverNotice } from './use-failover-notice.ts';
import { initialSteadyState, NO_QUORUM_GRACE_MS, observeRead, overviewToShow } from './steady-overview.ts';

export function SwarmUnreadable({ error, onRetry, busy }: { error: Error | null; onRetry: () => void; busy: boolean }) {
  const t = useTranslations('swarms.detail');
  if (error instanceof FetchError && error.status === 404) {
    return (
      <EmptyState title={t('unknownTitle')}>
        {t.rich('unknownText', {
          link: (chunks) => (
            <Link href="/swarms" className="text-accent underline">
              {chunks}
            </Link>
          ),
        })}
      </EmptyState>
    );
  }
  return (
    <div role="alert" className="rounded-lg border border-danger/40 bg-danger/10 p-4 text-sm text-danger">
      <p>
        {t.rich('unreadable', { message: error?.message ?? '', strong: (chunks) => <strong>{chunks}</strong> })}
      </p>
      <p className="mt-2 text-muted">{t('retryNote')}</p>
      <Button size="sm" variant="secondary" className="mt-3" busy={busy} onClick={onRetry}>
        {t('retry')}
      </Button>
    </div>
  );
}

type Props = { swarmId: string; canManage: boolean; canSecrets: boolean; initialHosts?: HostView[] };

/** The node dialogs sit above everything a live read can swap (the table, the no-quorum view). */
export function SwarmDetail(props: Props) {
  return (
    <NodeDialogs swarmId={props.swarmId}>
      <SwarmDetailBody {...props} />
    </NodeDialogs>
  );
}

function SwarmDetailBody({ swarmId, canManage, canSecrets, initialHosts }: Props) {
  const t = useTranslations('swarms.detail');
  const overview = useSwarmOverview(swarmId);
  const { data: hosts } = useHostList(initialHosts);
  const failover = useFailoverNotice();
  const [joining, setJoining] = useState(false);
  const { error } = overview;
  const read = overview.data;
  const report = failover.report;
  // A single no-quorum read during an election must not swap the page (and close open dialogs):
  // each read is folded into a steady state once (adjusted while rendering, as React advises).
  const [steady, setSteady] = useState(() => ({ at: 0, state: initialSteadyState<SwarmOverviewData>() }));
  const current = read && overview.dataUpdatedAt !== steady.at ? { at: overview.dataUpdatedAt, state: observeRead(steady.state, read, overview.dataUpdatedAt) } : steady;
  if (current !== steady) setSteady(current);
  // "Now" is the newest read, or the moment the grace period ran out (reads may fail, and so not
  // re-render, while the quorum is gone: the timer below ends the grace period on time).
  const [graceTimer, setGraceTimer] = useState(0);
  const now = Math.max(graceTimer, overview.dataUpdatedAt);
  const { shown: data, holdingSince } = read ? overviewToShow(current.state, read, now) : { shown: undefined, holdingSince: null };
  useEffect(() => {
    if (holdingSince === null) return;
    const timer = setTimeout(() => setGraceTimer(Date.now()), Math.max(0, holdingSince + NO_QUORUM_GRACE_MS - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [holdingSince]);

  useEffect(() => {
    if (read) report(read);
  }, [read, report]);

  const hostNames = useMemo(() => new Map((hosts ?? []).map((h) => [h.id, h.name])), [hosts]);

  if (overview.isPending) {
    return (
      <>
        <h1 className="mb-6 text-xl font-semibold">{t('heading')}</h1>
        <Waiting what={t('asking')} />
      </>
    );
  }
  if (!data) return <SwarmUnreadable error={error} onRetry={() => void overview.refetch()} busy={overview.isFetching} />;

  const name = data.health === 'ok' ? data.swarm.name : data.name;
  const id = data.health === 'ok' ? data.swarm.id : data.id;

  return (
    <>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="text-xs text-muted">
            <Link href="/swarms" className="hover:underline">
              {t('breadcrumb')}
            </Link>{' '}
            /
          </p>
          <h1 className="text-xl font-semibold">{name}</h1>
          <dl className="mt-2 flex flex-wrap gap-x-8 gap-y-2 text-sm">
            <Fact term={t('clusterId')}>
              <span className="font-mono text-xs">{id}</span>
            </Fact>
            {data.health === 'ok' && isTime(data.swarm.createdAt) && (
              <Fact term={t('created')}>
                <RelativeTime iso={data.swarm.createdAt} />
              </Fact>
            )}
            <Fact term={t('via')}>
              {data.via.hostId ? (
                <Link href={`/hosts/${data.via.hostId}`} className="hover:underline" title={t('viaTitle')}>
                  {data.via.hostName}
                </Link>
              ) : (
                data.via.hostName
              )}
            </Fact>
          </dl>
          <Link href={`/swarms/${swarmId}/events`} className="mt-2 inline-block text-sm text-accent hover:underline">{t('liveEvents')}</Link>
        </div>
        {canManage && data.health === 'ok' && (
          <Button onClick={() => setJoining(true)}>
            <UserPlus className="size-4" aria-hidden /> {t('joinHosts')}
          </Button>
        )}
      </div>

      <FailoverBanner notice={failover.notice} onDismiss={failover.dismiss} />
      {holdingSince !== null && (
        <p role="status" className="mb-4 rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm text-warn">
          {t.rich('holding', { time: () => <RelativeTime iso={new Date(holdingSince).toISOString()} /> })}
        </p>
      )}
      {error && (
        <p role="status" className="mb-4 rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm text-warn">
          {t.rich('refreshFailed', { message: error.message, time: () => <RelativeTime iso={new Date(overview.dataUpdatedAt).toISOString()} /> })}
        </p>
      )}

      {data.health === 'no-quorum' ? (
        <NoQuorumAlert overview={data} checkedAt={overview.dataUpdatedAt} />
      ) : (
        <div className="flex flex-col gap-6">
          {data.quorum.lost && <QuorumLostBanner quorum={data.quorum} nodes={data.nodes} />}
          {!data.quorum.lost && data.quorum.electing && (
            <p role="status" className="rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm text-warn">
              {t('electing')}
            </p>
          )}
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
            <QuorumCard quorum={data.quorum} nodes={data.nodes} />
            <div className="lg:col-span-2">
              <SettingsCard swarmId={swarmId} swarm={data.swarm} canManage={canManage} canSecrets={canSecrets} />
            </div>
          </div>
          <Card title={t('nodes')}>
            {data.tasksUnavailable && (
              <p role="status" className="mb-3 text-xs text-warn">
                {t('tasksUnavailable')}
              </p>
            )}
            <NodesTable swarmId={swarmId} nodes={data.nodes} hostNames={hostNames} canManage={canManage} tasksUnavailable={data.tasksUnavailable} />
          </Card>
          <SwarmVisualizer swarmId={swarmId} onVia={report} />
          {canSecrets && <JoinTokensCard swarmId={swarmId} />}
        </div>
      )}

      {canManage && <JoinHostsDialog swarmId={swarmId} swarmName={name} managers={data.health === 'ok' ? data.quorum.managers : null} initialHosts={initialHosts} open={joining} onOpenChange={setJoining} />}
    </>
  );
}
