// Playwright's webServer: the console in production mode on a fresh database, with the lab up.
import { labUp } from '@/scripts/lab/index.ts';
import { startConsoleUnderTest, stopOnSignals } from '@/tests/support/console-under-test.ts';

await labUp();
const running = await startConsoleUnderTest({ port: Number(process.env.E2E_PORT ?? 3123), database: 'e2e_console', dataDir: '/tmp/wharf-e2e-data' });
stopOnSignals(running);
console.log(`e2e console on ${running.url}`);
