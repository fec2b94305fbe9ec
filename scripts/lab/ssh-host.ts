// Lab SSH host: sshd + its own dockerd in namespace wlab-ssh (10.99.0.50) inside a private mount namespace with private /etc/docker, /var/lib/docker, /run, /root.
import { connect } from 'node:net';
import { existsSync, promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SshState } from './state.ts';
import { GATEWAY, REGISTRY_PORT, SSH_NAME } from './state.ts';
import { netnsId, netnsPath } from './network.ts';
import { clearStaleEngineFiles, engineRunning, stopDockerd, waitEngineReady } from './engines.ts';
import { dockerPing } from './http.ts';
import { LabError, childEnv, descendantsOf, livePid, namespaceOf, pidsInNamespace, processArgv, progress, run, spawnDetached, tailFile, terminate, waitFor } from './run.ts';

/** Fixed-content wrapper run by `unshare --mount --propagation private --uts`: private mounts, hostname, then sshd. */
const SSH_NS_WRAPPER = `#!/bin/sh
# Wharf lab SSH host. Runs in a fresh (private) mount namespace and UTS namespace.
# $1: folder with etc-docker, var-lib-docker, run, root; $2: hostname; $3: sshd_config.
# Binds those folders over /etc/docker, /var/lib/docker, /root and /run (so /var/run too), then runs sshd.
set -eu
R="$1"
hostname "$2"
[ -d /etc/docker ] || mkdir -p /etc/docker
[ -d /var/lib/docker ] || mkdir -p /var/lib/docker
mount --bind "$R/etc-docker" /etc/docker
mount --bind "$R/var-lib-docker" /var/lib/docker
mount --bind "$R/root" /root
mount --bind "$R/run" /run
mkdir -p /run/sshd
chmod 0755 /run/sshd
exec /usr/sbin/sshd -D -e -f "$3"
`;

function sshDir(s: SshState): string {
  return dirname(s.sshdConfig);
}

function hostKeyPath(s: SshState): string {
  return join(sshDir(s), 'keys', 'ssh_host_ed25519_key');
}

function authorizedKeysPath(s: SshState): string {
  return join(sshDir(s), 'keys', 'authorized_keys');
}

/** An sshd_config for a lab SSH host or machine: key-only logins, no PAM, sftp. */
export function labSshdConfig(o: { title: string; listen: string; hostKey: string; pidFile: string; authorizedKeysFile: string }): string {
  return [
    `# ${o.title}`,
    `ListenAddress ${o.listen}`,
    `HostKey ${o.hostKey}`,
    `PidFile ${o.pidFile}`,
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    `AuthorizedKeysFile ${o.authorizedKeysFile}`,
    'UsePAM no',
    'StrictModes no',
    'PrintMotd no',
    'UseDNS no',
    'MaxStartups 100:30:200',
    'MaxSessions 100',
    'LogLevel INFO',
    'Subsystem sftp internal-sftp',
    '',
  ].join('\n');
}

function sshdConfig(s: SshState): string {
  return labSshdConfig({
    title: 'Wharf lab SSH host (written by scripts/lab/ssh-host.ts)',
    listen: `${s.host}:${s.port}`,
    hostKey: hostKeyPath(s),
    pidFile: s.sshdPidfile,
    authorizedKeysFile: authorizedKeysPath(s),
  });
}

export const SSH_CGROUP_PARENT = '/wharf-lab-ssh';

/** The SSH host engine's daemon.json (in its private /etc/docker); written only when missing. */
const SSH_DAEMON_JSON = JSON.stringify(
  {
    iptables: false,
    'insecure-registries': [`${GATEWAY}:${REGISTRY_PORT}`],
    'cgroup-parent': SSH_CGROUP_PARENT,
    'shutdown-timeout': 3,
  },
  null,
  2,
) + '\n';

/** A fresh passphrase-less ed25519 key pair at path (and path.pub). */
export async function keygen(path: string, comment: string): Promise<void> {
  await fsp.rm(path, { force: true });
  await fsp.rm(`${path}.pub`, { force: true });
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
  await fsp.chmod(path, 0o600);
}

/** Host key, authorized and unauthorized client keys, authorized_keys, known_hosts; returns the host key fingerprint. */
async function ensureKeys(s: SshState): Promise<string> {
  await fsp.mkdir(join(sshDir(s), 'keys'), { recursive: true, mode: 0o700 });
  const hostKey = hostKeyPath(s);
  if (!existsSync(hostKey) || !existsSync(`${hostKey}.pub`)) await keygen(hostKey, SSH_NAME);
  if (!existsSync(s.privateKey) || !existsSync(s.publicKey)) await keygen(s.privateKey, 'wharf-lab-client');
  if (!existsSync(s.wrongPrivateKey)) await keygen(s.wrongPrivateKey, 'wharf-lab-unauthorized');
  const pub = (await fsp.readFile(s.publicKey, 'utf8')).trim();
  await fsp.writeFile(authorizedKeysPath(s), pub + '\n', { mode: 0o600 });
  const hostPub = (await fsp.readFile(`${hostKey}.pub`, 'utf8')).trim().split(/\s+/).slice(0, 2).join(' ');
  await fsp.writeFile(s.knownHostsFile, `${s.host} ${hostPub}\n`);
  const fp = (await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKey}.pub`])).stdout.trim().split(/\s+/)[1];
  if (!fp?.startsWith('SHA256:')) throw new LabError('ssh', `cannot read the host key fingerprint of ${hostKey}.pub`);
  return fp;
}

export function sshdPid(s: SshState): number | null {
  return livePid(s.sshdPidfile, 'sshd');
}

/** True when something at host:port answers with an SSH banner. */
export function sshBanner(host: string, port: number, timeoutMs = 3_000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      sock.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    sock.once('data', (d: Buffer) => done(d.toString().startsWith('SSH-')));
    sock.once('error', () => done(false));
    sock.once('close', () => done(false));
  });
}

/** Common ssh client options: no user config, key only, batch mode, bounded connect time. */
export function sshArgs(s: SshState, key: string, strictHostKey = true): string[] {
  return [
    '-F', '/dev/null',
    '-i', key,
    '-o', 'IdentitiesOnly=yes',
    '-o', 'BatchMode=yes',
    '-o', 'ConnectTimeout=5',
    '-o', 'LogLevel=ERROR',
    '-o', strictHostKey ? 'StrictHostKeyChecking=yes' : 'StrictHostKeyChecking=no',
    '-o', `UserKnownHostsFile=${strictHostKey ? s.knownHostsFile : '/dev/null'}`,
    '-p', String(s.port),
    `${s.user}@${s.host}`,
  ];
}

/**
 * Kills every process of the SSH host: whatever is in its network namespace or in the mount namespace of its sshd
 * or dockerd (sshd, dockerd, containerd, shims), plus their descendants (containers).
 */
export async function killSshNamespaceProcesses(s: SshState): Promise<void> {
  const pids = new Set<number>();
  const id = netnsId(s.netns);
  if (id) for (const p of await pidsInNamespace('net', id)) pids.add(p);
  for (const anchor of [sshdPid(s), engineRunning(s.enginePidfile)]) {
    if (!anchor) continue;
    pids.add(anchor);
    const mnt = namespaceOf(anchor, 'mnt');
    if (mnt && mnt !== namespaceOf(process.pid, 'mnt')) for (const p of await pidsInNamespace('mnt', mnt)) pids.add(p);
  }
  for (const p of await descendantsOf([...pids])) pids.add(p);
  pids.delete(process.pid);
  await Promise.all([...pids].map((p) => terminate(p, 10_000, 5_000)));
}

/** Starts sshd in its namespaces unless it is alive and answering. */
async function ensureSshd(dir: string, s: SshState): Promise<number> {
  const pid = sshdPid(s);
  if (pid && (await sshBanner(s.host, s.port))) return pid;
  if (pid || engineRunning(s.enginePidfile)) {
    progress('ssh host: sshd is not healthy, restarting the SSH host');
    await killSshNamespaceProcesses(s);
  }
  await fsp.rm(s.sshdPidfile, { force: true });
  await clearStaleEngineFiles(s.enginePidfile, s.engineSocket);
  for (const d of ['etc-docker', 'var-lib-docker', 'run', 'root']) await fsp.mkdir(join(s.rootDir, d), { recursive: true, mode: 0o755 });
  await fsp.chmod(join(s.rootDir, 'root'), 0o700);
  const daemonJson = join(s.rootDir, 'etc-docker', 'daemon.json');
  if (!existsSync(daemonJson)) await fsp.writeFile(daemonJson, SSH_DAEMON_JSON);
  await fsp.writeFile(s.sshdConfig, sshdConfig(s));
  const wrapper = join(dir, 'bin', 'ssh-host-ns.sh');
  await fsp.mkdir(dirname(wrapper), { recursive: true });
  await fsp.writeFile(wrapper, SSH_NS_WRAPPER, { mode: 0o755 });

  await fsp.appendFile(s.sshdLogFile, `\n=== wharf lab: starting sshd at ${new Date().toISOString()} ===\n`);
  const newPid = spawnDetached(
    'nsenter',
    [`--net=${netnsPath(s.netns)}`, '--', 'unshare', '--mount', '--propagation', 'private', '--uts', '--', '/bin/sh', wrapper, s.rootDir, s.name, s.sshdConfig],
    s.sshdLogFile,
  );
  try {
    await waitFor(
      `sshd on ${s.host}:${s.port}`,
      async () => {
        if (livePid(s.sshdPidfile, 'sshd') === newPid && (await sshBanner(s.host, s.port, 1_000))) return true;
        if (processArgv(newPid) === null) throw new Error(`sshd (pid ${newPid}) exited`);
        return false;
      },
      20_000,
      100,
    );
  } catch (e) {
    throw new LabError('ssh', (e as Error).message, tailFile(s.sshdLogFile, 30));
  }
  return newPid;
}

/** Starts the SSH host's dockerd inside sshd's namespaces (default socket /var/run/docker.sock there). */
export async function startSshEngine(s: SshState): Promise<void> {
  const spid = sshdPid(s);
  if (!spid) throw new LabError('engine lab-ssh', 'sshd of the SSH host is not running (run `npm run lab -- up`)');
  await clearStaleEngineFiles(s.enginePidfile, s.engineSocket);
  await fsp.appendFile(s.engineLogFile, `\n=== wharf lab: starting dockerd for ${s.name} at ${new Date().toISOString()} ===\n`);
  const pid = spawnDetached('nsenter', ['-t', String(spid), '--mount', '--net', '--uts', '--', 'dockerd'], s.engineLogFile, childEnv());
  await waitEngineReady('engine lab-ssh', s.engineSocket, pid, s.engineLogFile);
}

export async function stopSshEngine(s: SshState): Promise<void> {
  await stopDockerd('engine lab-ssh', s.enginePidfile, s.engineSocket, { execRoot: join(s.rootDir, 'run', 'docker'), cgroupParent: SSH_CGROUP_PARENT });
}

async function ensureSshEngine(s: SshState): Promise<void> {
  const pid = engineRunning(s.enginePidfile);
  if (pid && (await dockerPing(s.engineSocket))) return;
  if (pid) {
    try {
      await waitEngineReady('engine lab-ssh', s.engineSocket, pid, s.engineLogFile, 30_000);
      return;
    } catch {
      progress('lab-ssh: dockerd does not answer, restarting it');
      await stopSshEngine(s);
    }
  }
  await startSshEngine(s);
}

/** A cheap fingerprint of a folder tree (names, sizes, modes, mtimes) to prove it was not touched. */
export async function snapshotTree(root: string): Promise<string> {
  const out: string[] = [];
  async function walk(p: string): Promise<void> {
    let st;
    try {
      st = await fsp.lstat(p);
    } catch {
      out.push(`${p} missing`);
      return;
    }
    out.push(`${p} ${st.mode} ${st.size} ${st.mtimeMs}`);
    if (st.isDirectory()) for (const n of (await fsp.readdir(p)).sort()) await walk(join(p, n));
  }
  await walk(root);
  return out.join('\n');
}

/**
 * Proves the SSH host works: the authorized key runs `docker info` there (name lab-ssh) and `docker system dial-stdio`
 * reaches its engine, the wrong key is refused, and a write to /etc/docker over SSH lands in the private folder.
 */
export async function verifySshHost(s: SshState): Promise<void> {
  const fail = (msg: string): never => {
    throw new LabError('ssh', msg, tailFile(s.sshdLogFile, 20));
  };
  const info = await run('ssh', [...sshArgs(s, s.privateKey), "docker info --format '{{.Name}}'"], { allowFail: true, timeoutMs: 30_000 });
  if (info.code !== 0 || info.stdout.trim() !== s.name) fail(`ssh docker info gave exit ${info.code}, "${info.stdout.trim()}" ${info.stderr.trim()}`);

  const dial = await run('ssh', [...sshArgs(s, s.privateKey), 'docker system dial-stdio'], {
    allowFail: true,
    timeoutMs: 30_000,
    input: 'GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n',
  });
  if (!/^HTTP\/1\.[01] 200/.test(dial.stdout) || !dial.stdout.trimEnd().endsWith('OK')) fail(`docker system dial-stdio over ssh did not answer /_ping: exit ${dial.code} ${dial.stdout.slice(0, 200)} ${dial.stderr.trim()}`);

  const wrong = await run('ssh', [...sshArgs(s, s.wrongPrivateKey), 'true'], { allowFail: true, timeoutMs: 30_000 });
  if (wrong.code === 0) fail('the unauthorized key was accepted');

  const probe = '.wharf-lab-probe';
  const write = await run('ssh', [...sshArgs(s, s.privateKey), `touch /etc/docker/${probe}`], { allowFail: true, timeoutMs: 30_000 });
  const landed = existsSync(join(s.rootDir, 'etc-docker', probe));
  const leaked = existsSync(join('/etc/docker', probe));
  await fsp.rm(join(s.rootDir, 'etc-docker', probe), { force: true });
  if (leaked) {
    await fsp.rm(join('/etc/docker', probe), { force: true });
    fail('a file written to /etc/docker over SSH appeared in this machine\'s /etc/docker: the mount namespace is not private');
  }
  if (write.code !== 0 || !landed) fail(`writing /etc/docker over SSH did not land in ${join(s.rootDir, 'etc-docker')} (exit ${write.code} ${write.stderr.trim()})`);
}

/** Creates or repairs the SSH host (keys, sshd, engine) and returns its state with the host key fingerprint. */
export async function ensureSshHost(dir: string, s: SshState): Promise<SshState> {
  const fingerprint = await ensureKeys(s);
  const state = { ...s, hostKeyFingerprint: fingerprint };
  await ensureSshd(dir, state);
  await ensureSshEngine(state);
  return state;
}

