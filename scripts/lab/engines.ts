// Lab engines: one dockerd per host in its own network + UTS namespace (unix socket + TLS TCP), started detached, stopped by pidfile.
import { existsSync, promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { isolatedDockerdArgs } from '../../lib/services/hosts/drivers/local/local-dockerd-args.ts';
import type { HostState } from './state.ts';
import { ENGINE_TCP_PORT, GATEWAY, REGISTRY_PORT } from './state.ts';
import { netnsId, netnsPath } from './network.ts';
import { dockerInfo, dockerPing } from './http.ts';
import { LabError, childEnv, isProcessAlive, livePid, namespaceOf, pidsInCgroup, processArgv, progress, spawnDetached, tailFile, terminate, waitFor } from './run.ts';

/** How long a starting dockerd may take to answer /_ping (many engines starting at once on 2 cores are slow). */
export const ENGINE_START_TIMEOUT_MS = 120_000;

/** Fixed-content wrapper: set the (new, private) UTS namespace's hostname, then exec the given command. */
const HOSTNAME_WRAPPER = `#!/bin/sh
# Wharf lab: set this UTS namespace's hostname to $1, then run the rest of the arguments in its place.
set -e
hostname "$1"
shift
exec "$@"
`;

export function wrapperPath(dir: string): string {
  return join(dir, 'bin', 'exec-with-hostname.sh');
}

export async function writeHostnameWrapper(dir: string): Promise<string> {
  const p = wrapperPath(dir);
  await fsp.mkdir(dirname(p), { recursive: true });
  const current = await fsp.readFile(p, 'utf8').catch(() => '');
  if (current !== HOSTNAME_WRAPPER) await fsp.writeFile(p, HOSTNAME_WRAPPER, { mode: 0o755 });
  return p;
}

/** Where the lab CA certificate (trusted by every engine for client certs) lives. */
export const labCaCert = (dir: string) => join(dir, 'tls', 'ca', 'ca.pem');

/** dockerd's arguments for a lab host (deterministic, so a restart uses the same configuration): the local driver's isolation, and the lab registry. */
export function dockerdArgs(dir: string, h: HostState): string[] {
  return isolatedDockerdArgs({
    ...h,
    dataRoot: h.dataDir,
    port: ENGINE_TCP_PORT,
    caFile: labCaCert(dir),
    certFile: h.serverCert,
    tlsKeyFile: h.serverKey,
    networkFlags: ['--insecure-registry', `${GATEWAY}:${REGISTRY_PORT}`],
    containerdNamespace: h.netns,
    shutdownSeconds: 3,
  });
}

/**
 * The host's daemon.json (instead of this machine's /etc/docker/daemon.json). It carries the engine's own
 * identity key (the ID in /info): by default every engine would share /etc/docker/key.json.
 */
export function daemonJson(h: HostState): string {
  return JSON.stringify({ 'deprecated-key-path': join(dirname(h.pidfile), 'key.json') }, null, 2) + '\n';
}

export function engineRunning(pidfile: string): number | null {
  return livePid(pidfile, 'dockerd');
}

/** Waits until the engine answers /_ping, failing early (with the log tail) if its process dies. */
export async function waitEngineReady(component: string, socket: string, pid: number, logFile: string, timeoutMs = ENGINE_START_TIMEOUT_MS): Promise<void> {
  try {
    await waitFor(
      `${component} to answer /_ping on ${socket}`,
      async () => {
        if (await dockerPing(socket, 2_000)) return true;
        if (!isProcessAlive(pid)) throw new Error(`dockerd (pid ${pid}) exited during startup`);
        return false;
      },
      timeoutMs,
      200,
    );
  } catch (e) {
    throw new LabError(component, (e as Error).message, tailFile(logFile, 40));
  }
}

/** Removes what a dead dockerd leaves behind (pidfile, socket) so a new one can start. */
export async function clearStaleEngineFiles(pidfile: string, socket: string): Promise<void> {
  if (!engineRunning(pidfile)) {
    await fsp.rm(pidfile, { force: true });
    await fsp.rm(socket, { force: true });
  }
}

/** How long containers get to stop when an engine stops, before the lab SIGKILLs them (see stopDockerd). */
export const CONTAINER_STOP_GRACE_MS = 2_000;

export interface StopOptions {
  /** Folder with the engine's containerd (its pidfile is <execRoot>/containerd/containerd.pid). */
  execRoot?: string;
  /** The engine's --cgroup-parent: its containers are SIGKILLed after CONTAINER_STOP_GRACE_MS. */
  cgroupParent?: string;
}

/**
 * Stops a dockerd by pidfile: SIGTERM, wait until the pid is gone, then until its socket is gone (a killed dockerd
 * leaves it: then it is removed). dockerd stops its containers on the way out and waits each one's stop timeout
 * (10 s for swarm tasks running `sleep`); to keep stops quick, processes still in the engine's container cgroups
 * after 2 s are SIGKILLed, which ends in the same state. dockerd itself gets SIGKILL after 30 s.
 */
export async function stopDockerd(component: string, pidfile: string, socket: string, opts: StopOptions = {}): Promise<void> {
  const pid = engineRunning(pidfile);
  if (pid) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const gone = () => processArgv(pid) === null;
    const exitedQuickly = await waitFor('dockerd exit', gone, CONTAINER_STOP_GRACE_MS, 50).catch(() => false);
    if (!exitedQuickly && opts.cgroupParent) {
      const pids = (await pidsInCgroup(opts.cgroupParent)).filter((p) => p !== pid);
      for (const p of pids) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
    if (!gone() && !(await terminate(pid, 30_000, 10_000))) {
      throw new LabError(component, `dockerd (pid ${pid}) did not exit after SIGTERM and SIGKILL`);
    }
  }
  try {
    await waitFor(`${socket} to disappear`, () => !existsSync(socket), 3_000, 100);
  } catch {
    await fsp.rm(socket, { force: true });
  }
  await fsp.rm(pidfile, { force: true });
  if (opts.execRoot) {
    const cpid = livePid(join(opts.execRoot, 'containerd', 'containerd.pid'), 'containerd');
    if (cpid) await terminate(cpid, 10_000, 5_000);
  }
}

/** Starts (or reuses) a lab host's dockerd. Returns true when it had to be started. */
export async function ensureHostEngine(dir: string, h: HostState, opts: { restart?: boolean } = {}): Promise<boolean> {
  const component = `engine ${h.name}`;
  let pid = engineRunning(h.pidfile);
  const expected = ['dockerd', ...dockerdArgs(dir, h)].join('\0');
  const outdated = pid !== null && processArgv(pid)?.join('\0') !== expected;
  // A dockerd left in an older namespace of the same name (the namespace was deleted and made again) is unreachable.
  const strayNs = pid !== null && namespaceOf(pid, 'net') !== netnsId(h.netns);
  if (pid && (opts.restart || outdated || strayNs)) {
    const why = opts.restart ? 'new TLS material' : outdated ? 'its arguments changed' : `it is not in namespace ${h.netns}`;
    progress(`${h.name}: restarting dockerd (${why})`);
    await stopDockerd(component, h.pidfile, h.socket, h);
    pid = null;
  }
  if (pid) {
    if (await dockerPing(h.socket)) return false;
    // Alive but not answering: maybe still starting. Give it a while, then replace it.
    try {
      await waitEngineReady(component, h.socket, pid, h.logFile, 30_000);
      return false;
    } catch {
      progress(`${h.name}: dockerd pid ${pid} does not answer, restarting it`);
      await stopDockerd(component, h.pidfile, h.socket, h);
    }
  }
  await startHostEngine(dir, h);
  return true;
}

/** Starts a lab host's dockerd (assumes it is not running) and waits for /_ping. */
export async function startHostEngine(dir: string, h: HostState): Promise<void> {
  const component = `engine ${h.name}`;
  if (!existsSync(netnsPath(h.netns))) throw new LabError(component, `network namespace ${h.netns} does not exist (run \`npm run lab -- up\`)`);
  await clearStaleEngineFiles(h.pidfile, h.socket);
  await fsp.mkdir(h.dataDir, { recursive: true, mode: 0o710 });
  await fsp.mkdir(h.execRoot, { recursive: true, mode: 0o700 });
  await fsp.writeFile(h.configFile, daemonJson(h));
  const wrapper = await writeHostnameWrapper(dir);
  await fsp.appendFile(h.logFile, `\n=== wharf lab: starting dockerd for ${h.name} at ${new Date().toISOString()} ===\n`);
  const pid = spawnDetached(
    'nsenter',
    [`--net=${netnsPath(h.netns)}`, '--', 'unshare', '--uts', '--', '/bin/sh', wrapper, h.name, 'dockerd', ...dockerdArgs(dir, h)],
    h.logFile,
    childEnv(),
  );
  await waitEngineReady(component, h.socket, pid, h.logFile);
}

/** The port of libnetwork's gossip (memberlist): the overlay networks' service discovery runs over it. */
export const SWARM_GOSSIP_PORT = 7946;

/** The local TCP ports in state LISTEN in the text of /proc/<pid>/net/tcp and tcp6 (hex "address:port", state 0A). */
export function listeningTcpPorts(procNetTcp: string): Set<number> {
  const ports = new Set<number>();
  for (const line of procNetTcp.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 4 || !/^\d+:$/.test(fields[0]!) || fields[3] !== '0A') continue;
    const port = Number.parseInt(fields[1]!.split(':').pop() ?? '', 16);
    if (Number.isInteger(port)) ports.add(port);
  }
  return ports;
}

/**
 * Whether this engine holds a gossip listener left over from a swarm it is no longer part of.
 * dockerd 20.10 sometimes keeps its network agent's memberlist listening on :7946 after the node
 * leaves a swarm; the next swarm's agent then cannot bind the port ("error in agentInit … address
 * already in use"), no overlay network of that swarm gets service records, and the embedded DNS
 * (127.0.0.11) forwards every service name to resolvers the lab cannot reach: names never resolve
 * (getaddrinfo EAI_AGAIN), even inside a service's own task.
 */
export async function swarmGossipLeaked(h: HostState): Promise<boolean> {
  const pid = engineRunning(h.pidfile);
  if (!pid) return false;
  const tables = await Promise.all(['tcp', 'tcp6'].map((file) => fsp.readFile(`/proc/${pid}/net/${file}`, 'utf8').catch(() => '')));
  if (!listeningTcpPorts(tables.join('\n')).has(SWARM_GOSSIP_PORT)) return false;
  const info = await dockerInfo(h.socket).catch(() => null);
  return (info?.Swarm as { LocalNodeState?: string } | undefined)?.LocalNodeState === 'inactive';
}
