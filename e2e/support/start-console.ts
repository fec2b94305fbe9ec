// Playwright's webServer: the console in production mode on a fresh database, with the lab up,
// and the DigitalOcean stand-in API that the console is pointed at.
import { labUp } from '@/scripts/lab/index.ts';
import { startConsoleUnderTest, stopOnSignals } from '@/tests/support/console-under-test.ts';
import { startE2eDigitalOcean } from './digitalocean.ts';

const lab = await labUp();
const standin = await startE2eDigitalOcean(lab);
process.env.WHARF_DIGITALOCEAN_API_URL = standin.url;
const running = await startConsoleUnderTest({ port: Number(process.env.E2E_PORT ?? 3123), database: 'e2e_console', dataDir: '/tmp/wharf-e2e-data' });
stopOnSignals(running);
console.log(`e2e console on ${running.url} (DigitalOcean stand-in on ${standin.url})`);
