'use client';
// One stack, live: its services (scalable in place), tasks, networks, secrets and configs, the
// file it runs, and its revisions. A stack deployed with the docker CLI is shown and managed the
// same way; it has no file or history until its first deploy through Wharf.
import { useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, Layers, Pencil, Trash2, Upload } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { toast } from 'sonner';
import { serviceHref } from '@/components/layout/sections.ts';
import { ScaleControl } from '@/components/services/scale-control.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { ConfirmByTyping } from '@/components/ui/confirm-by-typing.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { recordStackStateAction, removeStackAction } from '@/lib/actions/stacks.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useStack, useStackDeploy } from '@/lib/queries/use-stacks.ts';
import { useSwarmOverview } from '@/lib/queries/use-swarm-overview.ts';
import { useSwarms } from '@/lib/queries/use-swarms.ts';
import type { StackDetail as StackDetailData } from '@/lib/services/stacks/read-stacks.ts';
import { ComposeEditor } from './compose-editor.tsx';
import { ConvergenceBadge } from './convergence-state.tsx';
import { stackPath } from './format.ts';
import { DeployedByBadge } from './stack-list.tsx';
import { DriftLine, StackRevisions } from './stack-revisions.tsx';
import { useSay } from '@/components/hosts/use-say.ts';
import { sentences } from '@/lib/models/joined-messages.ts';

const linkButton = 'inline-flex h-9 items-center gap-2 rounded-md px-4 text-sm font-medium';

function taskTone(state: string): 'ok' | 'danger' | 'warn' | 'neutral' {
  if (state === 'running') return 'ok';
  if (['failed', 'rejected', 'orphaned'].includes(state)) return 'danger';
  if (['shutdown', 'complete', 'remove'].includes(state)) return 'neutral';
  return 'warn';
}

const TASK_STATES = ['new', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running', 'complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned'] as const;

/** A task state in the page's language; one the console does not know stays as the engine says it. */
function useTaskState(): (state: string) => string {
  const t = useTranslations('stacks.detail.tasks.states');
  return (state) => ((TASK_STATES as readonly string[]).includes(state) ? t(state as (typeof TASK_STATES)[number]) : state);
}

function ObjectList({ title, items, empty }: { title: string; items: { id: string; name: string; extra?: ReactNode }[]; empty: string }) {
  return (
    <Card title={title}>
      {items.length === 0 ? (
        <p className="text-sm text-muted">{empty}</p>
      ) : (
        <ul aria-label={title} className="flex flex-col gap-1 text-sm">
          {items.map((item) => (
            <li key={item.id} className="flex items-center justify-between gap-2">
              <span className="truncate font-mono" title={item.id}>
                {item.name}
              </span>
              {item.extra && <span className="shrink-0 text-xs text-muted">{item.extra}</span>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function ServicesTable({ swarmId, stack, canScale }: { swarmId: string; stack: StackDetailData; canScale: boolean }) {
  const t = useTranslations('stacks.detail.services');
  return (
    <Table
      caption={t('caption')}
      columns={[{ label: t('columns.name') }, { label: t('columns.mode') }, { label: t('columns.tasksRunning') }, { label: t('columns.image') }, { label: t('columns.ports') }, { label: t('columns.updated') }, { label: t('columns.replicas') }]}
    >
      {stack.services.map((s) => (
        <Tr key={s.id}>
          <RowHeader className="font-mono">
            <Link href={serviceHref(swarmId, s.id)} className="text-accent hover:underline">
              {s.name}
            </Link>
          </RowHeader>
          <Td>{s.mode === 'global' || s.mode === 'replicated' ? t(`mode.${s.mode}`) : s.mode}</Td>
          <Td className={s.tasksRunning < s.tasksDesired ? 'text-warn' : undefined}>
            {s.tasksRunning} / {s.tasksDesired}
          </Td>
          <Td className="max-w-56 truncate font-mono text-xs" title={s.image}>
            {s.image}
          </Td>
          <Td className="font-mono text-xs">{s.ports.length ? s.ports.join(', ') : <span className="text-muted">—</span>}</Td>
          <Td className="text-muted">{s.updatedAt ? <RelativeTime iso={s.updatedAt} /> : '—'}</Td>
          <Td>
            {s.mode === 'replicated' && s.replicas !== null ? (
              <ScaleControl swarmId={swarmId} serviceId={s.id} serviceName={s.name} replicas={s.replicas} disabled={!canScale} />
            ) : (
              <span className="text-xs text-muted">{t('onePerNode')}</span>
            )}
          </Td>
        </Tr>
      ))}
    </Table>
  );
}

function TasksTable({ swarmId, stack, nodeNames }: { swarmId: string; stack: StackDetailData; nodeNames: Map<string, string> }) {
  const t = useTranslations('stacks.detail.tasks');
  const taskState = useTaskState();
  const [showAll, setShowAll] = useState(false);
  // Tasks that should run first, then the history (newest first within each).
  const ordered = useMemo(() => [...stack.tasks].sort((a, b) => Number(b.desiredState === 'running') - Number(a.desiredState === 'running')), [stack.tasks]);
  const shown = showAll ? ordered : ordered.slice(0, 30);
  if (ordered.length === 0) return <p className="text-sm text-muted">{t('none')}</p>;
  return (
    <div className="flex flex-col gap-2">
      <Table caption={t('caption')} columns={[{ label: t('columns.task') }, { label: t('columns.node') }, { label: t('columns.state') }, { label: t('columns.desiredState') }, { label: t('columns.error') }, { label: t('columns.updated') }]}>
        {shown.map((task) => (
          <Tr key={task.id}>
            <RowHeader className="font-mono text-xs">
              {task.serviceName}
              {task.slot ? `.${task.slot}` : ''}
            </RowHeader>
            <Td>
              {task.nodeId ? (
                <Link href={`/swarms/${swarmId}/nodes/${task.nodeId}`} className="text-accent hover:underline" title={task.nodeId}>
                  {nodeNames.get(task.nodeId) ?? <span className="font-mono text-xs">{task.nodeId.slice(0, 12)}</span>}
                </Link>
              ) : (
                <span className="text-muted">{t('notPlaced')}</span>
              )}
            </Td>
            <Td>
              <Badge tone={taskTone(task.state)}>{taskState(task.state)}</Badge>
            </Td>
            <Td>{taskState(task.desiredState)}</Td>
            <Td className="max-w-72 text-xs text-danger">{task.error ?? (task.exitCode ? t('exitCode', { code: task.exitCode }) : '')}</Td>
            <Td className="text-muted">
              <RelativeTime iso={task.updatedAt} />
            </Td>
          </Tr>
        ))}
      </Table>
      {ordered.length > shown.length && (
        <div>
          <Button size="sm" variant="ghost" onClick={() => setShowAll(true)}>
            {t('showAll', { count: ordered.length })}
          </Button>
        </div>
      )}
    </div>
  );
}

/** What runs differs from the file: each service and how, what a redeploy would do, and the way
 * to keep what runs (a new revision made from it) where the file allows. */
function DriftNotice({ swarmId, stackName, drift, canDeploy }: { swarmId: string; stackName: string; drift: NonNullable<StackDetailData['drift']>; canDeploy: boolean }) {
  const t = useTranslations('stacks.detail.drift');
  const say = useSay();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function record() {
    setBusy(true);
    setError(null);
    const result = await recordStackStateAction({ swarmId, stackName, basedOn: drift.revision }).catch(() => null);
    setBusy(false);
    if (!result || !result.ok) {
      setError(result ? result.error.message : t('noAnswer'));
      return;
    }
    toast.success(t('recorded', { name: stackName, revision: result.data.revision }));
    await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
  }
  return (
    <section aria-label={t('label')} className="flex flex-col gap-2 rounded-md border border-warn/40 bg-warn/10 px-4 py-3 text-sm">
      <h2 className="font-semibold">
        {t('title', { count: drift.services.length, revision: drift.revision })}
      </h2>
      <ul aria-label={t('services')} className="list-disc pl-5">
        {drift.services.map((d) => (
          <li key={d.service}>
            <DriftLine drift={d} />
          </li>
        ))}
      </ul>
      <p>{t('next')}</p>
      {canDeploy &&
        (drift.record.possible ? (
          <div>
            <Button size="sm" variant="secondary" busy={busy} onClick={record}>
              {t('record', { revision: drift.revision + 1 })}
            </Button>
          </div>
        ) : (
          <p className="text-muted">{t('cannotRecord', { reasons: say(sentences(drift.record.reasons)) })}</p>
        ))}
      {error && (
        <p role="alert" className="text-danger">
          {error}
        </p>
      )}
    </section>
  );
}

/** The stack's deploy under way (its step, updated while it runs) or interrupted (where, and to deploy again); nothing otherwise. */
function DeployUnderWay({ swarmId, stackName }: { swarmId: string; stackName: string }) {
  const t = useTranslations('stacks.detail.deploy');
  const queryClient = useQueryClient();
  const { data } = useStackDeploy(swarmId, stackName);
  const state = data?.state ?? null;
  const was = useRef(state);
  useEffect(() => {
    // A deploy that ended changed the stack: read it again now rather than at the next poll.
    if (was.current === 'running' && state !== 'running') void queryClient.invalidateQueries({ queryKey: queryKeys.stack(swarmId, stackName), exact: true });
    was.current = state;
  }, [state, queryClient, swarmId, stackName]);
  if (!data) return null;
  if (data.state === 'running') {
    return (
      <p role="status" aria-label={t('label')} className="rounded-md border border-border bg-surface-2 px-3 py-2 text-sm">
        {t('running', { step: data.text })}
      </p>
    );
  }
  return (
    <p role="alert" aria-label={t('label')} className="rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm">
      {data.text}
    </p>
  );
}

export function StackDetail({ swarmId, stackName, canDeploy, canScale }: { swarmId: string; stackName: string; canDeploy: boolean; canScale: boolean }) {
  const t = useTranslations('stacks.detail');
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data: stack, error, isPending } = useStack(swarmId, stackName);
  const overview = useSwarmOverview(swarmId);
  const { data: swarms } = useSwarms();
  const [removing, setRemoving] = useState(false);
  const swarmName = swarms?.find((s) => s.id === swarmId)?.name ?? t('theSwarm');
  const nodeNames = useMemo(() => new Map(overview.data?.health === 'ok' ? overview.data.nodes.map((n) => [n.id, n.hostname]) : []), [overview.data]);
  const backLink = (
    <Link href={`/stacks?swarm=${encodeURIComponent(swarmId)}`} className="inline-flex items-center gap-1 text-sm text-muted hover:text-fg">
      <ArrowLeft className="size-4" aria-hidden /> {t('allStacks')}
    </Link>
  );

  if (isPending) {
    return (
      <>
        {backLink}
        <h1 className="mt-2 text-xl font-semibold">{stackName}</h1>
        <p role="status" className="mt-4 text-muted">
          {t('reading')}
        </p>
      </>
    );
  }
  if (!stack) {
    return (
      <>
        {backLink}
        <h1 className="mt-2 text-xl font-semibold">{stackName}</h1>
        <p role="alert" className="mt-4 rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
          {error?.message ?? t('unreadable')}
        </p>
      </>
    );
  }

  const deployedBy = stack.revisions.length ? 'wharf' : 'cli';
  const exists = stack.services.length + stack.networks.length + stack.secrets.length + stack.configs.length > 0;

  return (
    <div className="flex flex-col gap-6">
      <div>
        {backLink}
        <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 className="flex items-center gap-3 text-xl font-semibold">
              <span className="font-mono">{stackName}</span>
              {exists && <DeployedByBadge deployedBy={deployedBy} />}
              {exists && <ConvergenceBadge convergence={stack.convergence} />}
            </h1>
            <p className="mt-1 text-muted">{t.rich('subtitle', { swarm: swarmName, count: stack.services.length, via: stack.via, manager: (chunks) => <span className="text-fg">{chunks}</span> })}</p>
          </div>
          {canDeploy && (
            <div className="flex flex-wrap items-center gap-2">
              {stack.composeText !== null ? (
                <Link href={`${stackPath(swarmId, stackName)}/edit`} className={`${linkButton} bg-accent text-accent-fg hover:opacity-90`}>
                  <Pencil className="size-4" aria-hidden /> {t('editAndRedeploy')}
                </Link>
              ) : (
                <Link href={`/stacks/new?swarm=${encodeURIComponent(swarmId)}&name=${encodeURIComponent(stackName)}`} className={`${linkButton} border border-border bg-surface hover:bg-surface-2`}>
                  <Upload className="size-4" aria-hidden /> {t('deployWithWharf')}
                </Link>
              )}
              {exists && (
                <Button variant="danger" onClick={() => setRemoving(true)}>
                  <Trash2 className="size-4" aria-hidden /> {t('remove.button')}
                </Button>
              )}
            </div>
          )}
        </div>
        {error && (
          <p role="alert" className="mt-3 rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
            {t('failedShowingLast', { message: error.message })}
          </p>
        )}
      </div>

      <DeployUnderWay swarmId={swarmId} stackName={stackName} />

      {!exists && (
        <EmptyState icon={<Layers className="size-8" />} title={t('gone.title', { name: stackName, swarm: swarmName })}>
          <p>{stack.revisions.length ? t('gone.textKept') : t('gone.text')}</p>
        </EmptyState>
      )}

      {exists && stack.convergence.errors.length > 0 && (
        <section aria-label={t('taskErrors.label')} className="rounded-md border border-danger/40 bg-danger/10 px-4 py-3 text-sm text-danger">
          <h2 className="font-semibold">
            {t(stack.convergence.state === 'failed' ? 'taskErrors.noneRuns' : 'taskErrors.someFail', { count: stack.convergence.errors.length })}
          </h2>
          <ul aria-label={t('taskErrors.list')} className="mt-1 list-disc pl-5">
            {stack.convergence.errors.map((e) => (
              <li key={`${e.service}:${e.error}`}>
                {t.rich('taskErrors.item', { service: e.service, error: e.error, mono: (chunks) => <span className="font-mono">{chunks}</span> })}
              </li>
            ))}
          </ul>
        </section>
      )}

      {exists && stack.drift && stack.drift.services.length > 0 && <DriftNotice swarmId={swarmId} stackName={stackName} drift={stack.drift} canDeploy={canDeploy} />}

      {exists && deployedBy === 'cli' && (
        <div role="note" className="rounded-md border border-border bg-surface-2 px-4 py-3 text-sm">
          {t.rich('cliNote', { code: (chunks) => <code>{chunks}</code> })}
        </div>
      )}

      {exists && (
        <>
          <section aria-label={t('services.caption')} className="flex flex-col gap-2">
            <h2 className="text-sm font-semibold">{t('services.caption')}</h2>
            {stack.services.length ? <ServicesTable swarmId={swarmId} stack={stack} canScale={canScale} /> : <p className="text-sm text-muted">{t('services.none')}</p>}
          </section>
          <section aria-label={t('tasks.caption')} className="flex flex-col gap-2">
            <h2 className="text-sm font-semibold">{t('tasks.caption')}</h2>
            <TasksTable swarmId={swarmId} stack={stack} nodeNames={nodeNames} />
          </section>
          <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
            <ObjectList title={t('objects.networks')} items={stack.networks.map((n) => ({ id: n.id, name: n.name, extra: n.driver }))} empty={t('objects.noNetworks')} />
            <ObjectList title={t('objects.secrets')} items={stack.secrets.map((s) => ({ id: s.id, name: s.name, extra: s.createdAt ? <RelativeTime iso={s.createdAt} /> : undefined }))} empty={t('objects.noSecrets')} />
            <ObjectList title={t('objects.configs')} items={stack.configs.map((c) => ({ id: c.id, name: c.name, extra: c.createdAt ? <RelativeTime iso={c.createdAt} /> : undefined }))} empty={t('objects.noConfigs')} />
          </div>
        </>
      )}

      {stack.composeText !== null && (
        <Card title={t('file.title')}>
          <p className="mb-2 text-xs text-muted">{t('file.hint')}</p>
          <ComposeEditor label={t('file.label')} value={stack.composeText} readOnly minHeight="120px" maxHeight="420px" />
        </Card>
      )}

      {stack.revisions.length > 0 && (
        <Card title={t('revisions')}>
          <StackRevisions swarmId={swarmId} stackName={stackName} revisions={stack.revisions} drift={stack.drift} canDeploy={canDeploy} />
        </Card>
      )}

      <ConfirmByTyping
        open={removing}
        onOpenChange={setRemoving}
        title={t('remove.title', { name: stackName })}
        name={stackName}
        consequence={t('remove.consequence', { services: stack.services.length, networks: stack.networks.length, secrets: stack.secrets.length, configs: stack.configs.length, swarm: swarmName })}
        confirmLabel={t('remove.button')}
        onConfirm={async (typed) => {
          const result = await removeStackAction({ swarmId, stackName, confirmName: typed }).catch(() => null);
          if (!result || !result.ok) {
            const message = result ? (result.error.fieldErrors?.confirmName?.join(' ') ?? result.error.message) : t('noAnswer');
            toast.error(message);
            await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
            return message;
          }
          toast.success(t('remove.done', { name: stackName, count: result.data.removed.length, objects: result.data.removed.join(', ') }));
          setRemoving(false);
          await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
          router.push(`/stacks?swarm=${encodeURIComponent(swarmId)}`);
          return null;
        }}
      />
    </div>
  );
}
