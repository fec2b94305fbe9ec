'use client';
// One node of a swarm: readable facts, labels, the tasks on it, the raw inspect JSON, and the
// same actions as the node's row in the table. Live.
import { ArrowLeft } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo } from 'react';
import { formatBytes } from '@/components/hosts/format.ts';
import { Badge } from '@/components/ui/badge.tsx';
import { Card } from '@/components/ui/card.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { Waiting } from '@/components/ui/query-state.tsx';
import { useHostList } from '@/lib/queries/use-host-list.ts';
import { useSwarmNode } from '@/lib/queries/use-swarm-node.ts';
import { useSwarmOverview } from '@/lib/queries/use-swarm-overview.ts';
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import type { TaskView } from '@/lib/services/swarms/swarm-views.ts';
import { FailoverBanner } from './failover-banner.tsx';
import { Fact, Facts } from '@/components/ui/facts.tsx';
import { formatCpus, isTime } from './format.ts';
import { AvailabilityBadge, LabelChips, ManagerStatusBadge, RoleBadge, StateBadge } from './node-badges.tsx';
import { NodeActions, NodeDialogs } from './node-actions.tsx';
import { SwarmUnreadable } from './swarm-detail.tsx';
import { useFailoverNotice } from './use-failover-notice.ts';
import { useTaskState } from './use-task-state.ts';

const TASK_TONE = (task: TaskView) =>
  task.state === 'failed' || task.state === 'rejected' ? 'danger' : task.state === 'running' ? 'ok' : ['complete', 'shutdown', 'remove', 'orphaned'].includes(task.state) ? 'neutral' : 'warn';

function TasksTable({ tasks }: { tasks: TaskView[] }) {
  const t = useTranslations('swarms.nodeDetail');
  const stateWord = useTaskState();
  if (tasks.length === 0) return <p className="text-muted">{t('noTasks')}</p>;
  return (
    <Table
      caption={t('tasksCaption')}
      columns={[{ label: t('col.service') }, { label: t('col.slot') }, { label: t('col.state') }, { label: t('col.desired') }, { label: t('col.error') }, { label: t('col.exitCode') }, { label: t('col.updated') }]}
      className="text-xs"
    >
      {tasks.map((task) => (
        <Tr key={task.id}>
          <RowHeader>
            <span className="font-medium">{task.serviceName}</span>
            <div className="font-mono text-[11px] text-muted">{task.image}</div>
          </RowHeader>
          <Td>{task.slot ?? '—'}</Td>
          <Td>
            <Badge tone={TASK_TONE(task)}>{stateWord(task.state)}</Badge>
            {task.message && task.message !== task.state && <div className="mt-1 text-muted">{task.message}</div>}
          </Td>
          <Td>{stateWord(task.desiredState)}</Td>
          <Td className="max-w-64 break-words text-danger">{task.error ?? <span className="text-muted">—</span>}</Td>
          <Td>{task.exitCode ?? '—'}</Td>
          <Td className="whitespace-nowrap">{isTime(task.updatedAt) ? <RelativeTime iso={task.updatedAt} /> : '—'}</Td>
        </Tr>
      ))}
    </Table>
  );
}

type Props = { swarmId: string; nodeId: string; canManage: boolean; initialHosts?: HostView[] };

export function NodeDetail(props: Props) {
  const router = useRouter();
  return (
    <NodeDialogs swarmId={props.swarmId} onGone={() => router.push(`/swarms/${props.swarmId}`)}>
      <NodeDetailBody {...props} />
    </NodeDialogs>
  );
}

function NodeDetailBody({ swarmId, nodeId, canManage, initialHosts }: Props) {
  const t = useTranslations('swarms.nodeDetail');
  const detail = useSwarmNode(swarmId, nodeId);
  const overview = useSwarmOverview(swarmId);
  const { data: hosts } = useHostList(initialHosts);
  const failover = useFailoverNotice();
  const report = failover.report;
  const { data, error } = detail;

  useEffect(() => {
    if (data) report(data);
  }, [data, report]);
  useEffect(() => {
    if (overview.data) report(overview.data);
  }, [overview.data, report]);

  const hostName = useMemo(() => (data?.node.hostId ? hosts?.find((h) => h.id === data.node.hostId)?.name : undefined), [data, hosts]);
  const back = (
    <Link href={`/swarms/${swarmId}`} className="inline-flex items-center gap-1 text-sm text-accent hover:underline">
      <ArrowLeft className="size-4" aria-hidden /> {t('back')}
    </Link>
  );

  if (detail.isPending) {
    return (
      <>
        <div className="mb-4">{back}</div>
        <Waiting what={t('reading')} />
      </>
    );
  }
  if (!data) {
    return (
      <>
        <div className="mb-4">{back}</div>
        <SwarmUnreadable error={error} onRetry={() => void detail.refetch()} busy={detail.isFetching} />
      </>
    );
  }

  const { node, tasks, raw } = data;
  const nodes = overview.data?.health === 'ok' ? overview.data.nodes : null;
  return (
    <>
      <div className="mb-4">{back}</div>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="flex flex-wrap items-center gap-3 text-xl font-semibold">
            {node.hostname} <RoleBadge role={node.role} /> <StateBadge state={node.state} />
          </h1>
          <p className="mt-1 font-mono text-xs text-muted">{node.id}</p>
        </div>
        {canManage && nodes && <NodeActions node={nodes.find((n) => n.id === node.id) ?? node} nodes={nodes} buttonText={t('actions')} />}
      </div>

      <FailoverBanner notice={failover.notice} onDismiss={failover.dismiss} />
      {error && (
        <p role="status" className="mb-4 rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm text-warn">
          {t('refreshFailed', { message: error.message })}
        </p>
      )}

      <div className="flex flex-col gap-6">
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
          <Card title={t('node')} className="lg:col-span-2">
            <Facts>
              <Fact term={t('role')}>
                <RoleBadge role={node.role} />
              </Fact>
              <Fact term={t('availability')}>
                <AvailabilityBadge availability={node.availability} />
              </Fact>
              <Fact term={t('status')}>
                <StateBadge state={node.state} />
                {node.stateMessage && <span className="block text-xs text-muted">{node.stateMessage}</span>}
              </Fact>
              <Fact term={t('managerStatus')}>
                <ManagerStatusBadge status={node.managerStatus} />
              </Fact>
              <Fact term={t('address')}>
                <span className="font-mono text-xs">{node.address || '—'}</span>
              </Fact>
              <Fact term={t('engineVersion')}>{node.engineVersion || '—'}</Fact>
              <Fact term={t('os')}>
                {node.os || '—'} / {node.architecture || '—'}
              </Fact>
              <Fact term={t('cpus')}>{formatCpus(node.cpus)}</Fact>
              <Fact term={t('memory')}>{formatBytes(node.memoryBytes)}</Fact>
              <Fact term={t('runningTasks')}>{node.runningTasks}</Fact>
              <Fact term={t('joined')}>{isTime(node.createdAt) ? <RelativeTime iso={node.createdAt} /> : '—'}</Fact>
              <Fact term={t('registeredHost')}>
                {node.hostId ? (
                  <Link href={`/hosts/${node.hostId}`} className="text-accent hover:underline">
                    {hostName ?? t('openHost')}
                  </Link>
                ) : (
                  <span className="text-muted">{t('notRegistered')}</span>
                )}
              </Fact>
            </Facts>
          </Card>
          <Card title={t('labels')}>
            <LabelChips labels={node.labels} />
            <p className="mt-3 text-xs text-muted">{t('labelsNote')}</p>
          </Card>
        </div>
        <Card title={t('tasks')}>
          <TasksTable tasks={tasks} />
        </Card>
        <Card title={t('inspect')}>
          <details>
            <summary className="cursor-pointer text-sm font-medium">{t('raw')}</summary>
            <pre className="mt-3 max-h-[32rem] overflow-auto rounded-md bg-surface-2 p-3 font-mono text-xs">{JSON.stringify(raw, null, 2)}</pre>
          </details>
        </Card>
      </div>
    </>
  );
}
