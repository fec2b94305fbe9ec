// What the browser sees of a host: never its secrets. Pure.
import type { EngineFacts } from '@/lib/services/docker/engine-facts.ts';
import type { ConnectionInfo } from './connection-from-input.ts';

export type HostStatus = 'unknown' | 'up' | 'unreachable';

export type HostView = {
  id: string;
  name: string;
  transport: 'unix' | 'tcp' | 'ssh';
  address: string;
  description: string | null;
  status: HostStatus;
  statusReason: string | null;
  statusSince: string;
  facts: EngineFacts | null;
  factsAt: string | null;
  connectionInfo: ConnectionInfo | null;
  sshHostKey: string | null;
  createdAt: string;
};

type HostRow = {
  id: string; name: string; transport: string; address: string; description: string | null; status: string;
  statusReason: string | null; statusSince: Date; facts: unknown; factsAt: Date | null; connectionInfo: unknown;
  sshHostKey: string | null; createdAt: Date;
};

export function toHostView(row: HostRow): HostView {
  return {
    id: row.id,
    name: row.name,
    transport: row.transport as HostView['transport'],
    address: row.address,
    description: row.description,
    status: (['up', 'unreachable'].includes(row.status) ? row.status : 'unknown') as HostStatus,
    statusReason: row.statusReason,
    statusSince: row.statusSince.toISOString(),
    facts: (row.facts as EngineFacts | null) ?? null,
    factsAt: row.factsAt?.toISOString() ?? null,
    connectionInfo: (row.connectionInfo as ConnectionInfo | null) ?? null,
    sshHostKey: row.sshHostKey,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The columns toHostView needs: select exactly these, so secrets are never read for a view. */
export const hostViewSelect = {
  id: true, name: true, transport: true, address: true, description: true, status: true, statusReason: true,
  statusSince: true, facts: true, factsAt: true, connectionInfo: true, sshHostKey: true, createdAt: true,
} as const;
