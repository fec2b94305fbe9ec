// `npm start`: builds the console if its sources changed since the last build, then runs it in
// this process (so signals reach it). `npm run dev` runs Next in development mode instead.
// Any failure to start ends in one sentence saying what to do (lib/config/start-error.ts), never a stack trace.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startFailureSentence } from '../lib/config/start-error.ts';
import { buildIfStale } from './build.ts';

const root = path.resolve(import.meta.dirname, '..');
const dev = process.argv.includes('--dev');
Object.assign(process.env, { NODE_ENV: dev ? 'development' : 'production', NEXT_TELEMETRY_DISABLED: '1' });

try {
  if (!dev) {
    console.log('Checking the build…');
    if (await buildIfStale()) console.log('Built Wharf (first start, or the sources changed).');
  } else if (!existsSync(path.join(root, 'lib/generated/prisma/client.ts'))) {
    const { spawnSync } = await import('node:child_process');
    spawnSync(process.execPath, ['--import', './scripts/node/register.mjs', 'scripts/db/generate.ts'], { cwd: root, stdio: 'inherit' });
  }
  process.chdir(root);
  await import('../server.ts');
} catch (error) {
  console.error(startFailureSentence(error));
  process.exit(1);
}
