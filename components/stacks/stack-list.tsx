'use client';
// The stacks of one swarm (chosen in a select when there are several, kept in the URL as
// ?swarm=), deployed through Wharf or with the docker CLI, live.
import { Layers, Plus } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
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

const OUTCOMES = ['deployed', 'failed', 'recorded'] as const;
const isOutcome = (outcome: string): outcome is (typeof OUTCOMES)[number] => (OUTCOMES as readonly string[]).includes(outcome);

export function DeployStackLink({ swarmId, label }: { swarmId?: string | null; label?: string }) {
  const t = useTranslations('stacks.list');
  return (
    <ButtonLink href={withSwarm('/stacks/new', swarmId ?? null)}>
      <Plus className="size-4" aria-hidden /> {label ?? t('deploy')}
    </ButtonLink>
  );
}

export function DeployedByBadge({ deployedBy }: { deployedBy: 'wharf' | 'cli' }) {
  const t = useTranslations('stacks.list');
  return (
    <Badge tone={deployedBy === 'wharf' ? 'accent' : 'neutral'}>
      {t.rich(`deployedBy.${deployedBy}`, { hidden: (chunks) => <span className="sr-only">{chunks}</span> })}
    </Badge>
  );
}

/** How a revision's deploy call went (or that it was recorded from what runs): not whether its tasks run. */
export function Outcome({ outcome }: { outcome: string }) {
  const t = useTranslations('stacks.outcome');
  return <Badge tone={outcome === 'failed' ? 'danger' : 'neutral'}>{isOutcome(outcome) ? t(outcome) : outcome}</Badge>;
}

function StackRows({ swarmId, stacks }: { swarmId: string; stacks: StackSummary[] }) {
  const t = useTranslations('stacks.list');
  return (
    <Table
      caption={t('caption')}
      columns={[{ label: t('columns.name') }, { label: t('columns.state') }, { label: t('columns.services') }, { label: t('columns.tasksRunning') }, { label: t('columns.updated') }, { label: t('columns.deployedBy') }, { label: t('columns.lastRevision') }]}
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
                  <span className="text-xs text-muted">{t.rich('by', { name: stack.lastRevision.createdByName, when: () => <RelativeTime iso={stack.lastRevision!.createdAt} /> })}</span>
                </span>
              ) : (
                <span className="text-muted">{t('noRevision')}</span>
              )}
            </Td>
          </Tr>
        );
      })}
    </Table>
  );
}

export function StackList({ initialSwarms, initialSwarmId, canDeploy, canCreateSwarm }: { initialSwarms: SwarmSummary[]; initialSwarmId: string | null; canDeploy: boolean; canCreateSwarm: boolean }) {
  const t = useTranslations('stacks.list');
  const router = useRouter();
  const pathname = usePathname();
  const { data: swarms = [] } = useSwarms(initialSwarms);
  const swarmId = swarms.some((s) => s.id === initialSwarmId) ? initialSwarmId! : (swarms[0]?.id ?? null);
  const list = useStackList(swarmId);

  if (swarms.length === 0) {
    return (
      <NoSwarmYet action={canCreateSwarm ? <CreateSwarmLink /> : undefined}>
        <p>{canCreateSwarm ? t('noSwarm.canCreate') : t('noSwarm.askOperator')}</p>
      </NoSwarmYet>
    );
  }

  const stacks = list.data?.stacks ?? [];
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        {swarms.length > 1 ? (
          <SelectField
            label={t('swarm')}
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
          <p className="text-sm text-muted">{t.rich('onSwarm', { name: swarms[0].name, strong: (chunks) => <span className="font-medium text-fg">{chunks}</span> })}</p>
        )}
        {canDeploy && <DeployStackLink swarmId={swarmId} />}
      </div>
      {list.isError && (
        <p role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
          {list.data ? t('failedShowingLast', { message: list.error.message }) : list.error.message}
        </p>
      )}
      {list.isPending ? (
        <p role="status" className="text-muted">
          {t('reading')}
        </p>
      ) : stacks.length === 0 && !list.isError ? (
        <EmptyState icon={<Layers className="size-8" />} title={t('empty.title')} action={canDeploy && swarmId ? <DeployStackLink swarmId={swarmId} /> : undefined}>
          <p>{t.rich('empty.text', { code: (chunks) => <code>{chunks}</code> })}</p>
        </EmptyState>
      ) : stacks.length > 0 && swarmId ? (
        <StackRows swarmId={swarmId} stacks={stacks} />
      ) : null}
    </div>
  );
}
