'use client';
// The swarm's services, live: replicas running of desired, image, ports, stack, last change, the
// rolling update's state, and an inline replica count for replicated services.
import { Boxes } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { EmptyState } from '@/components/ui/empty-state.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { ReadError, Waiting } from '@/components/ui/query-state.tsx';
import { useServiceList } from '@/lib/queries/use-services.ts';
import { ScaleControl } from './scale-control.tsx';
import { serviceHref, withSwarm } from '@/components/layout/sections.ts';
import { ButtonLink } from '@/components/ui/button.tsx';
import { ConvergenceCell } from '@/components/stacks/convergence-state.tsx';
import { stackPath } from '@/components/stacks/format.ts';
import { UpdateBadge } from './update-status.tsx';
import { ServiceImageUpdate } from '@/components/registries/image-update.tsx';
import { useSwarmImageUpdates } from '@/lib/queries/use-image-updates.ts';

export function CreateServiceLink({ swarmId, label }: { swarmId: string; label?: string }) {
  const t = useTranslations('services.list');
  return (
    <ButtonLink href={withSwarm('/services/new', swarmId)}>{label ?? t('create')}</ButtonLink>
  );
}

const COLUMNS = ['name', 'mode', 'replicas', 'state', 'image', 'ports', 'stack', 'updated', 'update'] as const;

export function ServicesList({ swarmId, canManage }: { swarmId: string; canManage: boolean }) {
  const t = useTranslations('services.list');
  const { data, error, isPending } = useServiceList(swarmId);
  const { data: updates } = useSwarmImageUpdates(swarmId, !!data?.services.length);
  if (isPending) return <Waiting what={t('asking')} />;
  if (!data) return <ReadError what={t('what')} error={error ?? new Error(t('noAnswer'))} />;
  if (data.services.length === 0) {
    return (
      <EmptyState icon={<Boxes className="size-8" />} title={t('emptyTitle')} action={canManage ? <CreateServiceLink swarmId={swarmId} /> : undefined}>
        {t('emptyText')}
      </EmptyState>
    );
  }
  // The swarm's managers change every service; a stack's members those the server says they may.
  const manageable = new Set(data.manageable);
  const mayManage = (id: string) => canManage || manageable.has(id);
  const scaleColumn = canManage || manageable.size > 0;
  return (
    <div className="flex flex-col gap-2">
      {error && <ReadError what={t('latest')} error={error} />}
      <Table caption={t('caption')} columns={[...COLUMNS, ...(scaleColumn ? (['scale'] as const) : [])].map((key) => ({ label: t(`col.${key}`) }))}>
        {data.services.map((s) => (
          <Tr key={s.id} className="align-top">
            <RowHeader>
              <Link href={serviceHref(swarmId, s.id)} className="font-medium hover:underline">
                {s.name}
              </Link>
            </RowHeader>
            <Td>{t(`mode.${s.mode}`)}</Td>
            <Td>
              <span className={s.running < s.desired ? 'text-warn' : undefined}>
                {s.running}/{s.desired}
              </span>
            </Td>
            <Td>
              <ConvergenceCell convergence={s.convergence} />
            </Td>
            <Td className="font-mono text-xs break-all">
              <span className="flex flex-wrap items-center gap-1">
                {s.image}
                <ServiceImageUpdate swarmId={swarmId} serviceId={s.id} name={s.name} check={updates?.[s.id]} canManage={mayManage(s.id)} />
              </span>
            </Td>
            <Td className="text-xs">{s.ports.length ? s.ports.join(', ') : '—'}</Td>
            <Td>
              {s.stack ? (
                <Link href={stackPath(swarmId, s.stack)} className="text-accent underline-offset-2 hover:underline" aria-label={t('stackLink', { stack: s.stack })}>
                  {s.stack}
                </Link>
              ) : (
                '—'
              )}
            </Td>
            <Td className="whitespace-nowrap text-xs">{s.updatedAt ? <RelativeTime iso={s.updatedAt} /> : '—'}</Td>
            <Td>
              <UpdateBadge update={s.update} />
            </Td>
            {scaleColumn && (
              <Td>{!mayManage(s.id) ? null : s.mode === 'replicated' && s.replicas !== null ? <ScaleControl swarmId={swarmId} serviceId={s.id} serviceName={s.name} replicas={s.replicas} /> : <span className="text-xs text-muted">{t('perNode')}</span>}</Td>
            )}
          </Tr>
        ))}
      </Table>
      <p className="text-xs text-muted">{t('via', { host: data.via })}</p>
    </div>
  );
}
