// The network of local machines: the wharf-br0 bridge in the console's namespace (the subnet's
// first address), and per machine a network namespace whose eth0 is one end of a veth pair
// attached to the bridge. No NAT and no default route: a machine reaches the console and the
// other machines on the subnet, nothing else. All idempotent: healthy pieces are kept (an engine
// may be running inside), missing or broken ones are (re)made.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { existsSync, readFileSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { AppError } from '@/lib/errors.ts';
import type { StepIo } from '../step-io.ts';
import { LOCAL_BRIDGE, LOCAL_NAME_PATTERN, NAMESPACE_INTERFACE, NETNS_DIR, assertSafeName, stableMac } from './local-layout.ts';
import { isMachineAddress, overlapsSubnet, type LocalSubnet } from './local-subnet.ts';
import { runLocalCommand } from './run-local-command.ts';

interface IpAddrInfo {
  family?: string;
  local?: string;
  prefixlen?: number;
}
interface IpLink {
  ifname: string;
  master?: string;
  flags?: string[];
  addr_info?: IpAddrInfo[];
}

async function ipJson<T>(args: string[], signal?: AbortSignal): Promise<T | null> {
  const res = await runLocalCommand(msg('driverText.command.label.readNetwork'), 'ip', ['-j', ...args], { signal, allowFail: true, timeoutMs: 10_000 });
  if (res.code !== 0) return null;
  try {
    return JSON.parse(res.stdout || 'null') as T;
  } catch {
    return null;
  }
}

const ip = (what: Message, args: string[], signal?: AbortSignal) => runLocalCommand(what, 'ip', args, { signal, timeoutMs: 10_000 });

export async function linkExists(name: string, netns?: string, signal?: AbortSignal): Promise<boolean> {
  const links = await ipJson<IpLink[]>(netns ? ['-n', netns, 'link', 'show', 'dev', name] : ['link', 'show', 'dev', name], signal);
  return !!links && links.length > 0;
}

export const netnsPath = (netns: string) => path.join(NETNS_DIR, netns);

/** True when /var/run/netns/NAME is a mounted namespace handle (not a stale empty file). */
export function netnsExists(netns: string): boolean {
  const p = netnsPath(netns);
  if (!existsSync(p)) return false;
  try {
    const points = readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[4]);
    return points.includes(p) || points.includes(p.replace(/^\/var\/run\//, '/run/'));
  } catch {
    return true;
  }
}

/** Names of every local machine's namespace on this machine. */
export async function listLocalNamespaces(): Promise<string[]> {
  try {
    return (await fsp.readdir(NETNS_DIR)).filter((n) => LOCAL_NAME_PATTERN.test(n)).sort();
  } catch {
    return [];
  }
}

/** IPv4 addresses on a namespace's eth0. */
export async function namespaceAddresses(netns: string, signal?: AbortSignal): Promise<string[]> {
  assertSafeName('netns', netns, 15);
  if (!netnsExists(netns)) return [];
  const links = await ipJson<IpLink[]>(['-n', netns, 'addr', 'show', 'dev', NAMESPACE_INTERFACE], signal);
  return (links?.[0]?.addr_info ?? []).filter((a) => a.family === 'inet' && a.local).map((a) => a.local!);
}

/** Addresses configured in local machines' namespaces, other than `except`'s. */
export async function addressesInUse(except: string | null, signal?: AbortSignal): Promise<string[]> {
  const out: string[] = [];
  for (const ns of await listLocalNamespaces()) if (ns !== except) out.push(...(await namespaceAddresses(ns, signal)));
  return out;
}

/**
 * Refuses a subnet that an interface of this machine (other than the bridge) already uses: its
 * routes would clash with that network's.
 */
export async function assertSubnetFree(subnet: LocalSubnet, signal?: AbortSignal): Promise<void> {
  const links = (await ipJson<IpLink[]>(['-4', 'addr', 'show'], signal)) ?? [];
  for (const link of links) {
    if (link.ifname === LOCAL_BRIDGE) continue;
    for (const a of link.addr_info ?? []) {
      if (a.local && a.prefixlen !== undefined && overlapsSubnet(subnet, a.local, a.prefixlen)) {
        throw new AppError('PRECONDITION', msg('driverText.local.rangeOverlaps', { cidr: subnet.cidr, address: `${a.local}/${a.prefixlen}`, link: link.ifname }));
      }
    }
  }
}

/** Creates (or repairs) the bridge with the subnet's first address, up. */
export async function ensureLocalBridge(subnet: LocalSubnet, io: StepIo): Promise<void> {
  const links = await ipJson<IpLink[]>(['addr', 'show', 'dev', LOCAL_BRIDGE], io.signal);
  const bridge = links?.[0];
  if (!bridge) {
    io.log(msg('driverText.log.bridgeCreating', { bridge: LOCAL_BRIDGE, address: `${subnet.gateway}/${subnet.prefix}` }));
    await ip(msg('driverText.command.label.createBridge', { bridge: LOCAL_BRIDGE }), ['link', 'add', LOCAL_BRIDGE, 'address', stableMac(LOCAL_BRIDGE), 'type', 'bridge'], io.signal);
  } else {
    const foreign = (bridge.addr_info ?? []).filter((a) => a.family === 'inet' && a.local && !(a.local === subnet.gateway && a.prefixlen === subnet.prefix));
    if (foreign.length) {
      const ports = (await ipJson<IpLink[]>(['link', 'show', 'master', LOCAL_BRIDGE], io.signal)) ?? [];
      const shown = foreign.map((a) => `${a.local}/${a.prefixlen}`).join(', ');
      if (ports.length) {
        throw new AppError('PRECONDITION', msg('driverText.local.bridgeMoved', { bridge: LOCAL_BRIDGE, shown, address: `${subnet.gateway}/${subnet.prefix}` }));
      }
      io.log(msg('driverText.log.bridgeMoving', { bridge: LOCAL_BRIDGE, shown, address: `${subnet.gateway}/${subnet.prefix}` }));
      for (const a of foreign) await ip(msg('driverText.command.label.removeBridgeAddress', { address: String(a.local), bridge: LOCAL_BRIDGE }), ['addr', 'del', `${a.local}/${a.prefixlen}`, 'dev', LOCAL_BRIDGE], io.signal);
    }
  }
  await ip(msg('driverText.command.label.fixBridgeMac'), ['link', 'set', 'dev', LOCAL_BRIDGE, 'address', stableMac(LOCAL_BRIDGE)], io.signal);
  await ip(msg('driverText.command.label.addressBridge', { bridge: LOCAL_BRIDGE }), ['addr', 'replace', `${subnet.gateway}/${subnet.prefix}`, 'dev', LOCAL_BRIDGE], io.signal);
  await ip(msg('driverText.command.label.bridgeUp', { bridge: LOCAL_BRIDGE }), ['link', 'set', LOCAL_BRIDGE, 'up'], io.signal);
  await ensureBridgeFirewall(io);
}

/**
 * Creates (or repairs) namespace `netns` with eth0 = address/prefix and lo up, its peer `veth`
 * on the bridge. Keeps healthy pieces. No routes besides the subnet's own.
 */
export async function ensureMachineNetwork(netns: string, veth: string, address: string, subnet: LocalSubnet, io: StepIo): Promise<void> {
  assertSafeName('netns', netns, 15);
  assertSafeName('interface', veth, 15);
  if (!isMachineAddress(subnet, address)) {
    throw new AppError('PRECONDITION', msg('driverText.local.outOfRange', { address, cidr: subnet.cidr }));
  }
  if (!netnsExists(netns)) {
    if (existsSync(netnsPath(netns))) await runLocalCommand(msg('driverText.command.label.removeStaleHandle'), 'ip', ['netns', 'del', netns], { signal: io.signal, allowFail: true });
    if (await linkExists(veth, undefined, io.signal)) await ip(msg('driverText.command.label.removeStaleInterface', { veth }), ['link', 'del', veth], io.signal);
    io.log(msg('driverText.log.namespaceCreating', { netns }));
    await ip(msg('driverText.command.label.createNamespace', { netns }), ['netns', 'add', netns], io.signal);
  }
  const rootSide = await linkExists(veth, undefined, io.signal);
  const nsSide = await linkExists(NAMESPACE_INTERFACE, netns, io.signal);
  if (!rootSide || !nsSide) {
    if (rootSide) await ip(msg('driverText.command.label.removeHalfInterface', { veth }), ['link', 'del', veth], io.signal);
    if (nsSide) await ip(msg('driverText.command.label.removeHalfInner', { inner: NAMESPACE_INTERFACE, netns }), ['-n', netns, 'link', 'del', NAMESPACE_INTERFACE], io.signal);
    io.log(msg('driverText.log.namespaceConnecting', { netns, bridge: LOCAL_BRIDGE, veth }));
    await ip(
      msg('driverText.command.label.createVeth', { veth }),
      ['link', 'add', veth, 'type', 'veth', 'peer', 'name', NAMESPACE_INTERFACE, 'address', stableMac(netns), 'netns', netns],
      io.signal,
    );
    // Forget what the console knew about this address before (an older pair, another machine's).
    await runLocalCommand(msg('driverText.command.label.forgetNeighbour'), 'ip', ['neigh', 'flush', 'to', address, 'dev', LOCAL_BRIDGE], { signal: io.signal, allowFail: true });
  }
  await ip(msg('driverText.command.label.attachVeth', { veth, bridge: LOCAL_BRIDGE }), ['link', 'set', veth, 'master', LOCAL_BRIDGE, 'up'], io.signal);
  const current = await namespaceAddresses(netns, io.signal);
  for (const other of current.filter((a) => a !== address)) {
    await ip(msg('driverText.command.label.removeOldAddress', { address: other, netns }), ['-n', netns, 'addr', 'flush', 'dev', NAMESPACE_INTERFACE, 'to', `${other}/32`], io.signal);
  }
  if (!current.includes(address)) io.log(msg('driverText.log.namespaceAddress', { netns, address: `${address}/${subnet.prefix}` }));
  await ip(msg('driverText.command.label.addressInner', { inner: NAMESPACE_INTERFACE, netns }), ['-n', netns, 'addr', 'replace', `${address}/${subnet.prefix}`, 'dev', NAMESPACE_INTERFACE], io.signal);
  await ip(msg('driverText.command.label.innerUp', { inner: NAMESPACE_INTERFACE, netns }), ['-n', netns, 'link', 'set', NAMESPACE_INTERFACE, 'up'], io.signal);
  await ip(msg('driverText.command.label.loUp', { netns }), ['-n', netns, 'link', 'set', 'lo', 'up'], io.signal);
}

/** Whether the namespace exists, its eth0 carries `address` and its veth is on the bridge. */
export async function machineNetworkHealthy(netns: string, veth: string, address: string, signal?: AbortSignal): Promise<boolean> {
  if (!netnsExists(netns)) return false;
  if (!(await namespaceAddresses(netns, signal)).includes(address)) return false;
  const links = await ipJson<IpLink[]>(['link', 'show', 'dev', veth], signal);
  return links?.[0]?.master === LOCAL_BRIDGE && !!links[0].flags?.includes('UP');
}

/** Deletes the veth pair (both ends at once) and the namespace. The kernel frees a namespace asynchronously. */
export async function deleteMachineNetwork(netns: string, veth: string, io: StepIo): Promise<void> {
  assertSafeName('netns', netns, 15);
  assertSafeName('interface', veth, 15);
  if (await linkExists(veth, undefined, io.signal)) {
    await runLocalCommand(msg('driverText.command.label.deleteInterface', { veth }), 'ip', ['link', 'del', veth], { signal: io.signal, allowFail: true });
  }
  if (existsSync(netnsPath(netns))) {
    io.log(msg('driverText.log.namespaceDeleting', { netns }));
    await runLocalCommand(msg('driverText.command.label.deleteNamespace', { netns }), 'ip', ['netns', 'del', netns], { signal: io.signal, allowFail: true });
  }
  if (existsSync(netnsPath(netns))) {
    throw new AppError('INTERNAL', msg('driverText.local.namespaceStuck', { netns, path: netnsPath(netns) }));
  }
  if (await linkExists(veth, undefined, io.signal)) {
    throw new AppError('INTERNAL', msg('driverText.local.vethStuck', { veth }));
  }
}

/** Removes the bridge (and its firewall rules) when no interface is attached to it and no local machine's namespace is left. */
export async function removeBridgeIfUnused(io: StepIo): Promise<boolean> {
  if (!(await linkExists(LOCAL_BRIDGE, undefined, io.signal))) {
    await removeBridgeFirewall(io);
    return true;
  }
  const ports = (await ipJson<IpLink[]>(['link', 'show', 'master', LOCAL_BRIDGE], io.signal)) ?? [];
  if (ports.length || (await listLocalNamespaces()).length) return false;
  io.log(msg('driverText.log.bridgeRemoving', { bridge: LOCAL_BRIDGE }));
  await ip(msg('driverText.command.label.deleteBridge', { bridge: LOCAL_BRIDGE }), ['link', 'del', LOCAL_BRIDGE], io.signal);
  await removeBridgeFirewall(io);
  return true;
}

// Firewall: when this machine forwards packets (e.g. a system dockerd turned ip_forward on), nothing
// may be routed between the local machines and any other network, in either direction; traffic
// between two machines (bridged, seen by the FORWARD chain when br_netfilter is loaded) is allowed
// even when the chain's policy is DROP. The console itself talks to the machines directly (no FORWARD).

const COMMENT = ['-m', 'comment', '--comment', 'wharf-local-machines'];
const FIREWALL_RULES: string[][] = [
  ['-i', LOCAL_BRIDGE, '-o', LOCAL_BRIDGE, ...COMMENT, '-j', 'ACCEPT'],
  ['-i', LOCAL_BRIDGE, ...COMMENT, '-j', 'DROP'],
  ['-o', LOCAL_BRIDGE, ...COMMENT, '-j', 'DROP'],
];

async function iptablesInstalled(): Promise<boolean> {
  for (const dir of ['/usr/sbin', '/sbin', '/usr/bin', '/bin', '/usr/local/sbin']) {
    if (existsSync(path.join(dir, 'iptables'))) return true;
  }
  return false;
}

async function ruleAt(position: number, rule: string[], signal?: AbortSignal): Promise<boolean> {
  const res = await runLocalCommand(msg('driverText.command.label.readFirewall'), 'iptables', ['-w', '5', '-S', 'FORWARD', String(position)], { signal, allowFail: true });
  if (res.code !== 0) return false;
  return res.stdout.trim() === ['-A', 'FORWARD', ...rule].join(' ');
}

/** Puts the three rules at the top of FORWARD, in order (re-inserting them when they are missing or moved). */
export async function ensureBridgeFirewall(io: StepIo): Promise<void> {
  if (!(await iptablesInstalled())) {
    io.log(msg('driverText.log.noIptables'));
    return;
  }
  let inPlace = true;
  for (let i = 0; i < FIREWALL_RULES.length && inPlace; i++) inPlace = await ruleAt(i + 1, FIREWALL_RULES[i]!, io.signal);
  if (inPlace) return;
  await removeBridgeFirewall(io);
  for (let i = 0; i < FIREWALL_RULES.length; i++) {
    await runLocalCommand(msg('driverText.command.label.addFirewallRule'), 'iptables', ['-w', '5', '-I', 'FORWARD', String(i + 1), ...FIREWALL_RULES[i]!], { signal: io.signal });
  }
}

export async function removeBridgeFirewall(io: StepIo): Promise<void> {
  if (!(await iptablesInstalled())) return;
  for (const rule of FIREWALL_RULES) {
    for (let i = 0; i < 10; i++) {
      const res = await runLocalCommand(msg('driverText.command.label.removeFirewallRule'), 'iptables', ['-w', '5', '-D', 'FORWARD', ...rule], { signal: io.signal, allowFail: true });
      if (res.code !== 0) break;
    }
  }
}
