// Public API of the Wharf test lab (used by the CLI, tests and benchmarks): up, down, state, status, engine stop/start.
import { existsSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_HOSTS,
  GATEWAY,
  BRIDGE,
  IMAGE,
  MACHINE_COUNT,
  MAX_HOSTS,
  STATE_VERSION,
  SUBNET,
  assertRoot,
  hostLayout,
  labDir,
  machineLayout,
  readLabState,
  registryLayout,
  sshLayout,
  withLabLock,
  writeLabState,
} from './state.ts';
import type { HostState, LabState, MachineState, SshState } from './state.ts';
import { ensurePackages } from './packages.ts';
import { ensureTls } from './tls.ts';
import { bridgeUp, ensureBridge, ensureBridgeForwarding, ensureNamespace, namespaceHealthy } from './network.ts';
import { SWARM_GOSSIP_PORT, engineRunning, ensureHostEngine, startHostEngine, stopDockerd, swarmGossipLeaked } from './engines.ts';
import { ensureImage, ensureImageTar, imageTarPath, verifyContainerRuns } from './image.ts';
import { ensureRegistry, newRegistryPassword, registryHealthy, registryPid } from './registry.ts';
import { ensureTokenRegistry, tokenRegistryHealthy } from './token-registry.ts';
import { ecrHealthy, ensureEcr } from './ecr-registry.ts';
import { basicRegistry, seedRegistry, tokenRegistry } from './registry-seed.ts';
import { ensureSshHost, snapshotTree, sshBanner, sshdPid, startSshEngine, stopSshEngine, verifySshHost } from './ssh-host.ts';
import {
  authorizeMachineKey,
  ensureMachine,
  lockMachine,
  machineSshdPid,
  occupyMachinePort,
  resetMachine,
  verifyMachine,
  whileMachineBusy,
  writeMachineOsRelease,
} from './machines.ts';
import { LAB_MARKER, teardown } from './teardown.ts';
import { ensureOidcProvider, oidcHealthy, oidcPid } from './oidc-provider.ts';
import { ensureLdapDirectory, ldapHealthy, slapdPid } from './ldap-directory.ts';
import { ensureGitServer, gitServerHealthy, gitServerPid } from './git-host.ts';
import { labBalancers, type BalancerLiveness } from './balancer.ts';
import { dockerApi, dockerInfo, dockerPing, tcpOpen, tlsPing } from './http.ts';
import { LabError, mapLimit, progress } from './run.ts';

export type { EcrState, GitServerState, HostState, LabState, LdapState, MachineState, OidcState, RegistryState, SshState, TlsState, TokenRegistryState } from './state.ts';
export { basicRegistry, LAB_BIG_IMAGE, pushLabImage, tokenRegistry, type LabRegistry } from './registry-seed.ts';
export { labToken } from './token-registry.ts';
export { createLabGitRepo, gitServerLayout as labGitServer, labGitSshUrl, labGitUrl, pushLabGitCommit } from './git-host.ts';
export { labEcrToken } from './ecr-registry.ts';
export { LabError } from './run.ts';
export { balancerServerStatus, labBalancers, startLabBalancer, stopLabBalancer, waitForBalancerServers, type BalancerLiveness, type BalancerServer, type LabBalancer } from './balancer.ts';
export { labDir, readLabState } from './state.ts';
export { LAB_NODE_IMAGE, LAB_POSTGRES_IMAGE, ensureLabBaseImages } from './base-images.ts';

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

    progress(`network: bridge ${BRIDGE} ${GATEWAY}/24 and ${count + 1 + MACHINE_COUNT} namespaces`);
    await ensureBridge();
    await ensureBridgeForwarding();
    const sshBase = sshLayout(dir, prev?.ssh.hostKeyFingerprint ?? '');
    const machineBases: MachineState[] = Array.from({ length: MACHINE_COUNT }, (_, i) =>
      machineLayout(dir, i + 1, prev?.machines?.find((m) => m.index === i + 1)?.hostKeyFingerprint ?? ''),
    );
    await mapLimit(
      [...hosts.map((h) => [h.netns, h.veth, h.address]), [sshBase.netns, sshBase.veth, sshBase.host], ...machineBases.map((m) => [m.netns, m.veth, m.host])],
      4,
      ([ns, veth, addr]) => ensureNamespace(ns, veth, addr),
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
      machines: machineBases,
      createdAt: prev?.createdAt ?? now,
      updatedAt: now,
    };
    // Written before starting processes so that `down` and engine stop/start know about a half-made lab.
    await writeLabState(state);

    const etcDockerBefore = await snapshotTree('/etc/docker');
    let ssh: SshState = sshBase;
    let machines: MachineState[] = machineBases;
    await settleAll([
      mapLimit(hosts, ENGINE_START_CONCURRENCY, async (h) => {
        const t = Date.now();
        const started = await ensureHostEngine(dir, h, { restart: renewedHosts.has(h.name) });
        const imported = await ensureImage(`engine ${h.name}`, h.socket, imageTar);
        progress(`${h.name}: ${started ? `dockerd started in ${((Date.now() - t) / 1000).toFixed(1)} s` : 'dockerd already running'}${imported ? `, ${IMAGE} imported` : ''}`);
      }),
      ensureRegistry(registry)
        .then(() => progress(`registry: http://${registry.url} ready`))
        .then(() => ensureEcr(dir, registry))
        .then((ecr) => {
          state.ecr = ecr;
          progress(`ecr: stand-in on ${ecr.url} ready (tokens for ${ecr.registry})`);
        }),
      ensureTokenRegistry(dir).then((t) => {
        state.tokenRegistry = t;
        progress(`token registry: http://${t.url} ready (tokens from ${t.realm})`);
      }),
      ensureOidcProvider(dir, prev?.oidc).then((oidc) => {
        state.oidc = oidc;
        progress(`oidc: ${oidc.issuer} ready`);
      }),
      ensureLdapDirectory(dir, prev?.ldap).then((ldap) => {
        state.ldap = ldap;
        progress(`ldap: ${ldap.url} ready (StartTLS)`);
      }),
      ensureGitServer(dir).then((git) => {
        state.git = git;
        progress(`git: ${git.url} ready (${git.seedRepo}.git)`);
      }),
      (async () => {
        ssh = await ensureSshHost(dir, sshBase);
        // The machines use the SSH host's key pair: made just above.
        const [imported, ready] = await Promise.all([
          ensureImage('engine lab-ssh', ssh.engineSocket, imageTar),
          Promise.all(machineBases.map((m) => whileMachineBusy(m, () => ensureMachine(dir, m)))),
        ]);
        machines = ready;
        progress(`${ssh.name}: sshd and dockerd ready${imported ? `, ${IMAGE} imported` : ''}; machines ${machines.map((m) => m.name).join(', ')}: sshd ready`);
      })(),
    ]);
    state.ssh = ssh;
    state.machines = machines;
    await writeLabState(state);

    progress('verifying: container run, engine TLS, SSH host, machines; pushing the registries\' images');
    await settleAll([
      seedRegistry(state, basicRegistry(registry), { emptyRepository: true, bigImage: true }),
      seedRegistry(state, tokenRegistry(state.tokenRegistry!), { emptyRepository: false }),
      verifyContainerRuns(`engine ${hosts[0].name}`, dir, hosts[0].socket),
      verifyTls(state, hosts[0]),
      verifySshHost(ssh),
      ...machines.map((m) => whileMachineBusy(m, () => verifyMachine(m))),
    ]);
    const etcDockerAfter = await snapshotTree('/etc/docker');
    if (etcDockerAfter !== etcDockerBefore) throw new LabError('ssh', "this machine's /etc/docker changed while the SSH host was set up");
    return state;
  });
}

/** The engine's TLS endpoint accepts the lab client certificate and refuses the wrong one. */
async function verifyTls(state: LabState, h: HostState): Promise<void> {
  const component = `engine ${h.name} (TLS)`;
  let status: number;
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
  /** The bearer-token registry and its token server. */
  tokenRegistry: { healthy: boolean };
  /** The ECR stand-in: its token opens the htpasswd registry. */
  ecr: { healthy: boolean };
  ssh: { netns: boolean; sshdPid: number | null; sshd: boolean; enginePid: number | null; ping: boolean };
  /** Bare machines: namespace, sshd answering, and whether an engine answers there (one a test provisioned). */
  machines: MachineLiveness[];
  /** The OpenID Connect provider: its discovery document names its issuer. */
  oidc: { pid: number | null; healthy: boolean };
  /** slapd: StartTLS, the service account binds and finds a user. */
  ldap: { pid: number | null; healthy: boolean };
  /** The git server advertises the seed repository's refs. */
  git: { pid: number | null; healthy: boolean };
  /** haproxy balancers tests and benchmarks started (not part of `up`): shown, never counted in `up`. */
  balancers: BalancerLiveness[];
}

export interface MachineLiveness {
  name: string;
  netns: boolean;
  sshdPid: number | null;
  sshd: boolean;
  /** /_ping on the machine's /var/run/docker.sock: false on a bare machine (not part of `up`). */
  engine: boolean;
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
      live: {
        up: false,
        dir,
        bridge: await bridgeUp(),
        hosts: [],
        registry: { pid: null, healthy: false },
        tokenRegistry: { healthy: false },
        ecr: { healthy: false },
        ssh: { netns: false, sshdPid: null, sshd: false, enginePid: null, ping: false },
        machines: [],
        oidc: { pid: null, healthy: false },
        ldap: { pid: null, healthy: false },
        git: { pid: null, healthy: false },
        balancers: await labBalancers(dir),
      },
    };
  }
  const [bridge, hosts, regHealthy, sshNet, sshd, sshPing, machines, oidcUp, ldapUp] = await Promise.all([
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
    Promise.all(
      (state.machines ?? []).map(async (m): Promise<MachineLiveness> => ({
        name: m.name,
        netns: await namespaceHealthy(m.netns, m.host),
        sshdPid: machineSshdPid(m),
        sshd: await sshBanner(m.host, m.port),
        engine: await dockerPing(m.engineSocket, 1_000),
      })),
    ),
    state.oidc ? oidcHealthy(state.oidc) : false,
    state.ldap ? ldapHealthy(state.ldap) : false,
  ]);
  const tokenUp = state.tokenRegistry ? await tokenRegistryHealthy(state.tokenRegistry) : false;
  const gitUp = state.git ? await gitServerHealthy(state.git) : false;
  const ecrUp = state.ecr ? await ecrHealthy(state.ecr) : false;
  const live: LabLiveness = {
    up: false,
    dir,
    bridge,
    hosts,
    registry: { pid: registryPid(state.registry), healthy: regHealthy },
    tokenRegistry: { healthy: tokenUp },
    ecr: { healthy: ecrUp },
    ssh: { netns: sshNet, sshdPid: sshdPid(state.ssh), sshd, enginePid: engineRunning(state.ssh.enginePidfile), ping: sshPing },
    machines,
    oidc: { pid: state.oidc ? oidcPid(state.oidc) : null, healthy: oidcUp },
    ldap: { pid: state.ldap ? slapdPid(state.ldap) : null, healthy: ldapUp },
    git: { pid: state.git ? gitServerPid(state.git) : null, healthy: gitUp },
    balancers: await labBalancers(dir),
  };
  live.up =
    bridge &&
    hosts.every((h) => h.netns && h.pid !== null && h.ping && h.tcp) &&
    live.registry.healthy &&
    tokenUp &&
    ecrUp &&
    sshNet &&
    sshd &&
    sshPing &&
    machines.length === MACHINE_COUNT &&
    machines.every((m) => m.netns && m.sshdPid !== null && m.sshd) &&
    oidcUp &&
    ldapUp &&
    gitUp;
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

/**
 * Takes a lab engine out of any swarm, by its socket: `swarm leave --force`, and when that does not
 * leave it inactive within `waitMs` (a manager whose peers went away can answer "context deadline
 * exceeded" to every leave, for ever), a restart of that engine and a second leave. Tests call it
 * before and after forming swarms, so one wedged engine does not fail every later swarm test.
 */
export async function leaveSwarmForcibly(socketPath: string, waitMs = 20_000): Promise<void> {
  const state = async () => ((await dockerInfo(socketPath).catch(() => ({}))) as { Swarm?: { LocalNodeState?: string } }).Swarm?.LocalNodeState ?? 'unknown';
  const leaveAndWait = async () => {
    await dockerApi(socketPath, 'POST', '/swarm/leave?force=true', undefined, waitMs).catch(() => undefined);
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      if ((await state()) === 'inactive') return true;
      await new Promise((r) => setTimeout(r, 250));
    }
    return false;
  };
  if ((await state()) === 'inactive' || (await leaveAndWait())) return;
  const lab = await requireState();
  const h = [...lab.hosts, lab.ssh].find((x) => ('engineSocket' in x ? x.engineSocket : x.socket) === socketPath);
  if (!h) throw new LabError('lab', `${socketPath} is still in a swarm and is no lab engine Wharf can restart`);
  progress(`engine ${h.name}: still in a swarm after a forced leave; restarting it`);
  await stopEngine(h.name);
  await startEngine(h.name);
  if (!(await leaveAndWait())) throw new LabError(`engine ${h.name}`, `still in a swarm after a restart and a forced leave (state ${await state()})`);
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
/**
 * Before a swarm is formed on a host that left one: restarts its dockerd when it still holds the
 * last swarm's gossip listener (engines.ts, swarmGossipLeaked), which would leave the next swarm's
 * overlay networks without service discovery. Answers whether it restarted the engine.
 */
export async function repairSwarmGossip(hostName: string): Promise<boolean> {
  assertRoot('engine repair');
  const state = await requireState();
  const h = findHost(state, hostName);
  if (isSsh(h) || !(await swarmGossipLeaked(h))) return false;
  progress(`${h.name}: dockerd still holds the gossip port ${SWARM_GOSSIP_PORT} of a swarm it left; restarting it`);
  await stopDockerd(`engine ${h.name}`, h.pidfile, h.socket, h);
  await startHostEngine(state.dir, h);
  return true;
}

export function labImageTar(dir = labDir()): string | null {
  const p = imageTarPath(dir);
  return existsSync(p) ? p : null;
}

function findMachine(state: LabState, name: string): MachineState {
  const m = (state.machines ?? []).find((x) => x.name === name || x.netns === name || x.host === name);
  if (!m) throw new LabError('lab', `unknown machine ${name}; known: ${(state.machines ?? []).map((x) => x.name).join(', ') || 'none (run `npm run lab -- up`)'}`);
  return m;
}

/**
 * Puts a bare machine back as `up` made it, for a test to start from: kills everything running there (a provisioned
 * dockerd and its supervisor, containerd, containers, listeners, sshd), wipes its private /etc/docker,
 * /var/lib/docker, /run, /root, /home, /usr/local and /var/log back to the seed (daemon.json with the lab-safe keys,
 * authorized_keys with only the lab key), restores os-release, and starts sshd again (same address and host key).
 */
export async function resetLabMachine(state: LabState, name: string): Promise<void> {
  assertRoot('machine reset');
  await resetMachine(state.dir, findMachine(state, name));
}

/** Appends a public key line to root's authorized_keys on a machine (a cloud stand-in uses it as cloud-init would). */
export async function authorizeLabMachineKey(state: LabState, name: string, publicKeyLine: string): Promise<void> {
  await authorizeMachineKey(findMachine(state, name), publicKeyLine);
}

/** Replaces a machine's /etc/os-release (e.g. "ID=plan9\n" for an unsupported OS); resetLabMachine restores it. */
export async function setLabMachineOsRelease(state: LabState, name: string, content: string): Promise<void> {
  await writeMachineOsRelease(findMachine(state, name), content);
}

/**
 * Holds TCP `port` on a machine with a listener that is not dockerd (a node process in the machine's network
 * namespace, started with nsenter). Resolves once the port answers; call the returned function to free it.
 */
export async function occupyLabMachinePort(state: LabState, name: string, port: number): Promise<() => Promise<void>> {
  assertRoot('machine port');
  return occupyMachinePort(findMachine(state, name), port);
}

/**
 * Takes a machine for this process (a test file) so that tests in other processes using the same machine wait
 * instead of resetting it under each other. Re-entrant; released by the returned function or when the process exits.
 */
export async function lockLabMachine(state: LabState, name: string): Promise<() => Promise<void>> {
  return lockMachine(findMachine(state, name));
}
