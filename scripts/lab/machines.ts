// Lab bare machines (lab-m1, lab-m2): sshd only, each in its own network, mount and UTS namespace with private
// /etc/docker, /var/lib/docker, /run, /root, /home, /usr/local, /var/log and os-release, for provisioning tests.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import type { MachineState } from './state.ts';
import { GATEWAY, MACHINE_NON_ROOT_USER, REGISTRY_PORT } from './state.ts';
import { netnsId, netnsPath } from './network.ts';
import { ensureHostKey, labSshdConfig, probeWrittenOverSsh, sshArgs, sshBanner, sshdNamespaceWrapper, startNamespacedSshd } from './ssh-host.ts';
import { tcpOpen } from './http.ts';
import {
  unmountBelow,
  LabError,
  childEnv,
  descendantsOf,
  isProcessAlive,
  livePid,
  namespaceOf,
  pidsInCgroup,
  pidsInNamespace,
  processArgv,
  progress,
  readPidfile,
  removeCgroup,
  run,
  sleep,
  tailFile,
  tryLockFile,
  waitFor,
} from './run.ts';

/** $1: folder with etc-docker, var-lib-docker, run, root, home, usr-local, var-log; $2: os-release file; $3: hostname; $4: sshd_config. */
const MACHINE_NS_WRAPPER = sshdNamespaceWrapper({
  comments: [
    'Wharf lab bare machine. Runs in a fresh (private) mount namespace and UTS namespace.',
    "Binds the machine's private folders over the paths a provisioner changes, so nothing it does reaches this machine.",
  ],
  hostname: '$3',
  binds: [
    ['$R/home', '/home'],
    ['$R/usr-local', '/usr/local'],
    ['$R/var-log', '/var/log'],
    ['$2', '/usr/lib/os-release'],
  ],
  sshdConfig: '$4',
});

/** Comment (GECOS) of the non-root account, so `down` deletes only the account the lab made. */
const NON_ROOT_GECOS = 'Wharf lab user without root or sudo';

/** Used when this machine has no /usr/lib/os-release to copy. */
const FALLBACK_OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
`;

const PRIVATE_DIRS: Array<[string, number]> = [
  ['etc-docker', 0o755],
  ['var-lib-docker', 0o710],
  ['run', 0o755],
  ['root', 0o700],
  ['home', 0o755],
  ['usr-local', 0o755],
  ['var-log', 0o755],
];

const USR_LOCAL_SKELETON = ['bin', 'etc', 'games', 'include', 'lib', 'man', 'sbin', 'share', 'src'];

const machineDir = (m: MachineState) => dirname(m.sshdConfig);
const hostKeyPath = (m: MachineState) => join(machineDir(m), 'keys', 'ssh_host_ed25519_key');
const wrapperPath = (dir: string) => join(dir, 'bin', 'machine-ns.sh');

/** The lab-safe daemon.json every machine starts with; a provisioner must keep these keys when it merges its own. */
export function machineDaemonJson(m: MachineState): string {
  return (
    JSON.stringify(
      {
        iptables: false,
        'cgroup-parent': m.cgroupParent,
        'insecure-registries': [`${GATEWAY}:${REGISTRY_PORT}`],
        'shutdown-timeout': 3,
      },
      null,
      2,
    ) + '\n'
  );
}

function seedOsRelease(): string {
  try {
    return readFileSync('/usr/lib/os-release', 'utf8');
  } catch {
    return FALLBACK_OS_RELEASE;
  }
}

function sshdConfig(m: MachineState): string {
  return labSshdConfig({
    title: `Wharf lab bare machine ${m.name} (written by scripts/lab/machines.ts)`,
    listen: `${m.host}:${m.port}`,
    hostKey: hostKeyPath(m),
    pidFile: m.sshdPidfile,
    // Inside the machine: its private /root and /home (like a real machine's).
    authorizedKeysFile: '.ssh/authorized_keys',
  });
}


/** The machine's own host key and a known_hosts line for it; returns its SHA256 fingerprint. */
async function ensureMachineHostKey(m: MachineState): Promise<string> {
  await fsp.mkdir(join(machineDir(m), 'keys'), { recursive: true, mode: 0o700 });
  return ensureHostKey(`machine ${m.name}`, hostKeyPath(m), m.name, m.host, m.knownHostsFile);
}

interface Account {
  uid: number;
  gid: number;
}

async function lookupAccount(user: string): Promise<(Account & { gecos: string }) | null> {
  const res = await run('getent', ['passwd', user], { allowFail: true });
  if (res.code !== 0) return null;
  const f = res.stdout.trim().split(':');
  return { uid: Number(f[2]), gid: Number(f[3]), gecos: f[4] ?? '' };
}

/**
 * The non-root account (same on every machine: they share /etc/passwd). Its password field is '*' (no password, not
 * "locked", so sshd lets it in with a key); it is in no group that sudoers names, and the machines have no sudo.
 */
export function ensureNonRootUser(): Promise<Account> {
  // Machines are made in parallel: one useradd at a time.
  const next = userQueue.then(makeNonRootUser, makeNonRootUser);
  userQueue = next.catch(() => undefined);
  return next;
}

let userQueue: Promise<unknown> = Promise.resolve();

async function makeNonRootUser(): Promise<Account> {
  let acct = await lookupAccount(MACHINE_NON_ROOT_USER);
  if (!acct) {
    progress(`machines: creating user ${MACHINE_NON_ROOT_USER} (no root, no sudo)`);
    await run('useradd', ['-M', '-U', '-d', `/home/${MACHINE_NON_ROOT_USER}`, '-s', '/bin/sh', '-c', NON_ROOT_GECOS, MACHINE_NON_ROOT_USER]);
    await run('usermod', ['-p', '*', MACHINE_NON_ROOT_USER]);
    acct = await lookupAccount(MACHINE_NON_ROOT_USER);
    if (!acct) throw new LabError('machines', `useradd did not create ${MACHINE_NON_ROOT_USER}`);
  }
  if (acct.uid === 0) throw new LabError('machines', `${MACHINE_NON_ROOT_USER} has uid 0: it must not be root`);
  return acct;
}

/** Deletes the non-root account, only when the lab made it. */
export async function removeNonRootUser(): Promise<void> {
  const acct = await lookupAccount(MACHINE_NON_ROOT_USER);
  if (!acct) return;
  if (acct.gecos !== NON_ROOT_GECOS) {
    progress(`not deleting user ${MACHINE_NON_ROOT_USER}: the lab did not create it`);
    return;
  }
  await run('userdel', [MACHINE_NON_ROOT_USER], { allowFail: true });
}

async function writeAuthorizedKeys(path: string, pub: string, owner: Account | null): Promise<void> {
  await fsp.mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await fsp.writeFile(path, pub.trim() + '\n', { mode: 0o600 });
  await fsp.chmod(path, 0o600);
  if (owner) {
    await fsp.chown(dirname(dirname(path)), owner.uid, owner.gid);
    await fsp.chown(dirname(path), owner.uid, owner.gid);
    await fsp.chown(path, owner.uid, owner.gid);
  }
}

/** Writes a file in place (same inode), as the machine sees it through a bind mount of that file. */
async function writeInPlace(path: string, content: string): Promise<void> {
  const fh = await fsp.open(path, existsSync(path) ? 'r+' : 'w', 0o644);
  try {
    await fh.truncate(0);
    await fh.write(content, 0, 'utf8');
  } finally {
    await fh.close();
  }
}

/** Creates the machine's private folders and seed files; with `fresh`, wipes them first (the machine must be stopped). */
async function seedMachine(m: MachineState, user: Account, fresh: boolean): Promise<void> {
  if (fresh) {
    await unmountBelow(m.rootDir);
    await fsp.rm(m.rootDir, { recursive: true, force: true, maxRetries: 3 });
  }
  await fsp.mkdir(m.rootDir, { recursive: true, mode: 0o755 });
  for (const [d, mode] of PRIVATE_DIRS) {
    const p = join(m.rootDir, d);
    if (!existsSync(p)) {
      await fsp.mkdir(p, { recursive: true });
      await fsp.chmod(p, mode);
    }
  }
  for (const d of USR_LOCAL_SKELETON) await fsp.mkdir(join(m.rootDir, 'usr-local', d), { recursive: true, mode: 0o755 });
  if (!existsSync(m.daemonJsonPath)) await fsp.writeFile(m.daemonJsonPath, machineDaemonJson(m));
  if (fresh || !existsSync(m.osReleasePath)) await writeInPlace(m.osReleasePath, seedOsRelease());
  const pub = await fsp.readFile(m.publicKey, 'utf8');
  if (!existsSync(m.authorizedKeysPath)) await writeAuthorizedKeys(m.authorizedKeysPath, pub, null);
  if (!existsSync(m.nonRootAuthorizedKeysPath)) await writeAuthorizedKeys(m.nonRootAuthorizedKeysPath, pub, user);
}


export function machineSshdPid(m: MachineState): number | null {
  return livePid(m.sshdPidfile, 'sshd');
}

/** Every process of the machine: its network namespace, the mount namespace of its sshd, their descendants, its cgroup. */
async function machinePids(m: MachineState, mntNs: string | null): Promise<number[]> {
  const pids = new Set<number>();
  const net = netnsId(m.netns);
  if (net) for (const p of await pidsInNamespace('net', net)) pids.add(p);
  if (mntNs && mntNs !== namespaceOf(process.pid, 'mnt')) for (const p of await pidsInNamespace('mnt', mntNs)) pids.add(p);
  for (const p of await descendantsOf([...pids])) pids.add(p);
  for (const p of await pidsInCgroup(m.cgroupParent)) pids.add(p);
  pids.delete(process.pid);
  return [...pids];
}

/**
 * SIGKILLs everything running on the machine (sshd, a dockerd a provisioner started and its supervisor, containerd,
 * shims, containers, listeners), again and again until nothing is left: a supervisor could restart dockerd between
 * two rounds. With its last process gone, the machine's mount namespace and every mount in it go too.
 */
export async function killMachineProcesses(m: MachineState): Promise<void> {
  const anchor = machineSshdPid(m);
  const mntNs = anchor ? namespaceOf(anchor, 'mnt') : null;
  for (let round = 0; round < 20; round++) {
    const pids = await machinePids(m, mntNs);
    if (pids.length === 0) return;
    for (const p of pids) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    await waitFor(`processes of ${m.name} to exit`, () => pids.every((p) => processArgv(p) === null), 10_000, 50).catch(() => {});
  }
  const left = await machinePids(m, mntNs);
  if (left.length) throw new LabError(`machine ${m.name}`, `processes ${left.join(', ')} survived SIGKILL`);
}

/** Starts the machine's sshd in fresh private namespaces and waits for its banner (the machine must be stopped). */
async function startMachineSshd(dir: string, m: MachineState): Promise<number> {
  const component = `machine ${m.name}`;
  if (!existsSync(netnsPath(m.netns))) throw new LabError(component, `network namespace ${m.netns} does not exist (run \`npm run lab -- up\`)`);
  await fsp.rm(m.sshdPidfile, { force: true });
  await fsp.writeFile(m.sshdConfig, sshdConfig(m));
  return startNamespacedSshd(component, m, { path: wrapperPath(dir), text: MACHINE_NS_WRAPPER, args: [m.rootDir, m.osReleasePath, m.name, m.sshdConfig] });
}

/**
 * Creates or repairs a machine: host key, the non-root account, private folders and seeds (only those missing, so an
 * `up` does not disturb a machine a test is using), and sshd (restarted, with everything else on the machine, only
 * when it is dead or does not answer). Returns the state with the host key fingerprint.
 */
export async function ensureMachine(dir: string, base: MachineState): Promise<MachineState> {
  const m = { ...base, hostKeyFingerprint: await ensureMachineHostKey(base) };
  const user = await ensureNonRootUser();
  await seedMachine(m, user, false);
  const pid = machineSshdPid(m);
  const healthy = pid !== null && namespaceOf(pid, 'net') === netnsId(m.netns) && (await sshBanner(m.host, m.port));
  if (!healthy) {
    if (pid) progress(`${m.name}: sshd is not healthy, restarting the machine`);
    await killMachineProcesses(m);
    await startMachineSshd(dir, m);
  }
  return m;
}

/**
 * Proves a machine is what tests expect: root logs in with the lab key and sees hostname lab-mN; the non-root user
 * logs in, is not uid 0 and cannot sudo; the wrong key is refused; a write to /usr/local lands in the private folder.
 */
export async function verifyMachine(m: MachineState): Promise<void> {
  const fail = (msg: string): never => {
    throw new LabError(`machine ${m.name}`, msg, tailFile(m.sshdLogFile, 20));
  };
  const probe = `.wharf-lab-probe-${process.pid}`;
  const [rootRes, userRes, wrongRes] = await Promise.all([
    run('ssh', [...sshArgs(m, m.privateKey), `hostname; id -u; touch /usr/local/${probe}`], { allowFail: true, timeoutMs: 30_000 }),
    run('ssh', [...sshArgs(m, m.privateKey, true, m.nonRootUser), 'id -u; if sudo -n true 2>/dev/null; then echo SUDO-WORKS; fi'], { allowFail: true, timeoutMs: 30_000 }),
    run('ssh', [...sshArgs(m, m.wrongPrivateKey), 'true'], { allowFail: true, timeoutMs: 30_000 }),
  ]);
  const { landed, leaked } = await probeWrittenOverSsh(join(m.rootDir, 'usr-local'), '/usr/local', probe);
  if (leaked) fail("a file written to /usr/local over SSH appeared in this machine's /usr/local: the mount namespace is not private");
  const [hostname, uid] = rootRes.stdout.trim().split('\n');
  if (rootRes.code !== 0 || hostname !== m.name || uid !== '0') fail(`ssh root@${m.host} gave exit ${rootRes.code}, "${rootRes.stdout.trim()}" ${rootRes.stderr.trim()}`);
  if (!landed) fail(`a write to /usr/local over SSH did not land in ${join(m.rootDir, 'usr-local')}`);
  const userOut = userRes.stdout.trim().split('\n');
  if (userRes.code !== 0 || !/^\d+$/.test(userOut[0] ?? '') || userOut[0] === '0') fail(`ssh ${m.nonRootUser}@${m.host} gave exit ${userRes.code}, "${userRes.stdout.trim()}" ${userRes.stderr.trim()}`);
  if (userOut.includes('SUDO-WORKS')) fail(`${m.nonRootUser} can sudo on ${m.name}: it must not`);
  if (wrongRes.code === 0) fail('the unauthorized key was accepted');
}

/**
 * Back to a bare machine: stops everything running there (a provisioned dockerd, its supervisor, containers,
 * listeners, sshd itself), wipes its private folders back to the seed (daemon.json, os-release, authorized_keys with
 * only the lab key) and starts sshd again (same address, same host key).
 */
export async function resetMachine(dir: string, m: MachineState): Promise<void> {
  await whileMachineBusy(m, async () => {
    await killMachineProcesses(m);
    // Its (empty) cgroup folders, e.g. /sys/fs/cgroup/<controller>/wharf-lab-m1/<container id>.
    await removeCgroup(m.cgroupParent);
    const user = await ensureNonRootUser();
    await seedMachine(m, user, true);
    await startMachineSshd(dir, m);
  });
}

/**
 * Runs fn while no other process resets or repairs the machine (a short lock: a reset takes well under a second).
 * `up` from another test run then waits for a reset in progress instead of "repairing" a machine whose sshd is
 * being restarted.
 */
export async function whileMachineBusy<T>(m: MachineState, fn: () => Promise<T>): Promise<T> {
  const release = await lockFile(join(machineDir(m), 'busy'), m, 120_000);
  try {
    return await fn();
  } finally {
    await release();
  }
}

/** Appends one OpenSSH public key line to root's authorized_keys on the machine (as cloud-init would). */
export async function authorizeMachineKey(m: MachineState, publicKeyLine: string): Promise<void> {
  const line = publicKeyLine.trim();
  if (!/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-[a-z0-9@.-]+) [A-Za-z0-9+/=]+( [^\r\n]*)?$/.test(line)) {
    throw new LabError(`machine ${m.name}`, 'authorizeLabMachineKey needs one OpenSSH public key line ("ssh-ed25519 AAAA... comment")');
  }
  const current = await fsp.readFile(m.authorizedKeysPath, 'utf8').catch(() => '');
  await fsp.mkdir(dirname(m.authorizedKeysPath), { recursive: true, mode: 0o700 });
  await fsp.writeFile(m.authorizedKeysPath, (current && !current.endsWith('\n') ? current + '\n' : current) + line + '\n', { mode: 0o600 });
}

/** Replaces the machine's os-release (in place, so the bind mount keeps showing it); reset restores the seed. */
export async function writeMachineOsRelease(m: MachineState, content: string): Promise<void> {
  await writeInPlace(m.osReleasePath, content);
}

/** A tiny TCP listener (fixed program, port in argv) to run inside a machine's network namespace. */
const LISTENER = `const net = require('node:net');
const server = net.createServer((c) => c.end());
server.listen(Number(process.argv[1]), '0.0.0.0', () => process.stdout.write('listening\\n'));
process.on('SIGTERM', () => process.exit(0));`;

/**
 * Holds a TCP port on a machine (all its addresses) with a listener that is not dockerd, started with nsenter in the
 * machine's network namespace. Returns a function that stops it.
 */
export async function occupyMachinePort(m: MachineState, port: number): Promise<() => Promise<void>> {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new LabError(`machine ${m.name}`, `bad port ${port}`);
  const env = childEnv();
  delete env.NODE_OPTIONS; // no loaders of the test runner in the listener
  const child = spawn('nsenter', [`--net=${netnsPath(m.netns)}`, '--', process.execPath, '-e', LISTENER, String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const release = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([exited, sleep(5_000).then(() => child.kill('SIGKILL'))]);
    await exited;
  };
  try {
    await waitFor(
      `a listener on ${m.host}:${port}`,
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the listener exited: ${output.trim()}`);
        return output.includes('listening') && (await tcpOpen(m.host, port, 1_000));
      },
      10_000,
      50,
    );
  } catch (e) {
    await release();
    throw new LabError(`machine ${m.name}`, (e as Error).message);
  }
  return release;
}

const heldLocks = new Map<string, number>();

/**
 * Holds a machine for one user of the lab (e.g. a test file): a second holder in another process waits until the
 * first releases it, or until the first process is gone. Re-entrant within a process. Returns the release function.
 */
export function lockMachine(m: MachineState, timeoutMs = 10 * 60_000): Promise<() => Promise<void>> {
  return lockFile(join(machineDir(m), 'lock'), m, timeoutMs);
}

async function lockFile(path: string, m: MachineState, timeoutMs: number): Promise<() => Promise<void>> {
  await fsp.mkdir(dirname(path), { recursive: true });
  const release = async () => {
    const n = (heldLocks.get(path) ?? 1) - 1;
    if (n > 0) return void heldLocks.set(path, n);
    heldLocks.delete(path);
    if (readPidfile(path) === process.pid) await fsp.rm(path, { force: true });
  };
  if (heldLocks.has(path)) {
    heldLocks.set(path, heldLocks.get(path)! + 1);
    return release;
  }
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  while (!(await tryLockFile(path))) {
    const holder = readPidfile(path);
    const st = await fsp.stat(path).catch(() => null);
    if ((!holder && st && Date.now() - st.mtimeMs > 5_000) || (holder && !isProcessAlive(holder)) || holder === process.pid) {
      await fsp.rm(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new LabError(`machine ${m.name}`, `another process (pid ${holder}) holds ${path}`);
    if (!announced) {
      progress(`${m.name}: waiting for pid ${holder}, which is using the machine`);
      announced = true;
    }
    await sleep(250);
  }
  heldLocks.set(path, 1);
  return release;
}
