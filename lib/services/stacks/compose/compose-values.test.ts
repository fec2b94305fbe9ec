// The loader-style readers shared by the converters: shell splitting, KEY=value mappings, float32 printing.
import { describe, expect, it } from 'vitest';
import { inEnglish } from '@/lib/i18n/in-english.ts';
import { msg } from '@/lib/i18n/message.ts';
import { float32Number, mappingOrList, shellSplit, type ConvertContext } from '@/lib/services/stacks/compose/compose-values.ts';

const ctx = (floats: string[] = []): ConvertContext => ({
  namespace: 'st',
  version: { major: 3, minor: 13, versionless: true },
  lookup: () => undefined,
  files: new Map(),
  readFile: (path) => ({ error: msg('composeChecks.files.notKept', { owner: 'stack', path }) }),
  locate: () => undefined,
  isFloat: (path) => floats.includes(JSON.stringify(path)),
  problems: [],
});

describe('shellSplit (google/shlex, as the CLI splits command: strings)', () => {
  it.each([
    ['nginx -g "daemon off;"', ['nginx', '-g', 'daemon off;']],
    ['echo "hello world" $HOME', ['echo', 'hello world', '$HOME']],
    ["sh -c 'echo \"$x\"'", ['sh', '-c', 'echo "$x"']],
    ['a\\ b c', ['a b', 'c']],
    ['"a\\"b" "c\\d"', ['a"b', 'cd']],
    ['a"b c"d', ['ab cd']],
    ['""', ['']],
    ['  spaced\tout\n', ['spaced', 'out']],
    ['run # a comment', ['run']],
    ['#all comment', []],
    ['a#b', ['a#b']],
    ['line1\n# c\nline2', ['line1', 'line2']],
    ['', []],
  ])('%j', (input, words) => {
    expect(inEnglish(shellSplit(input))).toEqual({ words });
  });

  it('reports unclosed quotes and a trailing backslash', () => {
    expect(inEnglish(shellSplit('echo "x'))).toEqual({ error: 'EOF found when expecting closing quote' });
    expect(inEnglish(shellSplit("echo 'x"))).toEqual({ error: 'EOF found when expecting closing quote' });
    expect(inEnglish(shellSplit('echo x\\'))).toEqual({ error: 'EOF found after escape character' });
  });
});

describe('mappingOrList', () => {
  it('splits list entries at the first separator, a bare key being null or "" as asked', () => {
    expect([...mappingOrList(ctx(), ['A=1', 'B=x=y', 'C', 'D='], [], '=', true)]).toEqual([
      ['A', '1'],
      ['B', 'x=y'],
      ['C', null],
      ['D', ''],
    ]);
    expect([...mappingOrList(ctx(), ['C'], [], '=', false)]).toEqual([['C', '']]);
  });

  it('prints mapping values like Go, floats as floats', () => {
    const value = { I: 1000000, F: 1000000, B: true, N: null, S: 'x' };
    expect([...mappingOrList(ctx([JSON.stringify(['F'])]), value, [], '=', true)]).toEqual([
      ['I', '1000000'],
      ['F', '1e+06'],
      ['B', 'true'],
      ['N', null],
      ['S', 'x'],
    ]);
  });

  it('lets a later list entry win', () => {
    expect([...mappingOrList(ctx(), ['A=1', 'A=2'], [], '=', false)]).toEqual([['A', '2']]);
  });
});

describe('float32Number', () => {
  it.each([
    [0.3, 0.3],
    [0.1, 0.1],
    [0, 0],
    [1, 1],
    [0.123456789, 0.12345679],
    [1 / 3, 0.33333334],
  ])('%d → %d', (value, expected) => {
    expect(float32Number(value)).toBe(expected);
  });
});
