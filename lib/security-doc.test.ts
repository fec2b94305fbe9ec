// docs/security.md promises, case by case, which tests prove each protection. This keeps the page
// true to the tree: every case of security-cases.md is listed with at least one test, every file it
// names exists (once), and every test it names is found in that file — so a renamed or removed
// test makes the page fail here instead of quietly lying.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const CASES = 46;
const doc = fs.readFileSync(path.join(ROOT, 'docs/security.md'), 'utf8');
const tracked = execFileSync('git', ['ls-files', 'lib', 'components', 'e2e', 'tests', 'scripts', 'app'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');

interface TestRef { caseNumber: number; file: string; names: string }

/** The "- `file` › test name; other test" lines under each numbered case. */
function testRefs(markdown: string): TestRef[] {
  const refs: TestRef[] = [];
  let caseNumber = 0;
  for (const line of markdown.split('\n')) {
    const heading = /^(\d+)\. \*\*/.exec(line);
    if (heading) caseNumber = Number(heading[1]);
    const ref = /^\s+- `([^`]+)` › (.+)$/.exec(line);
    if (ref && caseNumber > 0) refs.push({ caseNumber, file: ref[1], names: ref[2] });
  }
  return refs;
}

function resolveFile(name: string): string[] {
  return tracked.filter((file) => file === name || file.endsWith(`/${name}`));
}

/** The first test a line names, without its summary in parentheses or a table's placeholder. */
function firstTestName(names: string): string {
  return names.split(/; | › /)[0].replace(/\s*\(.*$/, '').split(/%[sjd]|\$\w/)[0].trim();
}

const refs = testRefs(doc);

describe('docs/security.md', () => {
  it('lists at least one test for every case', () => {
    const covered = new Set(refs.map((ref) => ref.caseNumber));
    const missing = Array.from({ length: CASES }, (_, i) => i + 1).filter((n) => !covered.has(n));
    expect(missing).toEqual([]);
  });

  it.each(refs.map((ref) => [`${ref.caseNumber}: ${ref.file}`, ref] as const))('names a file that exists and a test in it (%s)', (_label, ref) => {
    const files = resolveFile(ref.file);
    expect(files, `${ref.file} should name exactly one tracked file`).toHaveLength(1);
    const source = fs.readFileSync(path.join(ROOT, files[0]), 'utf8').replaceAll("\\'", "'");
    const name = firstTestName(ref.names);
    // A row of a test table ("case 9: privileged") is found as the row's own text.
    const probe = /^case \S+: /.test(name) ? name.slice('case '.length) : name;
    expect(source, `${files[0]} should contain the test "${name}"`).toContain(probe);
  });
});
