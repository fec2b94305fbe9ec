// Builds the console: generates the Prisma Client, runs `next build`, and stamps the build with
// the hash of its sources (scripts/source-hash.ts) and, when one is configured, the fingerprint of
// the server actions key it was built with (lib/config/actions-key.ts): a changed key rebuilds.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { StartError } from '../lib/config/start-error.ts';
import { actionsKeyFingerprint, ACTIONS_KEY_VARIABLE, serverActionsKey } from '../lib/config/actions-key.ts';
import { resolveSecretFiles } from '../lib/config/secret-files.ts';
import { buildStampPath, sourceHash } from './source-hash.ts';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

export async function build(): Promise<void> {
  const run = (step: string, args: string[], env: Record<string, string> = {}) => {
    const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env } });
    if (result.status !== 0) throw new StartError(`Building the console failed (${step}${result.error ? `: ${result.error.message}` : ''}, its output is above); fix what it says and start again.`);
  };
  run('generating the Prisma Client', ['--import', './scripts/node/register.mjs', 'scripts/db/generate.ts']);
  const key = configuredActionsKey();
  const stamp = await buildStamp(key);
  run('next build', [require.resolve('next/dist/bin/next'), 'build'], { NODE_ENV: 'production', ...(key ? { [ACTIONS_KEY_VARIABLE]: key } : {}) });
  await writeFile(buildStampPath(root), stamp);
}

const configuredActionsKey = () => serverActionsKey(resolveSecretFiles(process.env));
/** The sources' hash; with a configured actions key, its fingerprint too. */
const buildStamp = async (key: string | undefined) => `${await sourceHash(root)}${key ? `:actions-${actionsKeyFingerprint(key)}` : ''}`;

const isCurrent = async () =>
  existsSync(path.join(root, '.next', 'BUILD_ID')) && (await readFile(buildStampPath(root), 'utf8').catch(() => null)) === (await buildStamp(configuredActionsKey()));

/** Runs `work` holding the build lock (a directory: creating one is atomic), so two processes
 * never build into .next at once. A lock older than 15 minutes is taken to be abandoned. */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  const lock = path.join(root, '.build.lock');
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (await stat(lock).then((s) => s.mtimeMs, () => Date.now()));
      if (age > 15 * 60_000) await rm(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new StartError(`Another build holds ${lock}; remove that folder if no build is running, and start again.`, { cause: error });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Builds only when there is no build, or the sources changed since it was made. Returns whether it built. */
export async function buildIfStale(): Promise<boolean> {
  if (await isCurrent()) return false;
  return withBuildLock(async () => {
    // Someone else may have built while we waited for the lock.
    if (await isCurrent()) return false;
    await build();
    return true;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await build().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
