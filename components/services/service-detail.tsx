'use client';
// One service, live: its tasks (node, state, errors, exit codes), its environment (values revealed
// on request, audited) and spec, the rolling update's progress, and the changes an operator makes —
// new image, scale, roll back, force redeploy, remove.
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
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
import { forceRedeployServiceAction, removeServiceAction, revealServiceEnvAction, rollbackServiceAction, updateServiceImageAction } from '@/lib/actions/services.ts';
import type { Result } from '@/lib/errors.ts';
import { FetchError } from '@/lib/queries/fetch-json.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useService } from '@/lib/queries/use-services.ts';
import type { ServiceDetail as Detail } from '@/lib/services/swarm-services/manage-services.ts';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { useOneDialog } from '@/components/ui/dialog.tsx';
import { EnvironmentPanel } from '@/components/containers/environment-panel.tsx';
import { ScaleControl } from './scale-control.tsx';
import { withSwarm } from '@/components/layout/sections.ts';
import { UpdateProgressPanel } from './update-status.tsx';

const FAILED = new Set(['failed', 'rejected']);

function UpdateImageForm({ swarmId, serviceId, current, onDone }: { swarmId: string; serviceId: string; current: string; onDone: () => Promise<void> }) {
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
        toast.success(`Rolling update to ${image.trim()} started`);
        for (const warning of result.data.warnings) toast.warning(warning);
        setImage('');
        await onDone();
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <TextField label="New image" hint={`Now ${current}. Tasks are replaced as the update policy says.`} value={image} onChange={(e) => setImage(e.target.value)} error={error} className="w-96" autoComplete="off" spellCheck={false} />
        <Button type="submit" busy={busy} disabled={!image.trim()}>
          Update image
        </Button>
      </div>
      <FormError message={message} />
    </Form>
  );
}

function TasksTable({ swarmId, detail }: { swarmId: string; detail: Detail }) {
  const { service, tasks } = detail;
  if (tasks.length === 0) return <p className="text-sm text-muted">No tasks yet.</p>;
  return (
    <Table
      caption="Tasks"
      columns={[{ label: 'Task' }, { label: 'Node' }, { label: 'State' }, { label: 'Desired state' }, { label: 'Image' }, { label: 'Error' }, { label: 'Exit code' }, { label: 'Updated' }]}
    >
      {tasks.map((t) => (
        <Tr key={t.id} className="align-top text-sm">
          <RowHeader className="font-mono text-xs">
            {service.name}.{t.slot ?? t.nodeId?.slice(0, 12) ?? '?'}
          </RowHeader>
          <Td>
            {t.nodeId ? (
              <Link href={`/swarms/${swarmId}/nodes/${t.nodeId}`} className="text-accent hover:underline" title={t.nodeId}>
                {t.hostname ?? t.nodeId.slice(0, 12)}
              </Link>
            ) : (
              'not assigned'
            )}
          </Td>
          <Td>
            <Badge tone={t.state === 'running' ? 'ok' : FAILED.has(t.state) ? 'danger' : 'neutral'}>{t.state}</Badge>
          </Td>
          <Td>{t.desiredState}</Td>
          <Td className="font-mono text-xs">{t.image}</Td>
          <Td className="max-w-72 text-xs text-danger">{t.error ?? ''}</Td>
          <Td>{t.exitCode ?? '—'}</Td>
          <Td className="whitespace-nowrap text-xs">{t.updatedAt ? <RelativeTime iso={t.updatedAt} /> : '—'}</Td>
        </Tr>
      ))}
    </Table>
  );
}

export function ServiceDetail({ swarmId, serviceId, canManage, canRevealEnv }: { swarmId: string; serviceId: string; canManage: boolean; canRevealEnv: boolean }) {
  const query = useService(swarmId, serviceId);
  const queryClient = useQueryClient();
  const router = useRouter();
  const dialogs = useOneDialog<'rollback' | 'force' | 'remove'>();
  const back = withSwarm('/services', swarmId);
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });

  if (query.isPending) return <Waiting what="Asking the swarm's managers for this service…" />;
  if (!query.data) {
    if (query.error instanceof FetchError && query.error.status === 404) {
      return (
        <EmptyState title="This service does not exist (any more)">
          It may have been removed.{' '}
          <Link href={back} className="text-accent underline">
            Back to the services
          </Link>
        </EmptyState>
      );
    }
    return <ReadError what="The service" error={query.error ?? new Error('No answer.')} />;
  }

  const detail = query.data;
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
            ← All services
          </Link>
          <h1 className="text-xl font-semibold">{service.name}</h1>
          <Facts className="mt-3 sm:grid-cols-4">
            <Fact term="Image">
              <span className="font-mono text-xs">{service.image}</span>
            </Fact>
            <Fact term="Mode">{service.mode}</Fact>
            <Fact term="Tasks running">
              {service.running}/{service.desired}
            </Fact>
            <Fact term="State">
              <ConvergenceBadge convergence={service.convergence} />
            </Fact>
            <Fact term="Stack">
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
            <Button variant="secondary" onClick={() => dialogs.open('rollback')} disabled={!detail.hasPreviousSpec} title={detail.hasPreviousSpec ? undefined : 'The service has not been changed since it was created.'}>
              Roll back
            </Button>
            <Button variant="secondary" onClick={() => dialogs.open('force')}>
              Force redeploy
            </Button>
            <Button variant="danger" onClick={() => dialogs.open('remove')}>
              Remove service
            </Button>
          </div>
        )}
      </div>

      <p className="text-xs text-muted">
        <Link href={`/services/${swarmId}/${serviceId}/logs`} className="text-accent underline">
          Logs of every task
        </Link>{' '}
        · Read through {detail.via}.
      </p>

      <Card title="Rolling update">
        <div className="flex flex-col gap-5">
          {service.update ? <UpdateProgressPanel update={service.update} failedTasks={failedTasks} /> : <p className="text-sm text-muted">No update has run since the service was created.</p>}
          {canManage && <UpdateImageForm swarmId={swarmId} serviceId={serviceId} current={service.image} onDone={refresh} />}
        </div>
      </Card>

      {canManage && service.mode === 'replicated' && service.replicas !== null && (
        <Card title="Scale">
          <ScaleControl swarmId={swarmId} serviceId={serviceId} serviceName={service.name} replicas={service.replicas} />
        </Card>
      )}

      <Card title="Tasks">
        <TasksTable swarmId={swarmId} detail={detail} />
      </Card>

      <Card title="Environment">
        <EnvironmentPanel env={detail.env} canReveal={canRevealEnv} reveal={() => revealServiceEnvAction({ swarmId, serviceId })} />
      </Card>

      <details className="rounded-lg border border-border bg-surface p-4">
        <summary className="cursor-pointer text-sm font-semibold">Spec (JSON, read-only, environment values hidden)</summary>
        <pre className="mt-3 max-h-[32rem] overflow-auto rounded-md bg-surface-2 p-3 font-mono text-xs">{JSON.stringify(detail.spec, null, 2)}</pre>
      </details>

      <ConfirmDialog
        {...dialogs.bind('rollback')}
        title={`Roll back ${service.name}?`}
        description="The service returns to its previous spec (image, settings and all), replacing its tasks as the rollback policy says."
        confirmLabel="Roll back"
        onConfirm={() => change(() => rollbackServiceAction({ swarmId, serviceId }), `Rolling back ${service.name}`)}
      />
      <ConfirmDialog
        {...dialogs.bind('force')}
        title={`Force redeploy ${service.name}?`}
        description="Every task is replaced with a new one, even though nothing changed: the service restarts task by task."
        confirmLabel="Force redeploy"
        onConfirm={() => change(() => forceRedeployServiceAction({ swarmId, serviceId }), `Redeploying ${service.name}`)}
      />
      <ConfirmByTyping
        {...dialogs.bind('remove')}
        title={`Remove ${service.name}?`}
        name={service.name}
        consequence="Its tasks are stopped and the service is gone; secrets, configs, networks and volumes stay."
        confirmLabel="Remove service"
        onConfirm={async (typed) => {
          const result = await removeServiceAction({ swarmId, serviceId, confirmName: typed });
          if (!result.ok) return result.error.fieldErrors?.confirmName?.join(' ') ?? result.error.message;
          toast.success(`Removed service ${service.name}`);
          router.push(back);
          await refresh();
          return null;
        }}
      />
    </div>
  );
}
