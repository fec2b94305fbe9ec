'use client';
// The stacks of one swarm (chosen in a select when there are several, kept in the URL as
// ?swarm=), deployed through Wharf or with the docker CLI, live.
import { Layers, Plus } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { Badge } from '@/components/ui/badge.tsx';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { SelectField } from '@/components/ui/field.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { ButtonLink } from '@/components/ui/button.tsx';
import { withSwarm } from '@/components/layout/sections.ts';
import { CreateSwarmLink } from '@/components/swarms/swarm-cards.tsx';
import { NoSwarmYet } from '@/components/swarms/no-swarm-yet.tsx';
import { useStackList } from '@/lib/queries/use-stacks.ts';
import { useSwarms } from '@/lib/queries/use-swarms.ts';
import type { StackSummary } from '@/lib/services/stacks/read-stacks.ts';
import type { SwarmSummary } from '@/lib/services/swarms/list-swarms.ts';
import { ConvergenceCell } from './convergence-state.tsx';
import { stackPath } from './format.ts';

export function DeployStackLink({ swarmId, label = 'Deploy a stack' }: { swarmId?: string | null; label?: string }) {
  return (
    <ButtonLink href={withSwarm('/stacks/new', swarmId ?? null)}>
      <Plus className="size-4" aria-hidden /> {label}
    </ButtonLink>
  );
}

export function DeployedByBadge({ deployedBy }: { deployedBy: 'wharf' | 'cli' }) {
  return deployedBy === 'wharf' ? (
    <Badge tone="accent">
      <span className="sr-only">Deployed by </span>Wharf
    </Badge>
  ) : (
    <Badge tone="neutral">
      <span className="sr-only">Deployed by </span>CLI
    </Badge>
  );
}

/** How a revision's deploy call went (or that it was recorded from what runs): not whether its tasks run. */
export function Outcome({ outcome }: { outcome: string }) {
  return <Badge tone={outcome === 'failed' ? 'danger' : 'neutral'}>{outcome}</Badge>;
}

function StackRows({ swarmId, stacks }: { swarmId: string; stacks: StackSummary[] }) {
  return (
    <Table
      caption="Stacks"
      columns={[{ label: 'Name' }, { label: 'State' }, { label: 'Services' }, { label: 'Tasks running' }, { label: 'Updated' }, { label: 'Deployed by' }, { label: 'Last revision' }]}
    >
      {stacks.map((stack) => {
        const short = stack.tasksRunning < stack.tasksDesired;
        return (
          <Tr key={stack.name}>
            <RowHeader>
              <Link href={stackPath(swarmId, stack.name)} className="font-medium text-accent hover:underline">
                {stack.name}
              </Link>
            </RowHeader>
            <Td>
              <ConvergenceCell convergence={stack.convergence} withService />
            </Td>
            <Td>{stack.services}</Td>
            <Td className={short ? 'text-warn' : undefined}>
              {stack.tasksRunning} / {stack.tasksDesired}
            </Td>
            <Td className="text-muted">{stack.updatedAt ? <RelativeTime iso={stack.updatedAt} /> : '—'}</Td>
            <Td>
              <DeployedByBadge deployedBy={stack.deployedBy} />
            </Td>
            <Td>
              {stack.lastRevision ? (
                <span className="flex flex-wrap items-center gap-2">
                  <span>#{stack.lastRevision.number}</span>
                  <Outcome outcome={stack.lastRevision.outcome} />
                  <span className="text-xs text-muted">
                    by {stack.lastRevision.createdByName}, <RelativeTime iso={stack.lastRevision.createdAt} />
                  </span>
                </span>
              ) : (
                <span className="text-muted">none</span>
              )}
            </Td>
          </Tr>
        );
      })}
    </Table>
  );
}

export function StackList({ initialSwarms, initialSwarmId, canDeploy, canCreateSwarm }: { initialSwarms: SwarmSummary[]; initialSwarmId: string | null; canDeploy: boolean; canCreateSwarm: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const { data: swarms = [] } = useSwarms(initialSwarms);
  const swarmId = swarms.some((s) => s.id === initialSwarmId) ? initialSwarmId! : (swarms[0]?.id ?? null);
  const list = useStackList(swarmId);

  if (swarms.length === 0) {
    return (
      <NoSwarmYet action={canCreateSwarm ? <CreateSwarmLink /> : undefined}>
        <p>Stacks run on a swarm. {canCreateSwarm ? 'Create one on a registered host; its stacks will show here.' : 'An operator or administrator can create one from a registered host.'}</p>
      </NoSwarmYet>
    );
  }

  const stacks = list.data?.stacks ?? [];
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        {swarms.length > 1 ? (
          <SelectField
            label="Swarm"
            className="w-72"
            value={swarmId ?? ''}
            onChange={(e) => router.replace(`${pathname}?swarm=${encodeURIComponent(e.target.value)}`, { scroll: false })}
          >
            {swarms.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
        ) : (
          <p className="text-sm text-muted">
            On the swarm <span className="font-medium text-fg">{swarms[0].name}</span>
          </p>
        )}
        {canDeploy && <DeployStackLink swarmId={swarmId} />}
      </div>
      {list.isError && (
        <p role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
          {list.error.message}
          {list.data ? ' Showing the last list read.' : ''}
        </p>
      )}
      {list.isPending ? (
        <p role="status" className="text-muted">
          Reading the stacks…
        </p>
      ) : stacks.length === 0 && !list.isError ? (
        <EmptyState icon={<Layers className="size-8" />} title="No stacks on this swarm" action={canDeploy && swarmId ? <DeployStackLink swarmId={swarmId} /> : undefined}>
          <p>A stack is a compose file deployed to the swarm: its services, networks, secrets and configs, managed together. Stacks deployed with <code>docker stack deploy</code> show here too.</p>
        </EmptyState>
      ) : stacks.length > 0 && swarmId ? (
        <StackRows swarmId={swarmId} stacks={stacks} />
      ) : null}
    </div>
  );
}
