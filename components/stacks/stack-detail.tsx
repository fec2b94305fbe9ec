'use client';
// One stack, live: its services (scalable in place), tasks, networks, secrets and configs, the
// file it runs, and its revisions. A stack deployed with the docker CLI is shown and managed the
// same way; it has no file or history until its first deploy through Wharf.
import { useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, Layers, Pencil, Trash2, Upload } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState, type ReactNode } from 'react';
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
import { describeDrift } from '@/lib/models/stacks/stack-drift.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { useStack } from '@/lib/queries/use-stacks.ts';
import { useSwarmOverview } from '@/lib/queries/use-swarm-overview.ts';
import { useSwarms } from '@/lib/queries/use-swarms.ts';
import type { StackDetail as StackDetailData } from '@/lib/services/stacks/read-stacks.ts';
import { ComposeEditor } from './compose-editor.tsx';
import { ConvergenceBadge } from './convergence-state.tsx';
import { plural, stackPath } from './format.ts';
import { DeployedByBadge } from './stack-list.tsx';
import { StackRevisions } from './stack-revisions.tsx';

const linkButton = 'inline-flex h-9 items-center gap-2 rounded-md px-4 text-sm font-medium';

function taskTone(state: string): 'ok' | 'danger' | 'warn' | 'neutral' {
  if (state === 'running') return 'ok';
  if (['failed', 'rejected', 'orphaned'].includes(state)) return 'danger';
  if (['shutdown', 'complete', 'remove'].includes(state)) return 'neutral';
  return 'warn';
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
  return (
    <Table
      caption="Services"
      columns={[{ label: 'Name' }, { label: 'Mode' }, { label: 'Tasks running' }, { label: 'Image' }, { label: 'Ports' }, { label: 'Updated' }, { label: 'Replicas' }]}
    >
      {stack.services.map((s) => (
        <Tr key={s.id}>
          <RowHeader className="font-mono">
            <Link href={serviceHref(swarmId, s.id)} className="text-accent hover:underline">
              {s.name}
            </Link>
          </RowHeader>
          <Td>{s.mode}</Td>
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
              <span className="text-xs text-muted">one per node</span>
            )}
          </Td>
        </Tr>
      ))}
    </Table>
  );
}

function TasksTable({ swarmId, stack, nodeNames }: { swarmId: string; stack: StackDetailData; nodeNames: Map<string, string> }) {
  const [showAll, setShowAll] = useState(false);
  // Tasks that should run first, then the history (newest first within each).
  const ordered = useMemo(() => [...stack.tasks].sort((a, b) => Number(b.desiredState === 'running') - Number(a.desiredState === 'running')), [stack.tasks]);
  const shown = showAll ? ordered : ordered.slice(0, 30);
  if (ordered.length === 0) return <p className="text-sm text-muted">No tasks: the stack has no services, or they are scaled to 0.</p>;
  return (
    <div className="flex flex-col gap-2">
      <Table caption="Tasks" columns={[{ label: 'Task' }, { label: 'Node' }, { label: 'State' }, { label: 'Desired state' }, { label: 'Error' }, { label: 'Updated' }]}>
        {shown.map((t) => (
          <Tr key={t.id}>
            <RowHeader className="font-mono text-xs">
              {t.serviceName}
              {t.slot ? `.${t.slot}` : ''}
            </RowHeader>
            <Td>
              {t.nodeId ? (
                <Link href={`/swarms/${swarmId}/nodes/${t.nodeId}`} className="text-accent hover:underline" title={t.nodeId}>
                  {nodeNames.get(t.nodeId) ?? <span className="font-mono text-xs">{t.nodeId.slice(0, 12)}</span>}
                </Link>
              ) : (
                <span className="text-muted">not placed</span>
              )}
            </Td>
            <Td>
              <Badge tone={taskTone(t.state)}>{t.state}</Badge>
            </Td>
            <Td>{t.desiredState}</Td>
            <Td className="max-w-72 text-xs text-danger">{t.error ?? (t.exitCode ? `exit code ${t.exitCode}` : '')}</Td>
            <Td className="text-muted">
              <RelativeTime iso={t.updatedAt} />
            </Td>
          </Tr>
        ))}
      </Table>
      {ordered.length > shown.length && (
        <div>
          <Button size="sm" variant="ghost" onClick={() => setShowAll(true)}>
            Show all {ordered.length} tasks
          </Button>
        </div>
      )}
    </div>
  );
}

/** What runs differs from the file: each service and how, what a redeploy would do, and the way
 * to keep what runs (a new revision made from it) where the file allows. */
function DriftNotice({ swarmId, stackName, drift, canDeploy }: { swarmId: string; stackName: string; drift: NonNullable<StackDetailData['drift']>; canDeploy: boolean }) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function record() {
    setBusy(true);
    setError(null);
    const result = await recordStackStateAction({ swarmId, stackName, basedOn: drift.revision }).catch(() => null);
    setBusy(false);
    if (!result || !result.ok) {
      setError(result ? result.error.message : 'The console did not answer. Try again.');
      return;
    }
    toast.success(`Recorded the running state of ${stackName} as revision ${result.data.revision}.`);
    await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
  }
  return (
    <section aria-label="Drift from the file" className="flex flex-col gap-2 rounded-md border border-warn/40 bg-warn/10 px-4 py-3 text-sm">
      <h2 className="font-semibold">
        Drift: {plural(drift.services.length, 'service')} no longer {drift.services.length === 1 ? 'runs' : 'run'} as revision {drift.revision} says
      </h2>
      <ul aria-label="Drifted services" className="list-disc pl-5">
        {drift.services.map((d) => (
          <li key={d.service}>{describeDrift(d)}</li>
        ))}
      </ul>
      <p>The next redeploy of the file (or a rollback) will set these back to the file&apos;s values.</p>
      {canDeploy &&
        (drift.record.possible ? (
          <div>
            <Button size="sm" variant="secondary" busy={busy} onClick={record}>
              Record the running state as revision {drift.revision + 1}
            </Button>
          </div>
        ) : (
          <p className="text-muted">The running state cannot be recorded as a revision: {drift.record.reasons.join(' ')}</p>
        ))}
      {error && (
        <p role="alert" className="text-danger">
          {error}
        </p>
      )}
    </section>
  );
}

export function StackDetail({ swarmId, stackName, canDeploy, canScale }: { swarmId: string; stackName: string; canDeploy: boolean; canScale: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data: stack, error, isPending } = useStack(swarmId, stackName);
  const overview = useSwarmOverview(swarmId);
  const { data: swarms } = useSwarms();
  const [removing, setRemoving] = useState(false);
  const swarmName = swarms?.find((s) => s.id === swarmId)?.name ?? 'the swarm';
  const nodeNames = useMemo(() => new Map(overview.data?.health === 'ok' ? overview.data.nodes.map((n) => [n.id, n.hostname]) : []), [overview.data]);
  const backLink = (
    <Link href={`/stacks?swarm=${encodeURIComponent(swarmId)}`} className="inline-flex items-center gap-1 text-sm text-muted hover:text-fg">
      <ArrowLeft className="size-4" aria-hidden /> All stacks
    </Link>
  );

  if (isPending) {
    return (
      <>
        {backLink}
        <h1 className="mt-2 text-xl font-semibold">{stackName}</h1>
        <p role="status" className="mt-4 text-muted">
          Reading the stack…
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
          {error?.message ?? 'The stack could not be read.'}
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
            <p className="mt-1 text-muted">
              Stack on {swarmName} · {plural(stack.services.length, 'service')} · read through manager <span className="text-fg">{stack.via}</span>
            </p>
          </div>
          {canDeploy && (
            <div className="flex flex-wrap items-center gap-2">
              {stack.composeText !== null ? (
                <Link href={`${stackPath(swarmId, stackName)}/edit`} className={`${linkButton} bg-accent text-accent-fg hover:opacity-90`}>
                  <Pencil className="size-4" aria-hidden /> Edit and redeploy
                </Link>
              ) : (
                <Link href={`/stacks/new?swarm=${encodeURIComponent(swarmId)}&name=${encodeURIComponent(stackName)}`} className={`${linkButton} border border-border bg-surface hover:bg-surface-2`}>
                  <Upload className="size-4" aria-hidden /> Deploy a file with Wharf
                </Link>
              )}
              {exists && (
                <Button variant="danger" onClick={() => setRemoving(true)}>
                  <Trash2 className="size-4" aria-hidden /> Remove stack
                </Button>
              )}
            </div>
          )}
        </div>
        {error && (
          <p role="alert" className="mt-3 rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
            {error.message} Showing what was last read.
          </p>
        )}
      </div>

      {!exists && (
        <EmptyState icon={<Layers className="size-8" />} title={`No stack named ${stackName} on ${swarmName}`}>
          <p>It has no services, networks, secrets or configs on this swarm{stack.revisions.length ? ' any more; its revisions are kept below' : ''}.</p>
        </EmptyState>
      )}

      {exists && stack.convergence.errors.length > 0 && (
        <section aria-label="Task errors" className="rounded-md border border-danger/40 bg-danger/10 px-4 py-3 text-sm text-danger">
          <h2 className="font-semibold">
            {stack.convergence.state === 'failed' ? 'No task of this stack runs' : 'Some tasks of this stack fail'}: the last deploy was accepted, but the swarm cannot run
            {stack.convergence.errors.length === 1 ? ' this task' : ' these tasks'}
          </h2>
          <ul aria-label="Errors of the tasks" className="mt-1 list-disc pl-5">
            {stack.convergence.errors.map((e) => (
              <li key={`${e.service}:${e.error}`}>
                <span className="font-mono">{e.service}</span>: {e.error}
              </li>
            ))}
          </ul>
        </section>
      )}

      {exists && stack.drift && stack.drift.services.length > 0 && <DriftNotice swarmId={swarmId} stackName={stackName} drift={stack.drift} canDeploy={canDeploy} />}

      {exists && deployedBy === 'cli' && (
        <div role="note" className="rounded-md border border-border bg-surface-2 px-4 py-3 text-sm">
          This stack was deployed with the docker CLI (<code>docker stack deploy</code>), so Wharf has no file or history for it. Its services can be scaled and the stack removed here; the first deploy
          through Wharf will start its history of revisions.
        </div>
      )}

      {exists && (
        <>
          <section aria-label="Services" className="flex flex-col gap-2">
            <h2 className="text-sm font-semibold">Services</h2>
            {stack.services.length ? <ServicesTable swarmId={swarmId} stack={stack} canScale={canScale} /> : <p className="text-sm text-muted">No services left in this stack.</p>}
          </section>
          <section aria-label="Tasks" className="flex flex-col gap-2">
            <h2 className="text-sm font-semibold">Tasks</h2>
            <TasksTable swarmId={swarmId} stack={stack} nodeNames={nodeNames} />
          </section>
          <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
            <ObjectList title="Networks" items={stack.networks.map((n) => ({ id: n.id, name: n.name, extra: n.driver }))} empty="No networks of its own." />
            <ObjectList title="Secrets" items={stack.secrets.map((s) => ({ id: s.id, name: s.name, extra: s.createdAt ? <RelativeTime iso={s.createdAt} /> : undefined }))} empty="No secrets." />
            <ObjectList title="Configs" items={stack.configs.map((c) => ({ id: c.id, name: c.name, extra: c.createdAt ? <RelativeTime iso={c.createdAt} /> : undefined }))} empty="No configs." />
          </div>
        </>
      )}

      {stack.composeText !== null && (
        <Card title="Compose file">
          <p className="mb-2 text-xs text-muted">The file of the last revision that deployed (or recorded what runs).</p>
          <ComposeEditor label="Current compose file" value={stack.composeText} readOnly minHeight="120px" maxHeight="420px" />
        </Card>
      )}

      {stack.revisions.length > 0 && (
        <Card title="Revisions">
          <StackRevisions swarmId={swarmId} stackName={stackName} revisions={stack.revisions} drift={stack.drift} canDeploy={canDeploy} />
        </Card>
      )}

      <ConfirmByTyping
        open={removing}
        onOpenChange={setRemoving}
        title={`Remove the stack ${stackName}?`}
        name={stackName}
        consequence={`Removes its ${plural(stack.services.length, 'service')}, ${plural(stack.networks.length, 'network')}, ${plural(stack.secrets.length, 'secret')} and ${plural(stack.configs.length, 'config')} from ${swarmName}. Their containers stop. Revisions kept by Wharf stay.`}
        confirmLabel="Remove stack"
        onConfirm={async (typed) => {
          const result = await removeStackAction({ swarmId, stackName, confirmName: typed }).catch(() => null);
          if (!result || !result.ok) {
            const message = result ? (result.error.fieldErrors?.confirmName?.join(' ') ?? result.error.message) : 'The console did not answer. Try again.';
            toast.error(message);
            await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
            return message;
          }
          toast.success(`Removed the stack ${stackName}: ${plural(result.data.removed.length, 'object')} (${result.data.removed.join(', ')})`);
          setRemoving(false);
          await queryClient.invalidateQueries({ queryKey: queryKeys.swarm(swarmId) });
          router.push(`/stacks?swarm=${encodeURIComponent(swarmId)}`);
          return null;
        }}
      />
    </div>
  );
}
