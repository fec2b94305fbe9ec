// What a local machine is (pure): the names of its network pieces, where its files live, and the
// checks every name and path passes before it reaches a command or a recursive delete.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { AppError } from '@/lib/errors.ts';
import { ipv4ToNumber } from './local-subnet.ts';

/** The bridge in the console's own network namespace that every local machine's veth is attached to. */
export const LOCAL_BRIDGE = 'wharf-br0';
/** Network namespaces (/var/run/netns/NAME), root-side veths and cgroup parents of local machines. */
export const LOCAL_NAME_PATTERN = /^wharf-[0-9a-f]{8}$/;
/** Folder for engines' runtime state (sockets, containerd): short, for unix socket path limits. */
export const EXEC_ROOT_PARENT = '/tmp';
/** The machine's end of its veth pair, inside its namespace. */
export const NAMESPACE_INTERFACE = 'eth0';

/**
 * A local machine as the caller stores it (plain JSON). `netns` also names the root-side veth's
 * partner and the engine's cgroup parent and containerd namespace.
 */
export interface LocalMachine {
  netns: string;
  address: string;
  bridge: string;
  veth: string;
  dir: string;
  execRoot: string;
  hostname: string;
}

const SAFE_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Throws unless `value` is made of [a-z0-9-] only (no leading/trailing dash) and at most `max` long. */
/** What a checked name is, for the refusal. */
export type SafeNameKind = 'machineId' | 'hostname' | 'netns' | 'interface';

const SAFE_NAME_WHAT = {
  machineId: msg('driverText.local.name.machineId'),
  hostname: msg('driverText.local.name.hostname'),
  netns: msg('driverText.local.name.netns'),
  interface: msg('driverText.local.name.interface'),
} satisfies Record<SafeNameKind, Message>;

export function assertSafeName(what: SafeNameKind, value: string, max = 63): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > max || !SAFE_NAME.test(value)) {
    throw new AppError('INVALID_INPUT', msg('driverText.local.unsafeName', { what: SAFE_NAME_WHAT[what], value: String(value).slice(0, 80), max }));
  }
}

/**
 * The short name shared by a machine's namespace, veth, cgroup parent and containerd namespace:
 * "wharf-" + 8 hex characters of a SHA-256 of the machine id. (A hash rather than the id's first 8
 * characters: cuid ids begin with a timestamp, so ids made moments apart share their first 8.)
 */
export function localNameFor(machineId: string): string {
  assertSafeName('machineId', machineId);
  return `wharf-${createHash('sha256').update(machineId).digest('hex').slice(0, 8)}`;
}

/**
 * A fixed, locally administered unicast MAC address for an interface name. The bridge and each
 * machine's eth0 keep theirs across re-creation, so no neighbour cache (the console's, the other
 * machines') is left pointing at an address that is gone. A bridge otherwise takes the lowest MAC of
 * its ports and changes it when that port leaves.
 */
export function stableMac(interfaceName: string): string {
  const bytes = createHash('sha256').update(`wharf-mac:${interfaceName}`).digest().subarray(0, 6);
  bytes[0] = (bytes[0]! & 0xfe) | 0x02;
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(':');
}

export function localMachineDir(dataDir: string, machineId: string): string {
  assertSafeName('machineId', machineId);
  if (!path.isAbsolute(dataDir)) throw new AppError('INVALID_INPUT', msg('driverText.local.dataDirRelative', { dataDir }));
  return path.join(path.resolve(dataDir), 'machines', machineId);
}

/** The machine record for a machine id, hostname, data folder and address. */
export function localMachineLayout(input: { machineId: string; hostname: string; dataDir: string; address: string }): LocalMachine {
  assertSafeName('hostname', input.hostname);
  const name = localNameFor(input.machineId);
  return {
    netns: name,
    address: input.address,
    bridge: LOCAL_BRIDGE,
    veth: name,
    dir: localMachineDir(input.dataDir, input.machineId),
    execRoot: path.join(EXEC_ROOT_PARENT, name),
    hostname: input.hostname,
  };
}

/** Files and names of a machine's engine, all derived from the machine record. */
export interface LocalEnginePaths {
  dataRoot: string;
  pidfile: string;
  socket: string;
  logFile: string;
  configFile: string;
  keyFile: string;
  tlsDir: string;
  caFile: string;
  certFile: string;
  keyPemFile: string;
  /** Digest of the TLS files the running dockerd was started with. */
  tlsDigestFile: string;
  wrapper: string;
  cgroupParent: string;
  containerdNamespace: string;
  netnsPath: string;
}

export const NETNS_DIR = '/var/run/netns';

export function localEnginePaths(m: LocalMachine): LocalEnginePaths {
  const tlsDir = path.join(m.dir, 'tls');
  return {
    dataRoot: path.join(m.dir, 'data'),
    pidfile: path.join(m.dir, 'docker.pid'),
    socket: path.join(m.execRoot, 'docker.sock'),
    logFile: path.join(m.dir, 'dockerd.log'),
    configFile: path.join(m.dir, 'daemon.json'),
    keyFile: path.join(m.dir, 'key.json'),
    tlsDir,
    caFile: path.join(tlsDir, 'ca.pem'),
    certFile: path.join(tlsDir, 'cert.pem'),
    keyPemFile: path.join(tlsDir, 'key.pem'),
    tlsDigestFile: path.join(m.dir, 'engine-tls.sha256'),
    wrapper: path.join(m.dir, 'bin', 'exec-with-hostname.sh'),
    cgroupParent: `/${m.netns}`,
    containerdNamespace: m.netns,
    netnsPath: path.join(NETNS_DIR, m.netns),
  };
}

/**
 * Checks a stored machine record before anything is run or deleted with it: names the
 * expected shape, the address an IPv4 address, `dir` an absolute ".../machines/<id>" folder and
 * `execRoot` the machine's folder under /tmp. Returns it typed.
 */
export function assertLocalMachine(value: unknown): LocalMachine {
  // `why`: the field at fault, as the record names it (or that it is missing, or no object at all).
  const bad = (why: Message | string) => new AppError('INVALID_INPUT', msg('driverText.local.badRecord', { why }));
  if (!value || typeof value !== 'object') throw bad(msg('hostText.localRecord.notObject'));
  const m = value as Record<string, unknown>;
  for (const key of ['netns', 'address', 'bridge', 'veth', 'dir', 'execRoot', 'hostname']) {
    if (typeof m[key] !== 'string') throw bad(msg('hostText.localRecord.missing', { field: key }));
  }
  const machine = m as unknown as LocalMachine;
  if (!LOCAL_NAME_PATTERN.test(machine.netns)) throw bad('netns');
  if (machine.veth !== machine.netns) throw bad('veth');
  if (machine.bridge !== LOCAL_BRIDGE) throw bad('bridge');
  if (ipv4ToNumber(machine.address) === null) throw bad('address');
  assertSafeName('hostname', machine.hostname);
  if (!path.isAbsolute(machine.dir) || path.normalize(machine.dir) !== machine.dir || !/\/machines\/[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(machine.dir)) {
    throw bad('dir');
  }
  if (machine.execRoot !== path.join(EXEC_ROOT_PARENT, machine.netns)) throw bad('execRoot');
  return machine;
}
