// Every module of the server's layers says so with `import 'server-only'`, so that a browser
// bundle that reached one would fail to build (the lint rules in eslint.config.mjs keep the
// browser's own layers from importing them in the first place).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const SERVER_FOLDERS = ['lib/services', 'lib/db', 'lib/runtime', 'lib/jobs', 'lib/observability', 'lib/timing', 'lib/crypto', 'lib/audit', 'lib/events', 'lib/config', 'lib/http', 'lib/auth/next', 'lib/realtime/server'];
const SERVER_FILES = ['lib/auth/authorize.ts', 'lib/auth/session-store.ts', 'lib/auth/password.ts', 'lib/auth/throttle.ts', 'lib/actions/action-client.ts'];

function modulesIn(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : modulesIn(relative);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

/** The first statement after the leading comments. */
const firstStatement = (text: string) => text.split('\n').find((line) => line.trim() !== '' && !line.startsWith('//'));

describe('server-only modules', () => {
  const modules = [...SERVER_FOLDERS.flatMap(modulesIn), ...SERVER_FILES];

  it('are found', () => {
    expect(modules.length).toBeGreaterThan(150);
    expect(modules).toContain('lib/services/engine/engine-api.ts');
  });

  it("each starts with import 'server-only'", () => {
    const unmarked = modules.filter((file) => firstStatement(readFileSync(path.join(root, file), 'utf8')) !== "import 'server-only';");
    expect(unmarked).toEqual([]);
  });
});
