import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ignoredBy } from './build-image.ts';

describe('ignoredBy', () => {
  const ignored = ignoredBy(readFileSync(path.resolve(import.meta.dirname, '../../.dockerignore'), 'utf8'));

  it("leaves out what the running console does not need, and everything below a folder it names", () => {
    for (const file of ['node_modules/next/package.json', '.next/BUILD_ID', 'tests/integration/x.integration.test.ts', 'e2e/hosts.spec.ts', 'lib/config/env.test.ts', 'README.md', 'docs/lab.md', 'deploy/wharf-stack.yml']) {
      expect(ignored(file), file).toBe(true);
    }
  });

  it('keeps the sources, the migrations, the Dockerfile and the lockfile', () => {
    for (const file of ['Dockerfile', 'server.ts', 'lib/config/env.ts', 'prisma/migrations/20261122165215_init/migration.sql', 'package-lock.json', 'scripts/node/register.mjs', 'app/layout.tsx']) {
      expect(ignored(file), file).toBe(false);
    }
  });
});
