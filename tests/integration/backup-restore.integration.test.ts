// Backup and restore end to end, with the real commands: a console with an administrator and a
// host over TLS (its client key sealed) is backed up with `npm run backup`; its data folder and
// database are wiped; `npm run restore` puts the archive into a fresh data folder and an empty
// database; the console started there signs the administrator in over HTTP and reaches the host
// (the sealed key opens with the restored keys). A wrong passphrase and a second restore over the
// restored folder are refused with one sentence each.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readConfig } from '@/lib/config/env.ts';
import { pickFreePort } from '@/lib/net/ports.ts';
import { registerHostSchema } from '@/lib/schemas/hosts.ts';
import { registerHost } from '@/lib/services/hosts/register-host.ts';
import { startConsole, type RunningConsole } from '@/lib/runtime/start-console.ts';
import { buildIfStale } from '@/scripts/build.ts';
import { startConsoleUnderTest } from '../support/console-under-test.ts';
import { labState, readPem, seedUser } from '../support/integration.ts';
import { dropDatabase, projectRoot, withDatabase } from '../support/test-postgres.ts';
import { waitFor } from '../support/wait-for.ts';

const PASSPHRASE = 'a long backup passphrase';
const ADMIN = { username: 'restorer', password: 'restorer password 1' };
const SOURCE_DB = 'it_backup_source';
const TARGET_DB = 'it_backup_target';

const lab = labState();
let work: string;
let consoles: RunningConsole[] = [];

/** Runs `npm run <script> -- <args>` (what the npm script runs), returning its exit code and output. */
function npmScript(script: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', './scripts/node/register.mjs', `scripts/${script}.ts`, ...args], { cwd: projectRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

async function createEmptyDatabase(name: string): Promise<string> {
  await dropDatabase(inject('pgUrl'), name);
  const client = new pg.Client({ connectionString: withDatabase(inject('pgUrl'), 'postgres') });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  return withDatabase(inject('pgUrl'), name);
}

/** Signs in through next-auth's credentials callback, as the sign-in form does; the session cookie. */
async function signIn(url: string, account: { username: string; password: string }): Promise<string> {
  const csrfResponse = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = csrfResponse.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ ...account, csrfToken, json: 'true' }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith('wharf.session='));
  if (!session) throw new Error(`sign-in as ${account.username} answered ${response.status} without a session`);
  return session.split(';')[0];
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'wharf-backup-'));
  // The consoles below start from the production build: made here when the sources changed.
  await buildIfStale();
}, 20 * 60_000);

afterAll(async () => {
  for (const running of consoles) await running.stop().catch(() => {});
  await dropDatabase(inject('pgUrl'), SOURCE_DB);
  await dropDatabase(inject('pgUrl'), TARGET_DB);
  if (work) await rm(work, { recursive: true, force: true });
});

describe('npm run backup and npm run restore', () => {
  it('bring a wiped console back with its administrator and its TLS host reachable', async () => {
    const sourceDir = path.join(work, 'source-data');
    const archive = path.join(work, 'wharf.backup');
    const source = await startConsoleUnderTest({ port: await pickFreePort(), database: SOURCE_DB, dataDir: sourceDir, databaseUrl: await createEmptyDatabase(SOURCE_DB), log: () => {} });
    consoles.push(source);
    const admin = await seedUser(source.runtime.db, 'admin', ADMIN.username, ADMIN.password);
    const tls = { ca: readPem(lab.tls.caCert), cert: readPem(lab.tls.clientCert), key: readPem(lab.tls.clientKey) };
    const h1 = lab.hosts[0];
    await registerHost(source.runtime, admin.actor, registerHostSchema.parse({ name: 'tls-lab-1', transport: 'tcp', host: h1.tcp.host, port: h1.tcp.port, ...tls }));

    const backup = await npmScript('backup', [archive], { DATABASE_URL: source.databaseUrl, WHARF_DATA_DIR: sourceDir, WHARF_BACKUP_PASSPHRASE: PASSPHRASE });
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(statSync(archive).mode & 0o777).toBe(0o600);

    // Wiped: the console stopped, its data folder and its database gone.
    await source.stop();
    consoles = [];
    await rm(sourceDir, { recursive: true, force: true });
    await dropDatabase(inject('pgUrl'), SOURCE_DB);

    const targetDir = path.join(work, 'target-data');
    const targetUrl = await createEmptyDatabase(TARGET_DB);
    const restoreEnv = { DATABASE_URL: targetUrl, WHARF_DATA_DIR: targetDir, WHARF_BACKUP_PASSPHRASE: PASSPHRASE };
    const wrong = await npmScript('restore', [archive], { ...restoreEnv, WHARF_BACKUP_PASSPHRASE: 'not the passphrase it had' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim()).toBe('The passphrase does not open this archive (or the file was changed since it was written).');
    expect(existsSync(path.join(targetDir, 'secret-keys.json'))).toBe(false);

    const restore = await npmScript('restore', [archive], restoreEnv);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    const again = await npmScript('restore', [archive], restoreEnv);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toMatch(/secret-keys\.json already exists: restore into a fresh data folder/);

    const port = await pickFreePort();
    const restored = await startConsole(readConfig({ ...process.env, DATABASE_URL: targetUrl, WHARF_DATA_DIR: targetDir, PORT: String(port), HOST: '127.0.0.1', WHARF_LOCAL_ENGINE: 'off', NODE_ENV: 'production' }), { projectDir: projectRoot, log: () => {} });
    consoles.push(restored);
    const cookie = await signIn(restored.url, ADMIN);
    const host = await waitFor(
      async () => {
        const hosts = (await (await fetch(`${restored.url}/api/hosts`, { headers: { cookie } })).json()) as { name: string; status: string }[];
        return hosts.find((h) => h.name === 'tls-lab-1' && h.status === 'up');
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'the restored TLS host to be up' },
    );
    expect(host.status).toBe('up');
  }, 5 * 60_000);
});
