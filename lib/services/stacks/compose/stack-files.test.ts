// Paths into a stack's own files: nothing may resolve outside them.
import { describe, expect, it } from 'vitest';
import { inEnglish } from '@/lib/i18n/in-english.ts';
import { normaliseStackFiles, normaliseStackPath, readStackFile } from '@/lib/services/stacks/compose/stack-files.ts';

describe('normaliseStackPath', () => {
  it.each([
    ['app.env', 'app.env'],
    ['./app.env', 'app.env'],
    ['conf/app.env', 'conf/app.env'],
    ['./conf//./app.env', 'conf/app.env'],
  ])('%s → %s', (path, normalised) => {
    expect(inEnglish(normaliseStackPath(path))).toEqual({ path: normalised });
  });

  it.each([
    ['', 'the path is empty'],
    ['../secret.txt', '".." is not allowed: the file must be kept with the stack'],
    ['conf/../../etc/passwd', '".." is not allowed: the file must be kept with the stack'],
    ['conf/../app.env', '".." is not allowed: the file must be kept with the stack'],
    ['/etc/passwd', 'absolute paths are not allowed: name a file kept with the stack'],
    ['C:/x', 'absolute paths are not allowed: name a file kept with the stack'],
    ['~/x', 'paths relative to a home folder are not allowed: name a file kept with the stack'],
    ['a\\..\\b', 'use "/" to separate folders'],
    ['app\u0000.env', 'the path contains control characters'],
    ['app\n.env', 'the path contains control characters'],
    ['./', 'the path names a folder, not a file'],
  ])('%j is refused', (path, error) => {
    expect(inEnglish(normaliseStackPath(path))).toEqual({ error });
  });
});

describe('normaliseStackFiles and readStackFile', () => {
  it('normalises the file set, refusing unsafe names and two names for one file', () => {
    const { files, errors } = normaliseStackFiles({ './a.env': 'A=1', 'conf/b.txt': 'b', '../x': 'x', 'a.env': 'again' });
    expect([...files]).toEqual([
      ['a.env', 'A=1'],
      ['conf/b.txt', 'b'],
    ]);
    expect(inEnglish(errors)).toEqual(['stack file "../x": ".." is not allowed: the file must be kept with the stack', 'stack file "a.env": another file already has the path "a.env"']);
  });

  it('reads by any spelling of a safe path, and never outside', () => {
    const files = new Map([['conf/b.txt', 'b']]);
    expect(inEnglish(readStackFile(files, './conf/b.txt'))).toEqual({ content: 'b', path: 'conf/b.txt' });
    expect(inEnglish(readStackFile(files, 'conf/c.txt'))).toEqual({ error: 'no file "conf/c.txt" is kept with the stack' });
    expect(inEnglish(readStackFile(files, '/work/conf/b.txt'))).toHaveProperty('error');
    expect(inEnglish(readStackFile(files, 'x/../conf/b.txt'))).toHaveProperty('error');
  });
});
