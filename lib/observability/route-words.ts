// The fixed words of the console's routes, read once at start from the app folder's names.
import 'server-only';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fixedWordsOf } from '@/lib/http/route-label.ts';

export async function readRouteWords(appDir: string): Promise<Set<string>> {
  const entries = await readdir(appDir, { recursive: true, withFileTypes: true }).catch(() => []);
  const names = entries.filter((entry) => entry.isDirectory()).flatMap((entry) => path.relative(appDir, path.join(entry.parentPath, entry.name)).split(path.sep));
  return fixedWordsOf([...new Set(names)]);
}
