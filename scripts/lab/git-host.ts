// The lab's git server: scripts/lab/git-server.ts (`git http-backend` from Debian's git behind a
// node HTTP server) run detached with a pidfile on 10.99.0.1:5010, serving the bare repositories in
// <labDir>/git/repos. Open at /<name>.git, and at /private/<name>.git with Basic credentials whose
// password is the token in the state. `up` seeds `app.git` (a compose file and the env file it
// names); tests make repositories of their own and push commits with the helpers below (git from
// argv, never a shell). The same repositories are served over SSH by the lab's SSH host
// (labGitSshUrl). Healthy = the seed repository's refs are advertised.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GitServerConfig } from './git-server.ts';
import { GATEWAY, type GitServerState, type SshServerState } from './state.ts';
import { httpRequest } from './http.ts';
import { LabError, livePid, progress, run, spawnDetached, tailFile, terminate, waitFor } from './run.ts';

const here = dirname(fileURLToPath(import.meta.url));
const SERVER_SCRIPT = join(here, 'git-server.ts');
const REGISTER = join(here, '..', 'node', 'register.mjs');
const BACKEND = '/usr/lib/git-core/git-http-backend';

export const GIT_SERVER_PORT = 5010;
export const GIT_SEED_REPO = 'app';

/** The seed repository's files: a stack of one busybox service reading the env file it names. */
export const GIT_SEED_FILES: Record<string, string> = {
  'deploy/compose.yml': `version: "3.8"\nservices:\n  web:\n    image: local/busybox:latest\n    command: ["sleep", "86400"]\n    env_file: [app.env]\n`,
  'deploy/app.env': 'GREETING=hello from git\n',
  'README.md': 'The Wharf lab test repository.\n',
};

async function keptToken(dir: string): Promise<string> {
  const file = join(dir, 'git', 'token');
  const text = await fsp.readFile(file, 'utf8').catch(() => null);
  if (text) return text.trim();
  const token = randomBytes(18).toString('base64url');
  await fsp.mkdir(dirname(file), { recursive: true });
  await fsp.writeFile(file, `${token}\n`, { mode: 0o600 });
  return token;
}

export async function gitServerLayout(dir: string): Promise<GitServerState> {
  const g = join(dir, 'git');
  return {
    url: `http://${GATEWAY}:${GIT_SERVER_PORT}`,
    host: GATEWAY,
    port: GIT_SERVER_PORT,
    root: join(g, 'repos'),
    token: await keptToken(dir),
    seedRepo: GIT_SEED_REPO,
    pidfile: join(g, 'git-server.pid'),
    logFile: join(g, 'git-server.log'),
    configFile: join(g, 'config.json'),
  };
}

export function gitServerPid(g: GitServerState): number | null {
  return livePid(g.pidfile, 'node');
}

export async function gitServerHealthy(g: GitServerState): Promise<boolean> {
  try {
    const res = await httpRequest({ host: g.host, port: g.port, path: `/${g.seedRepo}.git/info/refs?service=git-upload-pack`, timeoutMs: 3_000 });
    return res.status === 200 && res.body.includes('refs/heads/main');
  } catch {
    return false;
  }
}

export async function stopGitServer(g: GitServerState): Promise<void> {
  const pid = gitServerPid(g);
  if (pid && !(await terminate(pid, 10_000, 5_000))) throw new LabError('git', `git server (pid ${pid}) did not exit`);
  await fsp.rm(g.pidfile, { force: true });
}

const git = (args: string[], cwd?: string) =>
  run('git', ['-c', 'user.name=Wharf Lab', '-c', 'user.email=lab@wharf.lab', '-c', 'init.defaultBranch=main', '-c', 'safe.directory=*', ...args], { cwd, timeoutMs: 60_000 });

const repoPath = (g: GitServerState, name: string) => {
  if (!/^[a-z0-9][a-z0-9._-]{0,60}$/.test(name) || name.includes('..')) throw new LabError('git', `not a lab repository name: ${name}`);
  return join(g.root, `${name}.git`);
};

/** The URL Wharf fetches a lab repository from (`private`: the one that needs the token). */
export const labGitUrl = (g: GitServerState, name: string, opts: { private?: boolean } = {}) => `${g.url}${opts.private ? '/private' : ''}/${name}.git`;

/**
 * The SSH address of a lab repository: the lab's SSH host (lab-ssh) sees this machine's lab folder,
 * so its sshd serves the same bare repositories to `git-upload-pack` for the lab key (root's
 * authorized key there; `lab.ssh.wrongPrivateKey` is refused). `scp`: the user@host:path form.
 */
export const labGitSshUrl = (g: GitServerState, ssh: Pick<SshServerState, 'host' | 'port' | 'user'>, name: string, opts: { scp?: boolean } = {}) =>
  opts.scp ? `${ssh.user}@${ssh.host}:${repoPath(g, name)}` : `ssh://${ssh.user}@${ssh.host}:${ssh.port}${repoPath(g, name)}`;

/**
 * Commits `files` (path → content; null removes the file) on `branch` of a lab repository and
 * pushes it; with `tag`, tags that commit too (an annotated tag, a tag object of its own, with
 * `annotated`). Answers the commit's id.
 */
export async function pushLabGitCommit(g: GitServerState, name: string, files: Record<string, string | null>, opts: { branch?: string; message?: string; tag?: string; annotated?: boolean } = {}): Promise<string> {
  const branch = opts.branch ?? 'main';
  const bare = repoPath(g, name);
  const work = await fsp.mkdtemp(join(tmpdir(), 'wharf-lab-git-'));
  try {
    await git(['init', '-q', work]);
    await git(['fetch', '-q', bare, `+refs/heads/*:refs/remotes/origin/*`], work).catch(() => {});
    const has = await git(['rev-parse', '--verify', '-q', `refs/remotes/origin/${branch}`], work).then(() => true, () => false);
    if (has) await git(['checkout', '-q', '-B', branch, `refs/remotes/origin/${branch}`], work);
    else await git(['checkout', '-q', '--orphan', branch], work);
    for (const [path, content] of Object.entries(files)) {
      const target = join(work, path);
      if (!target.startsWith(`${work}/`)) throw new LabError('git', `path leaves the repository: ${path}`);
      if (content === null) await fsp.rm(target, { force: true });
      else {
        await fsp.mkdir(dirname(target), { recursive: true });
        await fsp.writeFile(target, content);
      }
    }
    await git(['add', '-A'], work);
    await git(['commit', '-q', '--allow-empty', '-m', opts.message ?? 'lab commit'], work);
    const commit = (await git(['rev-parse', 'HEAD'], work)).stdout.trim();
    await git(['push', '-q', bare, `HEAD:refs/heads/${branch}`], work);
    if (opts.tag && opts.annotated) {
      await git(['tag', '-f', '-a', '-m', `tag ${opts.tag}`, opts.tag], work);
      await git(['push', '-q', '-f', bare, `refs/tags/${opts.tag}:refs/tags/${opts.tag}`], work);
    } else if (opts.tag) await git(['push', '-q', '-f', bare, `HEAD:refs/tags/${opts.tag}`], work);
    return commit;
  } finally {
    await fsp.rm(work, { recursive: true, force: true });
  }
}

/** Makes (or empties and remakes) a bare lab repository holding `files` on main. Answers its first commit. */
export async function createLabGitRepo(g: GitServerState, name: string, files: Record<string, string>): Promise<string> {
  const bare = repoPath(g, name);
  await fsp.rm(bare, { recursive: true, force: true });
  await fsp.mkdir(g.root, { recursive: true });
  await git(['init', '-q', '--bare', bare]);
  await git(['config', 'http.receivepack', 'true'], bare);
  return pushLabGitCommit(g, name, files, { message: 'first commit' });
}

/** Starts the git server unless a healthy one runs with the current script; seeds app.git when missing. */
export async function ensureGitServer(dir: string): Promise<GitServerState> {
  const g = await gitServerLayout(dir);
  await fsp.mkdir(g.root, { recursive: true });
  const seeded = await fsp.stat(join(repoPath(g, g.seedRepo), 'HEAD')).then(() => true, () => false);
  if (!seeded) await createLabGitRepo(g, g.seedRepo, GIT_SEED_FILES);
  const script = createHash('sha256').update(await fsp.readFile(SERVER_SCRIPT)).digest('hex');
  const running = JSON.parse((await fsp.readFile(g.configFile, 'utf8').catch(() => null)) ?? '{}') as Partial<GitServerConfig> & { script?: string };
  if (gitServerPid(g) && running.script === script && running.token === g.token && (await gitServerHealthy(g))) return g;
  if (gitServerPid(g)) {
    progress(`git: pid ${gitServerPid(g)} is not current or not healthy, restarting it`);
    await stopGitServer(g);
  }
  const config: GitServerConfig = { host: g.host, port: g.port, root: g.root, token: g.token, backend: BACKEND };
  await fsp.writeFile(g.configFile, JSON.stringify({ ...config, script }, null, 2), { mode: 0o600 });
  await fsp.appendFile(g.logFile, `\n=== wharf lab: starting the git server at ${new Date().toISOString()} ===\n`);
  const pid = spawnDetached(process.execPath, ['--import', REGISTER, SERVER_SCRIPT, g.configFile], g.logFile);
  await fsp.writeFile(g.pidfile, `${pid}\n`);
  try {
    await waitFor(
      `git server at ${g.url}`,
      async () => {
        if (await gitServerHealthy(g)) return true;
        if (!gitServerPid(g)) throw new Error(`git server (pid ${pid}) exited`);
        return false;
      },
      30_000,
      200,
    );
  } catch (e) {
    throw new LabError('git', (e as Error).message, tailFile(g.logFile, 30));
  }
  return g;
}
