// `npm start`: builds the console if its sources changed since the last build, then runs it in
// this process (so signals reach it). `npm run dev` runs Next in development mode instead.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from './build.ts';
import { buildStampPath, sourceHash } from './source-hash.ts';

const root = path.resolve(import.meta.dirname, '..');
const dev = process.argv.includes('--dev');
Object.assign(process.env, { NODE_ENV: dev ? 'development' : 'production', NEXT_TELEMETRY_DISABLED: '1' });

if (!dev) {
  const stamp = await readFile(buildStampPath(root), 'utf8').catch(() => null);
  if (!existsSync(path.join(root, '.next', 'BUILD_ID')) || stamp !== (await sourceHash(root))) {
    console.log('Building Wharf (first start, or the sources changed)…');
    await build();
  }
} else if (!existsSync(path.join(root, 'lib/generated/prisma/client.ts'))) {
  const { spawnSync } = await import('node:child_process');
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/db/generate.ts'], { cwd: root, stdio: 'inherit' });
}

process.chdir(root);
await import('../server.ts');
