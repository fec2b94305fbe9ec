// A hash of everything that goes into the Next.js build, so `npm start` rebuilds only when needed.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const INPUTS = ['app', 'components', 'lib', 'messages', 'public', 'proxy.ts', 'prisma/schema.prisma', 'next.config.js', 'postcss.config.mjs', 'tsconfig.json', 'package-lock.json'];
const SKIP = new Set(['node_modules', '.next', 'generated']);

async function collect(root: string, rel: string, out: string[]): Promise<void> {
  const full = path.join(root, rel);
  let entries;
  try {
    entries = await readdir(full, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') out.push(rel);
    return;
  }
  for (const entry of entries) {
    if (SKIP.has(entry.name) || entry.name.endsWith('.test.ts')) continue;
    const child = path.join(rel, entry.name);
    if (entry.isDirectory()) await collect(root, child, out);
    else out.push(child);
  }
}

export async function sourceHash(root: string): Promise<string> {
  const files: string[] = [];
  for (const input of INPUTS) await collect(root, input, files);
  files.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file);
    hash.update(await readFile(path.join(root, file)).catch(() => Buffer.alloc(0)));
  }
  return hash.digest('hex');
}

export const buildStampPath = (root: string) => path.join(root, '.next', 'wharf-source-hash');
