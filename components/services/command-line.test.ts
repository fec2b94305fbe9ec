import { describe, expect, it } from 'vitest';
import { splitCommand } from './command-line.ts';

const args = (line: string) => {
  const result = splitCommand(line);
  if (!result.ok) throw new Error(result.error);
  return result.args;
};

describe('splitCommand', () => {
  it('splits on whitespace of any kind and length', () => {
    expect(args('  nginx   -g\tdaemon\n off ')).toEqual(['nginx', '-g', 'daemon', 'off']);
    expect(args('')).toEqual([]);
    expect(args('   ')).toEqual([]);
  });
  it('keeps single-quoted text as is, double quotes inside included', () => {
    expect(args(`sh -c 'trap "exit 0" TERM; while true; do sleep 1; done'`)).toEqual(['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done']);
  });
  it('handles double quotes with their escapes, and no expansion', () => {
    expect(args(`echo "a \\"b\\" \\\\ \\$HOME \\n" $HOME`)).toEqual(['echo', 'a "b" \\ $HOME \\n', '$HOME']);
  });
  it('joins adjacent quoted and unquoted parts into one word, and keeps empty quoted words', () => {
    expect(args(`a"b c"'d e'f '' ""`)).toEqual(['ab cd ef', '', '']);
  });
  it('escapes with a backslash outside quotes, and joins lines on backslash-newline', () => {
    expect(args('a\\ b c\\\nd')).toEqual(['a b', 'cd']);
  });
  it('reports unclosed quotes and a trailing backslash', () => {
    expect(splitCommand(`sh -c 'oops`)).toEqual({ ok: false, error: 'A single quote is not closed.' });
    expect(splitCommand('echo "oops')).toEqual({ ok: false, error: 'A double quote is not closed.' });
    expect(splitCommand('echo \\')).toEqual({ ok: false, error: 'The command ends with a lone backslash.' });
  });
});
