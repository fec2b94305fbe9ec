// Integration tests run against the real things: the lab's engines (started if needed) and
// Wharf's embedded Postgres (a migrated template that each test file clones).
// Nothing here skips: if the lab or Postgres cannot start, the run fails and says why.
import type { TestProject } from 'vitest/node';
import { labUp } from '@/scripts/lab/index.ts';
import { prepareTemplate, startTestPostgres } from '../support/test-postgres.ts';

export default async function setup(project: TestProject) {
  const lab = await labUp();
  let stop: (() => Promise<void>) | null = null;
  let url = process.env.WHARF_TEST_PG_URL;
  if (!url) {
    const database = await startTestPostgres();
    url = database.url;
    stop = database.stop;
  }
  await prepareTemplate(url);
  project.provide('pgUrl', url);
  project.provide('labStatePath', `${lab.dir}/state.json`);
  return async () => {
    await stop?.();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    labStatePath: string;
  }
}
