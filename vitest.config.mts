// Two test layers run by Vitest: `unit` (pure logic, next to the code as *.test.ts) and
// `integration` (*.integration.test.ts, against the lab's real engines and a real Postgres).
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// `server-only` marks modules that must never reach a browser bundle (Next enforces it); in the
// tests, as in Node (scripts/node/register.mjs), it is an empty module.
const alias = { '@': path.resolve(import.meta.dirname), 'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js') };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', 'node_modules/**'],
          environment: 'node',
          // The console's log (lib/observability/logger.ts) says only warnings and errors during tests.
          env: { WHARF_LOG_LEVEL: process.env.WHARF_LOG_LEVEL ?? 'warn' },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['lib/**/*.integration.test.ts', 'tests/integration/**/*.integration.test.ts'],
          environment: 'node',
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
