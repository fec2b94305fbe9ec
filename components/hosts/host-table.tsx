'use client';
// The hosts list: live status, address and engine facts per host.
import { Plus, Rocket } from 'lucide-react';
import Link from 'next/link';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import { ButtonLink } from '@/components/ui/button.tsx';
import { useHostList } from '@/lib/queries/use-host-list.ts';
import { useSwarmNames } from '@/lib/queries/use-swarms.ts';
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import { DRIVER_LABELS } from '@/lib/models/hosts/provision-plan.ts';
import { describeSwarm, transportLabel } from './format.ts';
import { HostStatusBadge } from './host-status-badge.tsx';
import { NoHostsYet } from './no-hosts-yet.tsx';

export function AddHostLink({ label = 'Add host' }: { label?: string }) {
  return (
    <ButtonLink href="/hosts/new">
      <Plus className="size-4" aria-hidden /> {label}
    </ButtonLink>
  );
}

export function ProvisionHostLink({ label = 'Provision a host', primary = false }: { label?: string; primary?: boolean }) {
  return (
    <ButtonLink href="/hosts/provision/new" variant={primary ? 'primary' : 'secondary'}>
      <Rocket className="size-4" aria-hidden /> {label}
    </ButtonLink>
  );
}

export function HostTable({ initialHosts, canAdd }: { initialHosts: HostView[]; canAdd: boolean }) {
  const { data: hosts = [] } = useHostList(initialHosts);
  const swarmNames = useSwarmNames();
  if (hosts.length === 0) {
    return (
      <NoHostsYet
        action={
          canAdd ? (
            <div className="flex flex-wrap justify-center gap-2">
              <AddHostLink label="Add the first host" />
              <ProvisionHostLink label="Provision the first host" />
            </div>
          ) : undefined
        }
      >
        {canAdd
          ? 'Add the first Docker engine that already runs (by unix socket, TCP with TLS, or SSH), or provision a new one: Wharf installs Docker on a machine over SSH, in a local sandbox, or on a DigitalOcean droplet.'
          : 'Ask an operator to add a Docker engine.'}
      </NoHostsYet>
    );
  }
  return (
    <Table caption="Hosts" columns={[{ label: 'Name' }, { label: 'Status' }, { label: 'Connection' }, { label: 'Engine' }, { label: 'Containers' }, { label: 'Swarm' }]}>
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
                {host.statusReason} <span className="text-muted">since <RelativeTime iso={host.statusSince} /></span>
              </div>
            )}
          </Td>
          <Td>
            <div className="text-xs text-muted">
              {transportLabel[host.transport]}
              {host.driver && ` · provisioned: ${DRIVER_LABELS[host.driver]}`}
            </div>
            <div className="font-mono text-xs">{host.address}</div>
          </Td>
          <Td className="text-xs">{host.facts ? `${host.facts.engineVersion} (API ${host.facts.apiVersion})` : '—'}</Td>
          <Td className="text-xs">{host.facts ? `${host.facts.containers.running} running / ${host.facts.containers.total}` : '—'}</Td>
          <Td className="text-xs">{host.facts ? describeSwarm(host.facts.swarm, swarmNames) : '—'}</Td>
        </Tr>
      ))}
    </Table>
  );
}
