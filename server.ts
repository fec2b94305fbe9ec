// The console's entry point: `node --import ./scripts/node/register.mjs server.ts` (npm start does this after building).
import { readConfig } from './lib/config/env.ts';
import { startConsole } from './lib/runtime/start-console.ts';

const config = readConfig();
const running = await startConsole(config, { projectDir: import.meta.dirname }).catch((error: Error) => {
  console.error(`Wharf could not start: ${error.message}`);
  process.exit(1);
});
console.log(`Wharf is running on ${running.url}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('Wharf is stopping…');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void running.stop().then(() => process.exit(0));
  });
}
