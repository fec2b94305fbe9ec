// Builds the console: generates the Prisma Client, runs `next build`, and stamps the build with
// the hash of its sources (scripts/source-hash.ts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildStampPath, sourceHash } from './source-hash.ts';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

export async function build(): Promise<void> {
  const run = (args: string[], env: Record<string, string> = {}) => {
    const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env } });
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed`);
  };
  run(['--import', 'tsx', 'scripts/db/generate.ts']);
  const hash = await sourceHash(root);
  run([require.resolve('next/dist/bin/next'), 'build'], { NODE_ENV: 'production' });
  await writeFile(buildStampPath(root), hash);
}

/** Builds only when there is no build, or the sources changed since it was made. Returns whether it built. */
export async function buildIfStale(): Promise<boolean> {
  const stamp = await readFile(buildStampPath(root), 'utf8').catch(() => null);
  if (existsSync(path.join(root, '.next', 'BUILD_ID')) && stamp === (await sourceHash(root))) return false;
  await build();
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await build().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
