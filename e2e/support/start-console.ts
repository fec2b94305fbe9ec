// Playwright's webServer: the console in production mode on a fresh database, with the lab up,
// and the DigitalOcean stand-in API that the console is pointed at. The console's output is also
// kept in CONSOLE_LOG, where the first-run spec reads the setup token the console printed, as an
// operator reads it in a terminal. The test browser stands for a reverse proxy on loopback
// (WHARF_TRUSTED_PROXIES=127.0.0.1): a request it sends with X-Forwarded-For comes from that
// address, as the specs of the sign-in throttle need.
import { appendFileSync, rmSync } from 'node:fs';
import pino from 'pino';
import { createLogger } from '@/lib/observability/logger.ts';
import { labUp } from '@/scripts/lab/index.ts';
import { startConsoleUnderTest, stopOnSignals } from '@/tests/support/console-under-test.ts';
import { CONSOLE_EVENTS, CONSOLE_LOG } from './accounts.ts';
import { startE2eDigitalOcean } from './digitalocean.ts';

rmSync(CONSOLE_LOG, { force: true });
const log = (line: string) => {
  console.log(line);
  appendFileSync(CONSOLE_LOG, `${line}\n`);
};

const lab = await labUp();
const standin = await startE2eDigitalOcean(lab);
process.env.WHARF_DIGITALOCEAN_API_URL = standin.url;
// Amazon ECR registries ask the lab's stand-in for ECR's API for their tokens.
if (lab.ecr) process.env.WHARF_ECR_API_URL = lab.ecr.url;
process.env.WHARF_TRUSTED_PROXIES = '127.0.0.1';
// History is sampled every 2 s (10 s in production), so its charts fill within the specs' waits.
process.env.WHARF_HISTORY_INTERVAL_SECONDS = '2';
// The console's log: warnings and errors beside the tests' output, and everything from info up in
// CONSOLE_EVENTS, which outlives the run (CI runs on this machine; a failure there can be read after).
rmSync(CONSOLE_EVENTS, { force: true });
const logger = createLogger({
  format: 'json',
  level: 'info',
  destination: pino.multistream([
    { level: 'info', stream: pino.destination({ dest: CONSOLE_EVENTS, sync: true }) },
    { level: 'warn', stream: process.stdout },
  ]),
});
const running = await startConsoleUnderTest({ port: Number(process.env.E2E_PORT ?? 3123), database: 'e2e_console', dataDir: '/tmp/wharf-e2e-data', log, logger });
stopOnSignals(running);
console.log(`e2e console on ${running.url} (DigitalOcean stand-in on ${standin.url})`);
