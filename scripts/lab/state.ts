// Lab state: the LabState shape, the lab directory and its fixed layout, state.json I/O and the up/down lock.
import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { LabError, isProcessAlive, readPidfile, sleep, tryLockFile } from './run.ts';

export const STATE_VERSION = 1 as const;
export const DEFAULT_HOSTS = 3;
/** Addresses 10.99.0.11 .. 10.99.0.40 are for hosts; .50 is the SSH host; .51 and .52 are the bare machines. */
export const MAX_HOSTS = 30;

export const SUBNET = '10.99.0.0/24';
export const PREFIX_LEN = 24;
export const GATEWAY = '10.99.0.1';
export const BRIDGE = 'wlab0';
export const ENGINE_TCP_PORT = 2376;
export const REGISTRY_PORT = 5005;
export const IMAGE = 'local/busybox:latest';
export const SSH_NAME = 'lab-ssh';
export const SSH_NETNS = 'wlab-ssh';
export const SSH_ADDRESS = '10.99.0.50';
/** Bare machines to provision (sshd only, no engine running): lab-m1 at 10.99.0.51, lab-m2 at 10.99.0.52. */
export const MACHINE_COUNT = 2;
/** The account on every machine that has neither root nor sudo (created with useradd on this machine, removed by `down`). */
export const MACHINE_NON_ROOT_USER = 'wharf-lab-user';

export interface TlsState {
  /** Lab CA certificate (PEM) that signed every engine's server certificate and the client certificate. */
  caCert: string;
  clientCert: string;
  clientKey: string;
  /** A folder with ca.pem, cert.pem, key.pem: usable as DOCKER_CERT_PATH. */
  clientDir: string;
  /** An unrelated CA and a client certificate it signed: engines refuse it. */
  wrongCaCert: string;
  wrongClientCert: string;
  wrongClientKey: string;
  wrongClientDir: string;
}

export interface HostState {
  name: string;
  index: number;
  netns: string;
  /** Root-namespace end of the host's veth pair (the namespace end is eth0). */
  veth: string;
  address: string;
  socket: string;
  /** DOCKER_HOST-style URL of the unix socket. */
  dockerHost: string;
  tcp: { host: string; port: number };
  pidfile: string;
  dataDir: string;
  execRoot: string;
  logFile: string;
  configFile: string;
  cgroupParent: string;
  serverCert: string;
  serverKey: string;
}

export interface RegistryState {
  url: string;
  host: string;
  port: number;
  username: string;
  password: string;
  pidfile: string;
  logFile: string;
  configFile: string;
  dataDir: string;
}

/** The registry with bearer-token auth and its token server (scripts/lab/token-registry.ts). Deletes are off. */
export interface TokenRegistryState {
  url: string;
  host: string;
  port: number;
  /** The token server's endpoint, as the registry's challenge names it. */
  realm: string;
  tokenPort: number;
  service: string;
  issuer: string;
  /** May pull, push and delete. */
  username: string;
  password: string;
  /** May only pull. */
  readerUsername: string;
  readerPassword: string;
  deletes: boolean;
  pidfile: string;
  logFile: string;
  configFile: string;
  dataDir: string;
  tokenPidfile: string;
  tokenLogFile: string;
  tokenConfigFile: string;
  certFile: string;
  keyFile: string;
}

/** The stand-in for Amazon ECR's API (scripts/lab/ecr-registry.ts), whose tokens open the htpasswd registry as AWS. */
export interface EcrState {
  /** The API's endpoint (the SDK's endpoint override). */
  url: string;
  host: string;
  port: number;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The registry the tokens are good at (host:port), the proxy endpoint's. */
  registry: string;
  pidfile: string;
  logFile: string;
  configFile: string;
}

/** The lab's OpenID Connect provider (scripts/lab/oidc-provider.ts), on a loopback port. */
export interface OidcState {
  issuer: string;
  host: string;
  port: number;
  clientId: string;
  clientSecret: string;
  /** The claim holding a user's groups. */
  groupClaim: string;
  users: { username: string; password: string; name: string; email: string; groups: string[] }[];
  pidfile: string;
  logFile: string;
  configFile: string;
}

/** The lab's git server (scripts/lab/git-host.ts): `git http-backend` on 10.99.0.1:5010. */
export interface GitServerState {
  /** http://10.99.0.1:5010; a repository is <url>/<name>.git, or <url>/private/<name>.git with the token. */
  url: string;
  host: string;
  port: number;
  /** Folder of the bare repositories. */
  root: string;
  /** The password of /private/ repositories (any user name). */
  token: string;
  /** The repository `up` seeds: deploy/compose.yml naming deploy/app.env. */
  seedRepo: string;
  pidfile: string;
  logFile: string;
  configFile: string;
}

/** The lab's LDAP directory (scripts/lab/ldap-directory.ts): Debian's slapd on a loopback port, StartTLS with its own CA. */
export interface LdapState {
  url: string;
  host: string;
  port: number;
  /** The CA that signed slapd's certificate (for 127.0.0.1 and localhost). */
  caCert: string;
  baseDn: string;
  /** A read-only service account Wharf binds as to search. */
  bindDn: string;
  bindPassword: string;
  userBase: string;
  /** `{username}` is replaced by the escaped username. */
  userFilter: string;
  groupBase: string;
  /** `{dn}` is replaced by the user's escaped DN. */
  groupFilter: string;
  groupAttribute: string;
  users: { username: string; password: string; name: string; groups: string[] }[];
  pidfile: string;
  logFile: string;
  configDir: string;
}

/** What the SSH host and the bare machines share: an sshd in namespaces of its own, reached with the lab's key pair. */
export interface SshServerState {
  /** lab-ssh, lab-m1, lab-m2 (also the server's hostname, in its own UTS namespace). */
  name: string;
  netns: string;
  veth: string;
  host: string;
  port: number;
  /** 'root': key-only root login with the lab key. */
  user: string;
  /** The lab's SSH key pair (the SSH host's; the machines accept it too). */
  privateKey: string;
  publicKey: string;
  /** A key the server does not accept. */
  wrongPrivateKey: string;
  hostKeyFingerprint: string;
  /** known_hosts with the server's host key. */
  knownHostsFile: string;
  /** Folder holding the server's private /etc/docker, /var/lib/docker, /run and /root (a machine's: /home, /usr/local and /var/log too). */
  rootDir: string;
  /** The server's /var/run/docker.sock, as seen from this machine (a machine's exists once a provisioner started dockerd). */
  engineSocket: string;
  sshdPidfile: string;
  sshdLogFile: string;
  sshdConfig: string;
}

export interface SshState extends SshServerState {
  enginePidfile: string;
  engineLogFile: string;
}

export interface MachineState extends SshServerState {
  index: number;
  /** Logs in with the lab key too, but has neither root nor sudo. */
  nonRootUser: string;
  /** root's ~/.ssh/authorized_keys inside the machine, as seen from this machine (reset keeps only the lab key). */
  authorizedKeysPath: string;
  /** The non-root user's ~/.ssh/authorized_keys, as seen from this machine. */
  nonRootAuthorizedKeysPath: string;
  /** Bound over the machine's /usr/lib/os-release (so /etc/os-release too). Write it in place (same inode). */
  osReleasePath: string;
  /** The machine's /etc/docker/daemon.json, as seen from this machine; seeded with lab-safe settings. */
  daemonJsonPath: string;
  /** cgroup parent in the seeded daemon.json: containers started there live under it. */
  cgroupParent: string;
}

export interface LabState {
  version: typeof STATE_VERSION;
  dir: string;
  subnet: string;
  gateway: string;
  bridge: string;
  image: string;
  imageTar: string;
  tls: TlsState;
  hosts: HostState[];
  registry: RegistryState;
  /** The bearer-token registry (absent in a state written before it existed, until the next `up`). */
  tokenRegistry?: TokenRegistryState;
  /** The ECR stand-in (absent in a state written before it existed, until the next `up`). */
  ecr?: EcrState;
  ssh: SshState;
  /** Bare machines for provisioning tests (lab-m1, lab-m2). */
  machines: MachineState[];
  /** OpenID Connect provider (absent in a state written before it existed, until the next `up`). */
  oidc?: OidcState;
  /** LDAP directory (absent in a state written before it existed, until the next `up`). */
  ldap?: LdapState;
  /** Git server (absent in a state written before it existed, until the next `up`). */
  git?: GitServerState;
  createdAt: string;
  updatedAt: string;
}

/** The lab directory: WHARF_LAB_DIR or /tmp/wharf-lab. Kept short because of unix socket path limits. */
export function labDir(): string {
  const dir = process.env.WHARF_LAB_DIR?.trim() || '/tmp/wharf-lab';
  if (!dir.startsWith('/')) throw new LabError('lab', `WHARF_LAB_DIR must be an absolute path (got ${dir})`);
  // Longest socket below it: <dir>/h30/run/containerd/containerd.sock.ttrpc; unix socket paths max out at 107 bytes.
  if (dir.length > 48) throw new LabError('lab', `WHARF_LAB_DIR is too long (${dir.length} > 48 characters): dockerd's sockets would exceed the unix socket path limit`);
  return dir.replace(/\/+$/, '');
}

export const statePath = (dir = labDir()) => join(dir, 'state.json');

export function hostAddress(index: number): string {
  return `10.99.0.${10 + index}`;
}

/** The fixed layout of host number `index` (1-based) under `dir`. */
export function hostLayout(dir: string, index: number): HostState {
  const d = join(dir, `h${index}`);
  const address = hostAddress(index);
  return {
    name: `lab-${index}`,
    index,
    netns: `wlab-h${index}`,
    veth: `wlab-h${index}`,
    address,
    socket: join(d, 'docker.sock'),
    dockerHost: `unix://${join(d, 'docker.sock')}`,
    tcp: { host: address, port: ENGINE_TCP_PORT },
    pidfile: join(d, 'docker.pid'),
    dataDir: join(d, 'data'),
    execRoot: join(d, 'run'),
    logFile: join(d, 'dockerd.log'),
    configFile: join(d, 'daemon.json'),
    cgroupParent: `/wharf-lab-h${index}`,
    serverCert: join(dir, 'tls', 'server', `lab-${index}-cert.pem`),
    serverKey: join(dir, 'tls', 'server', `lab-${index}-key.pem`),
  };
}

export function tlsLayout(dir: string): TlsState {
  const t = join(dir, 'tls');
  return {
    caCert: join(t, 'client', 'ca.pem'),
    clientCert: join(t, 'client', 'cert.pem'),
    clientKey: join(t, 'client', 'key.pem'),
    clientDir: join(t, 'client'),
    wrongCaCert: join(t, 'wrong-client', 'ca.pem'),
    wrongClientCert: join(t, 'wrong-client', 'cert.pem'),
    wrongClientKey: join(t, 'wrong-client', 'key.pem'),
    wrongClientDir: join(t, 'wrong-client'),
  };
}

export function registryLayout(dir: string, password: string): RegistryState {
  const r = join(dir, 'registry');
  return {
    url: `${GATEWAY}:${REGISTRY_PORT}`,
    host: GATEWAY,
    port: REGISTRY_PORT,
    username: 'wharf',
    password,
    pidfile: join(r, 'registry.pid'),
    logFile: join(r, 'registry.log'),
    configFile: join(r, 'config.yml'),
    dataDir: join(r, 'data'),
  };
}

/** The lab's SSH client key pair and a key no lab server accepts (in <dir>/ssh/keys). */
function labKeyPair(dir: string): Pick<SshServerState, 'privateKey' | 'publicKey' | 'wrongPrivateKey'> {
  const keys = join(dir, 'ssh', 'keys');
  return { privateKey: join(keys, 'id_ed25519'), publicKey: join(keys, 'id_ed25519.pub'), wrongPrivateKey: join(keys, 'wrong_id_ed25519') };
}

export function sshLayout(dir: string, hostKeyFingerprint = ''): SshState {
  const s = join(dir, 'ssh');
  return {
    name: SSH_NAME,
    netns: SSH_NETNS,
    veth: SSH_NETNS,
    host: SSH_ADDRESS,
    port: 22,
    user: 'root',
    ...labKeyPair(dir),
    hostKeyFingerprint,
    knownHostsFile: join(s, 'keys', 'known_hosts'),
    engineSocket: join(s, 'root', 'run', 'docker.sock'),
    enginePidfile: join(s, 'root', 'run', 'docker.pid'),
    engineLogFile: join(s, 'dockerd.log'),
    sshdPidfile: join(s, 'sshd.pid'),
    sshdLogFile: join(s, 'sshd.log'),
    sshdConfig: join(s, 'sshd_config'),
    rootDir: join(s, 'root'),
  };
}

export function machineAddress(index: number): string {
  return `10.99.0.${50 + index}`;
}

/** The fixed layout of bare machine number `index` (1-based) under `dir`; keys are the SSH host's. */
export function machineLayout(dir: string, index: number, hostKeyFingerprint = ''): MachineState {
  const m = join(dir, `m${index}`);
  const rootDir = join(m, 'root');
  return {
    name: `lab-m${index}`,
    index,
    netns: `wlab-m${index}`,
    veth: `wlab-m${index}`,
    host: machineAddress(index),
    port: 22,
    user: 'root',
    ...labKeyPair(dir),
    hostKeyFingerprint,
    knownHostsFile: join(m, 'keys', 'known_hosts'),
    nonRootUser: MACHINE_NON_ROOT_USER,
    rootDir,
    authorizedKeysPath: join(rootDir, 'root', '.ssh', 'authorized_keys'),
    nonRootAuthorizedKeysPath: join(rootDir, 'home', MACHINE_NON_ROOT_USER, '.ssh', 'authorized_keys'),
    osReleasePath: join(m, 'os-release'),
    daemonJsonPath: join(rootDir, 'etc-docker', 'daemon.json'),
    cgroupParent: `/wharf-lab-m${index}`,
    engineSocket: join(rootDir, 'run', 'docker.sock'),
    sshdPidfile: join(m, 'sshd.pid'),
    sshdLogFile: join(m, 'sshd.log'),
    sshdConfig: join(m, 'sshd_config'),
  };
}

export async function readLabState(dir = labDir()): Promise<LabState | null> {
  try {
    const parsed = JSON.parse(await fsp.readFile(statePath(dir), 'utf8')) as LabState;
    if (parsed?.version !== STATE_VERSION || !Array.isArray(parsed.hosts)) return null;
    return parsed;
  } catch {
    return null;
  }
}

export async function writeLabState(state: LabState): Promise<void> {
  const file = statePath(state.dir);
  await fsp.mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fsp.writeFile(tmp, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
  await fsp.rename(tmp, file);
}

/** Lock file beside (not inside) the lab dir, so `down` can delete the dir while holding it. */
const lockPath = (dir: string) => `${dir}.lock`;

/** Runs fn while holding the lab lock (one up/down at a time); waits up to timeoutMs for another holder. */
export async function withLabLock<T>(dir: string, fn: () => Promise<T>, timeoutMs = 15 * 60_000): Promise<T> {
  const path = lockPath(dir);
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  while (!(await tryLockFile(path))) {
    const holder = readPidfile(path);
    if (!holder || !isProcessAlive(holder) || holder === process.pid) {
      // Stale lock (holder died, or empty file from a crash between open and write).
      if (holder === process.pid) throw new LabError('lab', 'lab lock is already held by this process (nested up/down)');
      const st = await fsp.stat(path).catch(() => null);
      if (!holder && st && Date.now() - st.mtimeMs < 5_000) {
        await sleep(200);
        continue;
      }
      await fsp.rm(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new LabError('lab', `another lab command (pid ${holder}) holds ${path}`);
    if (!announced) {
      process.stderr.write(`[lab] waiting for another lab command (pid ${holder}) to finish\n`);
      announced = true;
    }
    await sleep(500);
  }
  try {
    return await fn();
  } finally {
    if (readPidfile(path) === process.pid) await fsp.rm(path, { force: true });
  }
}

export function assertRoot(what: string): void {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new LabError(
      'lab',
      `"${what}" must run as root: the lab creates network namespaces, a bridge and several dockerd processes. ` +
        'Run it as root (e.g. `sudo -E npm run lab -- ' + what + '`).',
    );
  }
}
