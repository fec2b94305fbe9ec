// The console's entry point: `node --import ./scripts/node/register.mjs server.ts` (npm start does this after building).
// A failure to start ends in one sentence saying what to do, never a stack trace.
import { readConfig } from './lib/config/env.ts';
import { startFailureSentence } from './lib/config/start-error.ts';
import { log } from './lib/observability/logger.ts';
import { startConsole } from './lib/runtime/start-console.ts';

const running = await Promise.resolve()
  .then(() => startConsole(readConfig(), { projectDir: import.meta.dirname }))
  .catch((error: unknown) => {
    console.error(startFailureSentence(error));
    process.exit(1);
  });
const consoleLog = log('console');
consoleLog.info(`Wharf is running on ${running.url}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    consoleLog.info('Wharf is stopping…');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void running.stop().then(() => process.exit(0));
  });
}
