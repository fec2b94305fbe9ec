// The consoles run the production build: build it first when the sources changed (buildIfStale
// holds a lock, so it never builds on top of another build in the same tree).
import { buildIfStale } from '@/scripts/build.ts';

export async function ensureBuild(log: (line: string) => void): Promise<void> {
  const started = Date.now();
  if (await buildIfStale()) log(`built the console in ${Math.round((Date.now() - started) / 1000)} s`);
}
