// Public API of the Wharf test lab (used by the CLI, tests and benchmarks): up, down, state, status, engine stop/start.
import { existsSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_HOSTS,
  GATEWAY,
  BRIDGE,
  IMAGE,
  MAX_HOSTS,
  STATE_VERSION,
  SUBNET,
  assertRoot,
  hostLayout,
  labDir,
  readLabState,
  registryLayout,
  sshLayout,
  withLabLock,
  writeLabState,
} from './state.ts';
import type { HostState, LabState, SshState } from './state.ts';
import { ensurePackages } from './packages.ts';
import { ensureTls } from './tls.ts';
import { bridgeUp, ensureBridge, ensureBridgeForwarding, ensureNamespace, namespaceHealthy } from './network.ts';
import { engineRunning, ensureHostEngine, startHostEngine, stopDockerd } from './engines.ts';
import { ensureImage, ensureImageTar, imageTarPath, verifyContainerRuns } from './image.ts';
import { ensureRegistry, newRegistryPassword, registryHealthy, registryPid } from './registry.ts';
import { ensureSshHost, snapshotTree, sshBanner, sshdPid, startSshEngine, stopSshEngine, verifySshHost } from './ssh-host.ts';
import { LAB_MARKER, teardown } from './teardown.ts';
import { dockerPing, tcpOpen, tlsPing } from './http.ts';
import { LabError, mapLimit, progress } from './run.ts';

export type { HostState, LabState, RegistryState, SshState, TlsState } from './state.ts';
export { LabError } from './run.ts';
export { labDir, readLabState } from './state.ts';

/** How many engines start at once (each dockerd + containerd is CPU-heavy for a few seconds). */
const ENGINE_START_CONCURRENCY = 6;

export interface LabUpOptions {
  /** Number of plain engine hosts (lab-1 .. lab-N); default 3, at most 30. Never lowers an existing lab's count. */
  hosts?: number;
}

async function existingHostCount(dir: string): Promise<number> {
  let max = 0;
  try {
    for (const n of await fsp.readdir(dir)) {
      const m = /^h(\d+)$/.exec(n);
      if (m) max = Math.max(max, Number(m[1]));
    }
  } catch {
    /* no dir yet */
  }
  return max;
}

async function settleAll(tasks: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Brings the lab up: creates what is missing, reuses what is healthy, repairs what is half made.
 * Adds hosts when asked for more than exist; never removes hosts.
 */
export async function labUp(opts: LabUpOptions = {}): Promise<LabState> {
  assertRoot('up');
  const dir = labDir();
  const requested = opts.hosts ?? DEFAULT_HOSTS;
  if (!Number.isInteger(requested) || requested < 1 || requested > MAX_HOSTS) {
    throw new LabError('lab', `--hosts must be an integer from 1 to ${MAX_HOSTS} (got ${opts.hosts})`);
  }
  return withLabLock(dir, async () => {
    await ensurePackages();
    await fsp.mkdir(dir, { recursive: true, mode: 0o755 });
    await fsp.writeFile(join(dir, LAB_MARKER), 'This folder is managed by `npm run lab` (scripts/lab); `npm run lab -- down` deletes it.\n');
    const prev = await readLabState(dir);
    const count = Math.max(requested, prev?.hosts.length ?? 0, await existingHostCount(dir));
    if (count > requested) progress(`keeping ${count} hosts (the lab already has them; up never removes hosts)`);
    const hosts: HostState[] = Array.from({ length: count }, (_, i) => hostLayout(dir, i + 1));

    progress('TLS material');
    const { tls, renewedHosts } = await ensureTls(dir, hosts);

    progress(`network: bridge ${BRIDGE} ${GATEWAY}/24 and ${count + 1} namespaces`);
    await ensureBridge();
    await ensureBridgeForwarding();
    const sshBase = sshLayout(dir, prev?.ssh.hostKeyFingerprint ?? '');
    await mapLimit([...hosts.map((h) => [h.netns, h.veth, h.address]), [sshBase.netns, sshBase.veth, sshBase.host]], 4, ([ns, veth, addr]) =>
      ensureNamespace(ns, veth, addr),
    );

    const registry = registryLayout(dir, prev?.registry.password ?? newRegistryPassword());
    const imageTar = await ensureImageTar(dir);
    const now = new Date().toISOString();
    const state: LabState = {
      version: STATE_VERSION,
      dir,
      subnet: SUBNET,
      gateway: GATEWAY,
      bridge: BRIDGE,
      image: IMAGE,
      imageTar,
      tls,
      hosts,
      registry,
      ssh: sshBase,
      createdAt: prev?.createdAt ?? now,
      updatedAt: now,
    };
    // Written before starting processes so that `down` and engine stop/start know about a half-made lab.
    await writeLabState(state);

    const etcDockerBefore = await snapshotTree('/etc/docker');
    let ssh: SshState = sshBase;
    await settleAll([
      mapLimit(hosts, ENGINE_START_CONCURRENCY, async (h) => {
        const t = Date.now();
        const started = await ensureHostEngine(dir, h, { restart: renewedHosts.has(h.name) });
        const imported = await ensureImage(`engine ${h.name}`, h.socket, imageTar);
        progress(`${h.name}: ${started ? `dockerd started in ${((Date.now() - t) / 1000).toFixed(1)} s` : 'dockerd already running'}${imported ? `, ${IMAGE} imported` : ''}`);
      }),
      ensureRegistry(registry).then(() => progress(`registry: http://${registry.url} ready`)),
      (async () => {
        ssh = await ensureSshHost(dir, sshBase);
        const imported = await ensureImage('engine lab-ssh', ssh.engineSocket, imageTar);
        progress(`${ssh.name}: sshd and dockerd ready${imported ? `, ${IMAGE} imported` : ''}`);
      })(),
    ]);
    state.ssh = ssh;
    await writeLabState(state);

    progress('verifying: container run, engine TLS, SSH host');
    await settleAll([
      verifyContainerRuns(`engine ${hosts[0].name}`, dir, hosts[0].socket),
      verifyTls(state, hosts[0]),
      verifySshHost(ssh),
    ]);
    const etcDockerAfter = await snapshotTree('/etc/docker');
    if (etcDockerAfter !== etcDockerBefore) throw new LabError('ssh', "this machine's /etc/docker changed while the SSH host was set up");
    return state;
  });
}

/** The engine's TLS endpoint accepts the lab client certificate and refuses the wrong one. */
async function verifyTls(state: LabState, h: HostState): Promise<void> {
  const component = `engine ${h.name} (TLS)`;
  let status = 0;
  try {
    status = await tlsPing(h.tcp.host, h.tcp.port, { ca: state.tls.caCert, cert: state.tls.clientCert, key: state.tls.clientKey });
  } catch (e) {
    throw new LabError(component, `TLS /_ping on ${h.tcp.host}:${h.tcp.port} with the lab client cert failed: ${(e as Error).message}`);
  }
  if (status !== 200) throw new LabError(component, `TLS /_ping answered ${status}`);
  const wrong = await tlsPing(h.tcp.host, h.tcp.port, { ca: state.tls.caCert, cert: state.tls.wrongClientCert, key: state.tls.wrongClientKey }).then(
    (s) => s,
    () => -1,
  );
  if (wrong !== -1) throw new LabError(component, `the wrong client certificate was accepted (HTTP ${wrong})`);
}

/** Stops and removes everything the lab made. Safe when nothing is up. */
export async function labDown(): Promise<void> {
  assertRoot('down');
  const dir = labDir();
  await withLabLock(dir, async () => {
    const state = await readLabState(dir);
    await teardown(dir, state);
  });
}

export interface HostLiveness {
  name: string;
  netns: boolean;
  pid: number | null;
  /** /_ping on the unix socket. */
  ping: boolean;
  /** The TLS port accepts TCP connections at the host's address. */
  tcp: boolean;
}

export interface LabLiveness {
  /** True when every component below is alive and answering. */
  up: boolean;
  dir: string;
  bridge: boolean;
  hosts: HostLiveness[];
  registry: { pid: number | null; healthy: boolean };
  ssh: { netns: boolean; sshdPid: number | null; sshd: boolean; enginePid: number | null; ping: boolean };
}

export interface LabStatus {
  state: LabState | null;
  live: LabLiveness;
}

/** The recorded state plus the liveness of each component (does not need root). */
export async function labStatus(): Promise<LabStatus> {
  const dir = labDir();
  const state = await readLabState(dir);
  if (!state) {
    return {
      state: null,
      live: { up: false, dir, bridge: await bridgeUp(), hosts: [], registry: { pid: null, healthy: false }, ssh: { netns: false, sshdPid: null, sshd: false, enginePid: null, ping: false } },
    };
  }
  const [bridge, hosts, regHealthy, sshNet, sshd, sshPing] = await Promise.all([
    bridgeUp(),
    Promise.all(
      state.hosts.map(async (h): Promise<HostLiveness> => ({
        name: h.name,
        netns: await namespaceHealthy(h.netns, h.address),
        pid: engineRunning(h.pidfile),
        ping: await dockerPing(h.socket),
        tcp: await tcpOpen(h.tcp.host, h.tcp.port),
      })),
    ),
    registryHealthy(state.registry),
    namespaceHealthy(state.ssh.netns, state.ssh.host),
    sshBanner(state.ssh.host, state.ssh.port),
    dockerPing(state.ssh.engineSocket),
  ]);
  const live: LabLiveness = {
    up: false,
    dir,
    bridge,
    hosts,
    registry: { pid: registryPid(state.registry), healthy: regHealthy },
    ssh: { netns: sshNet, sshdPid: sshdPid(state.ssh), sshd, enginePid: engineRunning(state.ssh.enginePidfile), ping: sshPing },
  };
  live.up = bridge && hosts.every((h) => h.netns && h.pid !== null && h.ping && h.tcp) && live.registry.healthy && sshNet && sshd && sshPing;
  return { state, live };
}

async function requireState(): Promise<LabState> {
  const state = await readLabState();
  if (!state) throw new LabError('lab', `no lab state in ${labDir()} (run \`npm run lab -- up\` first)`);
  return state;
}

function findHost(state: LabState, name: string): HostState | SshState {
  if (name === state.ssh.name) return state.ssh;
  const h = state.hosts.find((x) => x.name === name || x.netns === name || x.address === name);
  if (!h) throw new LabError('lab', `unknown host ${name}; known: ${[...state.hosts.map((x) => x.name), state.ssh.name].join(', ')}`);
  return h;
}

const isSsh = (h: HostState | SshState): h is SshState => 'sshdConfig' in h;

/**
 * Stops a host's dockerd (SIGTERM; waits until its pid and its socket are gone). The host's namespace stays, so
 * its address no longer answers on 2376: use it to make a host unreachable. Works for "lab-ssh" too.
 */
export async function stopEngine(hostName: string): Promise<void> {
  assertRoot('engine stop');
  const state = await requireState();
  const h = findHost(state, hostName);
  if (isSsh(h)) await stopSshEngine(h);
  else await stopDockerd(`engine ${h.name}`, h.pidfile, h.socket, h);
}

/** Starts a host's dockerd again with the same configuration and waits for /_ping. No-op when it runs. */
export async function startEngine(hostName: string): Promise<void> {
  assertRoot('engine start');
  const state = await requireState();
  const h = findHost(state, hostName);
  if (isSsh(h)) {
    if (engineRunning(h.enginePidfile) && (await dockerPing(h.engineSocket))) return;
    await startSshEngine(h);
  } else {
    if (engineRunning(h.pidfile) && (await dockerPing(h.socket))) return;
    await startHostEngine(state.dir, h);
  }
}

/** Whether the image tar exists (for tests that want to import it elsewhere). */
export function labImageTar(dir = labDir()): string | null {
  const p = imageTarPath(dir);
  return existsSync(p) ? p : null;
}
