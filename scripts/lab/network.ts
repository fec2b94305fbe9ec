// Lab network: the wlab0 bridge (10.99.0.1/24) in the root namespace and one network namespace + veth pair per host.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { promises as fsp } from 'node:fs';
import { BRIDGE, GATEWAY, PREFIX_LEN } from './state.ts';
import { LabError, run } from './run.ts';

export const NETNS_DIR = '/var/run/netns';
export const netnsPath = (ns: string) => `${NETNS_DIR}/${ns}`;

interface IpLink {
  ifname: string;
  operstate?: string;
  master?: string;
  flags?: string[];
}

async function ipJson<T>(args: string[]): Promise<T | null> {
  const res = await run('ip', ['-j', ...args], { allowFail: true, timeoutMs: 10_000 });
  if (res.code !== 0) return null;
  try {
    return JSON.parse(res.stdout || 'null') as T;
  } catch {
    return null;
  }
}

async function ip(args: string[], what: string): Promise<void> {
  try {
    await run('ip', args, { timeoutMs: 10_000 });
  } catch (e) {
    throw new LabError('network', `${what}: ${(e as Error).message}`);
  }
}

async function linkExists(name: string, netns?: string): Promise<boolean> {
  const args = netns ? ['-n', netns, 'link', 'show', 'dev', name] : ['link', 'show', 'dev', name];
  const links = await ipJson<IpLink[]>(args);
  return !!links && links.length > 0;
}

/** True when /var/run/netns/<ns> exists and is a mounted namespace handle (not a stale empty file). */
export function netnsExists(ns: string): boolean {
  const p = netnsPath(ns);
  if (!existsSync(p)) return false;
  try {
    const mounts = readFileSync('/proc/self/mountinfo', 'utf8');
    return mounts.split('\n').some((l) => l.split(' ')[4] === p || l.split(' ')[4] === p.replace('/var/run/', '/run/'));
  } catch {
    return true;
  }
}

/** "net:[inode]" of a named namespace, as /proc/<pid>/ns/net shows it. */
export function netnsId(ns: string): string | null {
  try {
    return `net:[${statSync(netnsPath(ns)).ino}]`;
  } catch {
    return null;
  }
}

/** Names of all lab namespaces (wlab-*) present on this machine. */
export async function listLabNetns(): Promise<string[]> {
  try {
    return (await fsp.readdir(NETNS_DIR)).filter((n) => n.startsWith('wlab-'));
  } catch {
    return [];
  }
}

/** Names of all lab links (wlab*) in the root namespace. */
export async function listLabLinks(): Promise<string[]> {
  const links = (await ipJson<IpLink[]>(['link', 'show'])) ?? [];
  return links.map((l) => l.ifname.split('@')[0]).filter((n) => n.startsWith('wlab'));
}

export async function bridgeUp(): Promise<boolean> {
  const addrs = await ipJson<Array<{ addr_info?: Array<{ local: string }>; flags?: string[] }>>(['addr', 'show', 'dev', BRIDGE]);
  return !!addrs?.[0] && !!addrs[0].addr_info?.some((a) => a.local === GATEWAY) && !!addrs[0].flags?.includes('UP');
}

/** Creates (or repairs) the bridge with the gateway address. No NAT and no forwarding: traffic stays on 10.99.0.0/24. */
export async function ensureBridge(): Promise<void> {
  if (!(await linkExists(BRIDGE))) await ip(['link', 'add', BRIDGE, 'type', 'bridge'], `create bridge ${BRIDGE}`);
  await ip(['addr', 'replace', `${GATEWAY}/${PREFIX_LEN}`, 'dev', BRIDGE], `address ${BRIDGE}`);
  await ip(['link', 'set', BRIDGE, 'up'], `bring ${BRIDGE} up`);
}

/**
 * Creates (or repairs) namespace `ns` with eth0 = `address`/24, lo up, and its peer `veth` on the bridge.
 * Existing healthy pieces are kept (an engine may be running inside).
 */
export async function ensureNamespace(ns: string, veth: string, address: string): Promise<void> {
  if (!netnsExists(ns)) {
    if (existsSync(netnsPath(ns))) await run('ip', ['netns', 'del', ns], { allowFail: true });
    await run('ip', ['link', 'del', veth], { allowFail: true });
    await ip(['netns', 'add', ns], `create namespace ${ns}`);
  }
  const rootSide = await linkExists(veth);
  const nsSide = await linkExists('eth0', ns);
  if (!rootSide || !nsSide) {
    if (rootSide) await run('ip', ['link', 'del', veth], { allowFail: true });
    if (nsSide) await run('ip', ['-n', ns, 'link', 'del', 'eth0'], { allowFail: true });
    await ip(['link', 'add', veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns], `create veth ${veth} for ${ns}`);
  }
  await ip(['link', 'set', veth, 'master', BRIDGE, 'up'], `attach ${veth} to ${BRIDGE}`);
  try {
    await run('ip', ['-n', ns, '-batch', '-'], {
      input: `addr replace ${address}/${PREFIX_LEN} dev eth0\nlink set eth0 up\nlink set lo up\n`,
      timeoutMs: 10_000,
    });
  } catch (e) {
    throw new LabError('network', `configure eth0 in ${ns}: ${(e as Error).message}`);
  }
}

/** Whether the namespace exists and eth0 carries `address`. */
export async function namespaceHealthy(ns: string, address: string): Promise<boolean> {
  if (!netnsExists(ns)) return false;
  const addrs = await ipJson<Array<{ addr_info?: Array<{ local: string }> }>>(['-n', ns, 'addr', 'show', 'dev', 'eth0']);
  return !!addrs?.[0]?.addr_info?.some((a) => a.local === address);
}

export async function deleteNamespace(ns: string): Promise<void> {
  if (existsSync(netnsPath(ns))) await run('ip', ['netns', 'del', ns], { allowFail: true });
}

export async function deleteLink(name: string): Promise<void> {
  if (await linkExists(name)) await run('ip', ['link', 'del', name], { allowFail: true });
}

const FORWARD_RULE = ['FORWARD', '-i', BRIDGE, '-o', BRIDGE, '-m', 'comment', '--comment', 'wharf-lab', '-j', 'ACCEPT'];

/**
 * With br_netfilter loaded, frames between two ports of the bridge pass the iptables FORWARD chain. When its
 * policy is DROP (e.g. a system dockerd set it), namespace-to-namespace traffic would be dropped: allow exactly
 * wlab0 -> wlab0 then. Nothing is forwarded beyond the bridge.
 */
export async function ensureBridgeForwarding(): Promise<void> {
  let callIptables: string;
  try {
    callIptables = readFileSync('/proc/sys/net/bridge/bridge-nf-call-iptables', 'utf8').trim();
  } catch {
    return; // br_netfilter not loaded: bridged frames skip iptables
  }
  if (callIptables !== '1') return;
  const policy = await run('iptables', ['-S', 'FORWARD'], { allowFail: true });
  if (policy.code !== 0 || !/^-P FORWARD (DROP|REJECT)/m.test(policy.stdout)) return;
  const has = await run('iptables', ['-C', ...FORWARD_RULE], { allowFail: true });
  if (has.code !== 0) await run('iptables', ['-I', ...FORWARD_RULE]);
}

export async function removeBridgeForwarding(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const res = await run('iptables', ['-D', ...FORWARD_RULE], { allowFail: true }).catch(() => null);
    if (!res || res.code !== 0) return;
  }
}
