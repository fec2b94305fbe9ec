'use client';
// The hosts list: live status, address and engine facts per host.
import { Plus, Rocket } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { ButtonLink } from '@/components/ui/button.tsx';
import { useHostList } from '@/lib/queries/use-host-list.ts';
import { useSwarmNames } from '@/lib/queries/use-swarms.ts';
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import { describeSwarm } from './format.ts';
import { HostStatusBadge } from './host-status-badge.tsx';
import { NoHostsYet } from './no-hosts-yet.tsx';
import { useSay } from './use-say.ts';

export function AddHostLink({ label }: { label?: string }) {
  const t = useTranslations('hosts.links');
  return (
    <ButtonLink href="/hosts/new">
      <Plus className="size-4" aria-hidden /> {label ?? t('add')}
    </ButtonLink>
  );
}

export function ProvisionHostLink({ label, primary = false }: { label?: string; primary?: boolean }) {
  const t = useTranslations('hosts.links');
  return (
    <ButtonLink href="/hosts/provision/new" variant={primary ? 'primary' : 'secondary'}>
      <Rocket className="size-4" aria-hidden /> {label ?? t('provision')}
    </ButtonLink>
  );
}

export function HostTable({ initialHosts, canAdd }: { initialHosts: HostView[]; canAdd: boolean }) {
  const t = useTranslations('hosts');
  const say = useSay();
  const { data: hosts = [] } = useHostList(initialHosts);
  const swarmNames = useSwarmNames();
  if (hosts.length === 0) {
    return (
      <NoHostsYet
        action={
          canAdd ? (
            <div className="flex flex-wrap justify-center gap-2">
              <AddHostLink label={t('links.addFirst')} />
              <ProvisionHostLink label={t('links.provisionFirst')} />
            </div>
          ) : undefined
        }
      >
        {canAdd ? t('table.emptyCanAdd') : t('table.emptyAskOperator')}
      </NoHostsYet>
    );
  }
  return (
    <Table
      caption={t('table.caption')}
      columns={[{ label: t('table.name') }, { label: t('table.status') }, { label: t('table.connection') }, { label: t('table.engine') }, { label: t('table.containers') }, { label: t('table.swarm') }]}
    >
      {hosts.map((host) => (
        <Tr key={host.id}>
          <RowHeader>
            <Link href={`/hosts/${host.id}`} className="font-medium hover:underline">
              {host.name}
            </Link>
            {host.description && <div className="max-w-xs truncate text-xs text-muted">{host.description}</div>}
          </RowHeader>
          <Td>
            <HostStatusBadge host={host} />
            {host.status === 'unreachable' && (
              <div className="mt-1 max-w-xs text-xs text-danger">
                {host.statusReason} <span className="text-muted">{t.rich('table.since', { time: () => <RelativeTime iso={host.statusSince} /> })}</span>
              </div>
            )}
          </Td>
          <Td>
            <div className="text-xs text-muted">
              {host.driver ? t('table.transportProvisioned', { transport: t(`transport.${host.transport}`), driver: say({ key: `provisioning.drivers.${host.driver}` }) }) : t(`transport.${host.transport}`)}
            </div>
            <div className="font-mono text-xs">{host.address}</div>
          </Td>
          <Td className="text-xs">{host.facts ? t('table.engineVersion', { version: host.facts.engineVersion, api: host.facts.apiVersion }) : '—'}</Td>
          <Td className="text-xs">{host.facts ? t('table.containersRunning', { running: host.facts.containers.running, total: host.facts.containers.total }) : '—'}</Td>
          <Td className="text-xs">{host.facts ? say(describeSwarm(host.facts.swarm, swarmNames)) : '—'}</Td>
        </Tr>
      ))}
    </Table>
  );
}
