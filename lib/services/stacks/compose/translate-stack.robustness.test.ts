// translateStack reports problems and never throws: every value of the kitchen-sink fixture is
// replaced in turn by values of the wrong kind, and every result must be a stack or a list of errors.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { problemText } from '@/lib/services/stacks/compose/compose-path.ts';
import { stringify } from 'yaml';
import { parseCompose } from '@/lib/services/stacks/compose/parse-compose.ts';
import { translateStack } from '@/lib/services/stacks/compose/translate-stack.ts';

const DIR = path.join(import.meta.dirname, 'fixtures', 'kitchen-sink');
const files = Object.fromEntries(['app.env', 'secret.txt', 'nginx.conf'].map((f) => [f, fs.readFileSync(path.join(DIR, f), 'utf8')]));
const base = parseCompose(fs.readFileSync(path.join(DIR, 'compose.yml'), 'utf8')).document;

type Path = (string | number)[];

function paths(value: unknown, at: Path = []): Path[] {
  if (Array.isArray(value)) return [at, ...value.flatMap((item, i) => paths(item, [...at, i]))];
  if (value !== null && typeof value === 'object') return [at, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
  return [at];
}

function replaced(document: unknown, at: Path, value: unknown): unknown {
  if (at.length === 0) return value;
  const copy: unknown = JSON.parse(JSON.stringify(document));
  let node = copy as Record<string | number, unknown>;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[at[at.length - 1]] = value;
  return copy;
}

const WRONG: unknown[] = [null, 'text ../../etc/passwd', -1, true, ['x'], { bogus: 1 }, '${UNSET?boom}'];

describe('translateStack never throws', () => {
  const all = paths(base).filter((p) => p.length > 0);

  it('covers the fixture', () => {
    expect(all.length).toBeGreaterThan(150);
  });

  it.each(WRONG.map((value) => [JSON.stringify(value), value]))('gives a stack or errors for every value swapped for %s', (_name, value) => {
    for (const at of all) {
      const composeText = stringify(replaced(base, at, value));
      const { stack, problems } = translateStack({ stackName: 'shop', composeText, variables: { OVERRIDDEN: 'x' }, files });
      expect(stack === null).toBe(problems.some((p) => p.severity === 'error'));
      for (const problem of problems) expect(problemText(problem)).toMatch(/\S/);
    }
    // Hundreds of whole translations per value: on a loaded 2-core machine this takes longer than
    // vitest's default 5 s, which says nothing about translateStack.
  }, 60_000);
});
