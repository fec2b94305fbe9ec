// The consoles run the production build, which startConsoleUnderTest rebuilds when the sources
// changed. Other engineers build and run end-to-end consoles in the same tree: never build on top
// of someone else's `next build`, nor under an end-to-end console serving the current build.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildIfStale } from '@/scripts/build.ts';
import { buildStampPath, sourceHash } from '@/scripts/source-hash.ts';
import { projectRoot } from './paths.ts';

const run = promisify(execFile);
const WAIT_LIMIT_MS = 20 * 60_000;

/** pids of other processes whose command line contains `pattern` (pgrep -f, argv only). */
async function othersMatching(pattern: string): Promise<number[]> {
  try {
    const { stdout } = await run('pgrep', ['-f', pattern]);
    return stdout
      .split('\n')
      .map(Number)
      .filter((pid) => pid && pid !== process.pid);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

async function isStale(): Promise<boolean> {
  if (!existsSync(path.join(projectRoot, '.next/BUILD_ID'))) return true;
  return (await readFile(buildStampPath(projectRoot), 'utf8').catch(() => null)) !== (await sourceHash(projectRoot));
}

/** Waits for other builds (and, when a rebuild is due, for end-to-end consoles), then builds if stale. */
export async function ensureBuild(log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const builds = await othersMatching('next build');
    const e2e = !builds.length && (await isStale()) ? await othersMatching('e2e/support/start-console.ts') : [];
    if (!builds.length && !e2e.length) break;
    const what = builds.length ? `another next build (pids ${builds.join(', ')})` : `an end-to-end console (pids ${e2e.join(', ')}) before rebuilding the stale build`;
    if (Date.now() > deadline) throw new Error(`gave up after ${WAIT_LIMIT_MS / 60_000} min waiting for ${what}`);
    log(`waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5000));
  }
  const t = Date.now();
  if (await buildIfStale()) log(`built the console in ${Math.round((Date.now() - t) / 1000)} s`);
}
