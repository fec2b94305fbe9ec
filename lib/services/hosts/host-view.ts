// What the browser sees of a host: never its secrets. Pure.
import 'server-only';
import { localizeText } from '@/lib/errors.ts';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales.ts';
import type { EngineFacts } from '@/lib/models/hosts/engine-facts.ts';
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
  /** How Wharf made the machine (null: the host was registered, Wharf only reaches its engine). */
  driver: 'generic' | 'local' | 'digitalocean' | null;
  /** What may be shown about a provisioned machine. */
  machine: MachineView | null;
  /** For a provisioned host: its engine trusts a CA of its own, or still the former shared CA (until its certificates are regenerated). */
  engineCa: 'own' | 'shared' | null;
};

export type MachineView = {
  address: string | null;
  sshUser: string | null;
  sshPort: number | null;
  sshHostKey: string | null;
  os: { prettyName?: string; id?: string; versionId?: string; architecture?: string; systemd?: boolean } | null;
  dropletId: number | null;
  region: string | null;
  size: string | null;
  image: string | null;
  netns: string | null;
  serverCertificate: { serial?: string; notAfter?: string } | null;
};

function osView(raw: unknown): MachineView['os'] {
  if (!raw || typeof raw !== 'object') return null;
  const os = raw as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { prettyName: str(os.prettyName), id: str(os.id), versionId: str(os.versionId), architecture: str(os.arch) ?? str(os.architecture), systemd: typeof os.systemd === 'boolean' ? os.systemd : undefined };
}

function toMachineView(raw: unknown): MachineView | null {
  if (!raw || typeof raw !== 'object') return null;
  const m = raw as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  const obj = <T,>(v: unknown) => (v && typeof v === 'object' ? (v as T) : null);
  return {
    address: str(m.address),
    sshUser: str(m.sshUser),
    sshPort: num(m.sshPort),
    sshHostKey: str(m.sshHostKey),
    os: osView(m.os),
    dropletId: num(m.dropletId),
    region: str(m.region),
    size: str(m.size),
    image: str(m.image),
    netns: str(m.netns),
    serverCertificate: obj<MachineView['serverCertificate']>(m.serverCertificate),
  };
}

type HostRow = {
  id: string; name: string; transport: string; address: string; description: string | null; status: string;
  statusReason: string | null; statusSince: Date; facts: unknown; factsAt: Date | null; connectionInfo: unknown;
  sshHostKey: string | null; createdAt: Date; driver?: string | null; machine?: unknown; caId?: string | null;
};

/** A host as the UI shows it; its stored status reason said in `locale`. */
export function toHostView(row: HostRow, locale: Locale = DEFAULT_LOCALE): HostView {
  return {
    id: row.id,
    name: row.name,
    transport: row.transport as HostView['transport'],
    address: row.address,
    description: row.description,
    status: (['up', 'unreachable'].includes(row.status) ? row.status : 'unknown') as HostStatus,
    statusReason: row.statusReason === null ? null : localizeText(row.statusReason, locale),
    statusSince: row.statusSince.toISOString(),
    facts: (row.facts as EngineFacts | null) ?? null,
    factsAt: row.factsAt?.toISOString() ?? null,
    connectionInfo: (row.connectionInfo as ConnectionInfo | null) ?? null,
    sshHostKey: row.sshHostKey,
    createdAt: row.createdAt.toISOString(),
    driver: (['generic', 'local', 'digitalocean'].includes(row.driver ?? '') ? row.driver : null) as HostView['driver'],
    machine: row.driver ? toMachineView(row.machine) : null,
    engineCa: row.driver ? (row.caId ? 'own' : 'shared') : null,
  };
}

/** The columns toHostView needs: select exactly these, so secrets are never read for a view. */
export const hostViewSelect = {
  id: true, name: true, transport: true, address: true, description: true, status: true, statusReason: true,
  statusSince: true, facts: true, factsAt: true, connectionInfo: true, sshHostKey: true, createdAt: true, driver: true, machine: true, caId: true,
} as const;
