'use client';
// One service, live: its tasks (node, state, errors, exit codes), its environment (values revealed
// on request, audited) and spec, the rolling update's progress, and the changes an operator makes —
// edit (form or YAML, edit-service.tsx), new image, scale, roll back, force redeploy, remove.
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { Fact, Facts } from '@/components/ui/facts.tsx';
import { ConvergenceBadge } from '@/components/stacks/convergence-state.tsx';
import { stackPath } from '@/components/stacks/format.ts';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { ConfirmByTyping } from '@/components/ui/confirm-by-typing.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { FormError, TextField } from '@/components/ui/field.tsx';
import { Form } from '@/components/ui/form.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { ReadError, Waiting } from '@/components/ui/query-state.tsx';
import { ServiceImageUpdate } from '@/components/registries/image-update.tsx';
import { useSwarmImageUpdates } from '@/lib/queries/use-image-updates.ts';
import { forceRedeployServiceAction, removeServiceAction, revealServiceEnvAction, rollbackServiceAction, updateServiceImageAction } from '@/lib/actions/services.ts';
import type { Result } from '@/lib/errors.ts';
import { FetchError } from '@/lib/queries/fetch-json.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useService } from '@/lib/queries/use-services.ts';
import type { ServiceDetail as Detail } from '@/lib/services/swarm-services/manage-services.ts';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { useOneDialog } from '@/components/ui/dialog.tsx';
import { EnvironmentPanel } from '@/components/containers/environment-panel.tsx';
import { EditService } from './edit-service.tsx';
import { ScaleControl } from './scale-control.tsx';
import { withSwarm } from '@/components/layout/sections.ts';
import { UpdateProgressPanel } from './update-status.tsx';
import { useTaskState } from '@/components/swarms/use-task-state.ts';

const FAILED = new Set(['failed', 'rejected']);

function UpdateImageForm({ swarmId, serviceId, current, onDone }: { swarmId: string; serviceId: string; current: string; onDone: () => Promise<void> }) {
  const t = useTranslations('services.detail');
  const [image, setImage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string[] | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <Form
      className="flex flex-col gap-3"
      onSubmit={async () => {
        setBusy(true);
        setError(undefined);
        setMessage(null);
        const result = await updateServiceImageAction({ swarmId, serviceId, image }).finally(() => setBusy(false));
        if (!result.ok) {
          setError(result.error.fieldErrors?.image);
          if (!result.error.fieldErrors?.image) setMessage(result.error.message);
          return;
        }
        toast.success(t('updateStarted', { image: image.trim() }));
        for (const warning of result.data.warnings) toast.warning(warning);
        setImage('');
        await onDone();
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <TextField label={t('newImage')} hint={t('newImageHint', { image: current })} value={image} onChange={(e) => setImage(e.target.value)} error={error} className="w-96" autoComplete="off" spellCheck={false} />
        <Button type="submit" busy={busy} disabled={!image.trim()}>
          {t('updateImage')}
        </Button>
      </div>
      <FormError message={message} />
    </Form>
  );
}

function TasksTable({ swarmId, detail }: { swarmId: string; detail: Detail }) {
  const t = useTranslations('services.detail');
  const stateWord = useTaskState();
  const { service, tasks } = detail;
  if (tasks.length === 0) return <p className="text-sm text-muted">{t('noTasks')}</p>;
  return (
    <Table
      caption={t('tasksCaption')}
      columns={(['task', 'node', 'state', 'desired', 'image', 'error', 'exitCode', 'updated'] as const).map((key) => ({ label: t(`col.${key}`) }))}
    >
      {tasks.map((task) => (
        <Tr key={task.id} className="align-top text-sm">
          <RowHeader className="font-mono text-xs">
            {/* A task whose node is a registered host links to its container there. */}
            {task.hostId && task.containerId ? (
              <Link href={`/containers/${encodeURIComponent(task.hostId)}/${encodeURIComponent(task.containerId)}`} className="text-accent hover:underline" title={task.containerId.slice(0, 12)}>
                {service.name}.{task.slot ?? task.nodeId?.slice(0, 12) ?? '?'}
              </Link>
            ) : (
              <>
                {service.name}.{task.slot ?? task.nodeId?.slice(0, 12) ?? '?'}
              </>
            )}
          </RowHeader>
          <Td>
            {task.nodeId ? (
              <Link href={`/swarms/${swarmId}/nodes/${task.nodeId}`} className="text-accent hover:underline" title={task.nodeId}>
                {task.hostname ?? task.nodeId.slice(0, 12)}
              </Link>
            ) : (
              t('notAssigned')
            )}
          </Td>
          <Td>
            <Badge tone={task.state === 'running' ? 'ok' : FAILED.has(task.state) ? 'danger' : 'neutral'}>{stateWord(task.state)}</Badge>
          </Td>
          <Td>{stateWord(task.desiredState)}</Td>
          <Td className="font-mono text-xs">{task.image}</Td>
          <Td className="max-w-72 text-xs text-danger">{task.error ?? ''}</Td>
          <Td>{task.exitCode ?? '—'}</Td>
          <Td className="whitespace-nowrap text-xs">{task.updatedAt ? <RelativeTime iso={task.updatedAt} /> : '—'}</Td>
        </Tr>
      ))}
    </Table>
  );
}

export function ServiceDetail({ swarmId, serviceId, canManage, canRevealEnv }: { swarmId: string; serviceId: string; canManage: boolean; canRevealEnv: boolean }) {
  const t = useTranslations('services.detail');
  const tList = useTranslations('services.list');
  const query = useService(swarmId, serviceId);
  const { data: updates } = useSwarmImageUpdates(swarmId);
  const queryClient = useQueryClient();
  const router = useRouter();
  const dialogs = useOneDialog<'rollback' | 'force' | 'remove'>();
  const [editing, setEditing] = useState(false);
  const back = withSwarm('/services', swarmId);
  const refresh = async () => {
    await Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) }), queryClient.invalidateQueries({ queryKey: queryKeys.imageUpdatesOfSwarm(swarmId) })]);
  };

  if (query.isPending) return <Waiting what={t('asking')} />;
  if (!query.data) {
    if (query.error instanceof FetchError && query.error.status === 404) {
      return (
        <EmptyState title={t('goneTitle')}>
          {t.rich('goneText', {
            link: (chunks) => (
              <Link href={back} className="text-accent underline">
                {chunks}
              </Link>
            ),
          })}
        </EmptyState>
      );
    }
    return <ReadError what={t('what')} error={query.error ?? new Error(t('noAnswer'))} />;
  }

  const detail = query.data;
  const rollbackDialog = dialogs.bind('rollback');
  const forceDialog = dialogs.bind('force');
  const removeDialog = dialogs.bind('remove');
  const { service } = detail;
  const since = service.update?.startedAt ?? '';
  const failedTasks = detail.tasks.filter((t) => FAILED.has(t.state) && t.updatedAt >= since).slice(0, 5);
  /** Runs a change and reports it; returns the error message or null. */
  const change = async (run: () => Promise<Result<{ warnings: string[] }>>, done: string) => {
    const result = await run();
    if (!result.ok) return result.error.message;
    toast.success(done);
    for (const warning of result.data.warnings) toast.warning(warning);
    await refresh();
    return null;
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link href={back} className="text-xs text-muted hover:underline">
            {t('allServices')}
          </Link>
          <h1 className="text-xl font-semibold">{service.name}</h1>
          <Facts className="mt-3 sm:grid-cols-4">
            <Fact term={t('image')}>
              <span className="flex flex-wrap items-center gap-1">
                <span className="font-mono text-xs">{service.image}</span>
                <ServiceImageUpdate swarmId={swarmId} serviceId={serviceId} name={service.name} check={updates?.[serviceId]} canManage={canManage} />
              </span>
            </Fact>
            <Fact term={t('pinnedTo')}>
              {service.digest ? (
                <span className="font-mono text-xs" title={t('pinnedTitle')}>
                  {service.digest}
                </span>
              ) : (
                <span className="text-xs text-muted">{t('unpinned')}</span>
              )}
            </Fact>
            <Fact term={t('mode')}>{tList(`mode.${service.mode}`)}</Fact>
            <Fact term={t('running')}>
              {service.running}/{service.desired}
            </Fact>
            <Fact term={t('state')}>
              <ConvergenceBadge convergence={service.convergence} />
            </Fact>
            <Fact term={t('stack')}>
              {service.stack ? (
                <Link href={stackPath(swarmId, service.stack)} className="text-accent hover:underline">
                  {service.stack}
                </Link>
              ) : (
                '—'
              )}
            </Fact>
          </Facts>
        </div>
        {canManage && (
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => setEditing(true)} disabled={editing}>
              {t('edit')}
            </Button>
            <Button variant="secondary" onClick={() => dialogs.open('rollback')} disabled={!detail.hasPreviousSpec} title={detail.hasPreviousSpec ? undefined : t('neverChanged')}>
              {t('rollback')}
            </Button>
            <Button variant="secondary" onClick={() => dialogs.open('force')}>
              {t('force')}
            </Button>
            <Button variant="danger" onClick={() => dialogs.open('remove')}>
              {t('remove')}
            </Button>
          </div>
        )}
      </div>

      <p className="text-xs text-muted">
        <Link href={`/services/${swarmId}/${serviceId}/logs`} className="text-accent underline">
          {t('logs')}
        </Link>{' '}
        {t('via', { host: detail.via })}
      </p>

      {canManage && editing && <EditService swarmId={swarmId} serviceId={serviceId} onClose={() => setEditing(false)} onApplied={refresh} />}

      <Card title={t('rollingUpdate')}>
        <div className="flex flex-col gap-5">
          {service.update ? <UpdateProgressPanel update={service.update} failedTasks={failedTasks} /> : <p className="text-sm text-muted">{t('noUpdate')}</p>}
          {canManage && <UpdateImageForm swarmId={swarmId} serviceId={serviceId} current={service.image} onDone={refresh} />}
        </div>
      </Card>

      {canManage && service.mode === 'replicated' && service.replicas !== null && (
        <Card title={t('scale')}>
          <ScaleControl swarmId={swarmId} serviceId={serviceId} serviceName={service.name} replicas={service.replicas} />
        </Card>
      )}

      <Card title={t('tasks')}>
        <TasksTable swarmId={swarmId} detail={detail} />
      </Card>

      <Card title={t('environment')}>
        <EnvironmentPanel env={detail.env} canReveal={canRevealEnv} reveal={() => revealServiceEnvAction({ swarmId, serviceId })} />
      </Card>

      <details className="rounded-lg border border-border bg-surface p-4">
        <summary className="cursor-pointer text-sm font-semibold">{t('spec')}</summary>
        <pre className="mt-3 max-h-[32rem] overflow-auto rounded-md bg-surface-2 p-3 font-mono text-xs">{JSON.stringify(detail.spec, null, 2)}</pre>
      </details>

      <ConfirmDialog
        {...rollbackDialog}
        title={t('rollbackTitle', { service: service.name })}
        description={t('rollbackDescription')}
        confirmLabel={t('rollback')}
        onConfirm={() => change(() => rollbackServiceAction({ swarmId, serviceId }), t('rollingBack', { service: service.name }))}
      />
      <ConfirmDialog
        {...forceDialog}
        title={t('forceTitle', { service: service.name })}
        description={t('forceDescription')}
        confirmLabel={t('force')}
        onConfirm={() => change(() => forceRedeployServiceAction({ swarmId, serviceId }), t('redeploying', { service: service.name }))}
      />
      <ConfirmByTyping
        {...removeDialog}
        title={t('removeTitle', { service: service.name })}
        name={service.name}
        consequence={t('removeConsequence')}
        confirmLabel={t('remove')}
        onConfirm={async (typed) => {
          const result = await removeServiceAction({ swarmId, serviceId, confirmName: typed });
          if (!result.ok) return result.error.fieldErrors?.confirmName?.join(' ') ?? result.error.message;
          toast.success(t('removed', { service: service.name }));
          router.push(back);
          await refresh();
          return null;
        }}
      />
    </div>
  );
}
