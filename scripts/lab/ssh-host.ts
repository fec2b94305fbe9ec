// Lab SSH host: sshd + its own dockerd in namespace wlab-ssh (10.99.0.50) inside a private mount namespace with private /etc/docker, /var/lib/docker, /run, /root.
import { existsSync, promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SshServerState, SshState } from './state.ts';
import { GATEWAY, REGISTRY_PORT, SSH_NAME } from './state.ts';
import { netnsId, netnsPath } from './network.ts';
import { clearStaleEngineFiles, engineRunning, stopDockerd, waitEngineReady } from './engines.ts';
import { dockerPing, probeTcp } from './http.ts';
import { LabError, childEnv, descendantsOf, livePid, namespaceOf, pidsInNamespace, processArgv, progress, run, spawnDetached, tailFile, terminate, waitFor } from './run.ts';

/**
 * The fixed-content wrapper that `unshare --mount --propagation private --uts` runs for a lab SSH server (the SSH host,
 * a bare machine): hostname, the server's private folders (under "$R", its first argument) bound over /etc/docker,
 * /var/lib/docker, /root, any `binds`, then /run (so /var/run too), then sshd.
 */
export function sshdNamespaceWrapper(o: { comments: string[]; hostname: string; binds: [from: string, to: string][]; sshdConfig: string }): string {
  return [
    '#!/bin/sh',
    ...o.comments.map((c) => `# ${c}`),
    'set -eu',
    'R="$1"',
    `hostname "${o.hostname}"`,
    '[ -d /etc/docker ] || mkdir -p /etc/docker',
    '[ -d /var/lib/docker ] || mkdir -p /var/lib/docker',
    'mount --bind "$R/etc-docker" /etc/docker',
    'mount --bind "$R/var-lib-docker" /var/lib/docker',
    'mount --bind "$R/root" /root',
    ...o.binds.map(([from, to]) => `mount --bind "${from}" ${to}`),
    'mount --bind "$R/run" /run',
    'mkdir -p /run/sshd',
    'chmod 0755 /run/sshd',
    `exec /usr/sbin/sshd -D -e -f "${o.sshdConfig}"`,
    '',
  ].join('\n');
}

const SSH_NS_WRAPPER = sshdNamespaceWrapper({
  comments: [
    'Wharf lab SSH host. Runs in a fresh (private) mount namespace and UTS namespace.',
    '$1: folder with etc-docker, var-lib-docker, run, root; $2: hostname; $3: sshd_config.',
    'Binds those folders over /etc/docker, /var/lib/docker, /root and /run (so /var/run too), then runs sshd.',
  ],
  hostname: '$2',
  binds: [],
  sshdConfig: '$3',
});

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

/** A server's host key at `keyPath` (made when missing) and a known_hosts file naming it for `host`; returns its SHA256 fingerprint. */
export async function ensureHostKey(component: string, keyPath: string, comment: string, host: string, knownHostsFile: string): Promise<string> {
  if (!existsSync(keyPath) || !existsSync(`${keyPath}.pub`)) await keygen(keyPath, comment);
  const pub = (await fsp.readFile(`${keyPath}.pub`, 'utf8')).trim().split(/\s+/).slice(0, 2).join(' ');
  const line = `${host} ${pub}\n`;
  if ((await fsp.readFile(knownHostsFile, 'utf8').catch(() => '')) !== line) await fsp.writeFile(knownHostsFile, line);
  const fp = (await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${keyPath}.pub`])).stdout.trim().split(/\s+/)[1];
  if (!fp?.startsWith('SHA256:')) throw new LabError(component, `cannot read the host key fingerprint of ${keyPath}.pub`);
  return fp;
}

/** Host key, authorized and unauthorized client keys, authorized_keys, known_hosts; returns the host key fingerprint. */
async function ensureKeys(s: SshState): Promise<string> {
  await fsp.mkdir(join(sshDir(s), 'keys'), { recursive: true, mode: 0o700 });
  if (!existsSync(s.privateKey) || !existsSync(s.publicKey)) await keygen(s.privateKey, 'wharf-lab-client');
  if (!existsSync(s.wrongPrivateKey)) await keygen(s.wrongPrivateKey, 'wharf-lab-unauthorized');
  const pub = (await fsp.readFile(s.publicKey, 'utf8')).trim();
  await fsp.writeFile(authorizedKeysPath(s), pub + '\n', { mode: 0o600 });
  return ensureHostKey('ssh', hostKeyPath(s), SSH_NAME, s.host, s.knownHostsFile);
}

export function sshdPid(s: SshState): number | null {
  return livePid(s.sshdPidfile, 'sshd');
}

/** True when something at host:port answers with an SSH banner. */
export function sshBanner(host: string, port: number, timeoutMs = 3_000): Promise<boolean> {
  return probeTcp(host, port, timeoutMs, (sock, done) => {
    sock.once('data', (d: Buffer) => done(d.toString().startsWith('SSH-')));
    sock.once('close', () => done(false));
  });
}

/** ssh client arguments for a lab SSH server: no user config, key only, batch mode, bounded connect time, its known_hosts (unless `strictHostKey` is false). */
export function sshArgs(s: Pick<SshServerState, 'host' | 'port' | 'user' | 'knownHostsFile'>, key: string, strictHostKey = true, user = s.user): string[] {
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
    `${user}@${s.host}`,
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
  return startNamespacedSshd('ssh', s, { path: join(dir, 'bin', 'ssh-host-ns.sh'), text: SSH_NS_WRAPPER, args: [s.rootDir, s.name, s.sshdConfig] });
}

/**
 * Starts a lab SSH server's sshd, detached: in its network namespace, `unshare --mount --propagation private --uts`
 * runs the wrapper (written first when it differs) with `args`. Waits for the server's SSH banner.
 */
export async function startNamespacedSshd(component: string, s: SshServerState, wrapper: { path: string; text: string; args: string[] }): Promise<number> {
  await fsp.mkdir(dirname(wrapper.path), { recursive: true });
  if ((await fsp.readFile(wrapper.path, 'utf8').catch(() => '')) !== wrapper.text) await fsp.writeFile(wrapper.path, wrapper.text, { mode: 0o755 });
  await fsp.appendFile(s.sshdLogFile, `\n=== wharf lab: starting sshd for ${s.name} at ${new Date().toISOString()} ===\n`);
  const pid = spawnDetached(
    'nsenter',
    [`--net=${netnsPath(s.netns)}`, '--', 'unshare', '--mount', '--propagation', 'private', '--uts', '--', '/bin/sh', wrapper.path, ...wrapper.args],
    s.sshdLogFile,
  );
  try {
    await waitFor(
      `sshd of ${s.name} on ${s.host}:${s.port}`,
      async () => {
        if (livePid(s.sshdPidfile, 'sshd') === pid && (await sshBanner(s.host, s.port, 1_000))) return true;
        if (processArgv(pid) === null) throw new Error(`sshd (pid ${pid}) exited`);
        return false;
      },
      20_000,
      50,
    );
  } catch (e) {
    throw new LabError(component, (e as Error).message, tailFile(s.sshdLogFile, 30));
  }
  return pid;
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
 * Where a file a test wrote over SSH to `dir` (inside a lab server) went: into the server's private folder for it
 * (`privateDir`), or into this machine's own `dir` (the mount namespace leaked). Removes it from both.
 */
export async function probeWrittenOverSsh(privateDir: string, dir: string, probe: string): Promise<{ landed: boolean; leaked: boolean }> {
  const landed = existsSync(join(privateDir, probe));
  const leaked = existsSync(join(dir, probe));
  await fsp.rm(join(privateDir, probe), { force: true });
  if (leaked) await fsp.rm(join(dir, probe), { force: true });
  return { landed, leaked };
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
  const { landed, leaked } = await probeWrittenOverSsh(join(s.rootDir, 'etc-docker'), '/etc/docker', probe);
  if (leaked) fail('a file written to /etc/docker over SSH appeared in this machine\'s /etc/docker: the mount namespace is not private');
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

