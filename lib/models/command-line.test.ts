import { describe, expect, it } from 'vitest';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { CommandLineError, formatCommandLine, LONE_BACKSLASH, parseCommandLine, splitCommand, UNCLOSED_DOUBLE, UNCLOSED_SINGLE } from './command-line.ts';

const args = (line: string) => {
  const result = parseCommandLine(line);
  if (!result.ok) throw new Error(renderMessage(result.error, 'en'));
  return result.args;
};

describe('parseCommandLine: whitespace', () => {
  it('splits on whitespace of any kind and length, trimming both ends', () => {
    expect(args('  nginx   -g\tdaemon\n off ')).toEqual(['nginx', '-g', 'daemon', 'off']);
    expect(args('  ls -la  /tmp ')).toEqual(['ls', '-la', '/tmp']);
    expect(args('a\r\nb')).toEqual(['a', 'b']);
  });
  it('gives no arguments for an empty or blank line', () => {
    expect(args('')).toEqual([]);
    expect(args('   ')).toEqual([]);
    expect(args('\t\n ')).toEqual([]);
  });
  it('treats Unicode spaces (no-break, ideographic) as separators', () => {
    expect(args('echo\u00a0hi\u3000there')).toEqual(['echo', 'hi', 'there']);
  });
  it('keeps whitespace inside quotes', () => {
    expect(args(`echo "a  b" 'c\td' "\u00a0"`)).toEqual(['echo', 'a  b', 'c\td', '\u00a0']);
  });
});

describe('parseCommandLine: quotes', () => {
  it('keeps single-quoted text as is, double quotes and backslashes inside included', () => {
    expect(args(`sh -c 'trap "exit 0" TERM; while true; do sleep 1; done'`)).toEqual(['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done']);
    expect(args(`printf '%s\\n' x`)).toEqual(['printf', '%s\\n', 'x']);
  });
  it('keeps single quotes inside double quotes and the other way round', () => {
    expect(args(`echo "it's" 'say "hi"'`)).toEqual(['echo', "it's", 'say "hi"']);
  });
  it('joins adjacent quoted and unquoted parts into one word', () => {
    expect(args(`a"b c"'d e'f`)).toEqual(['ab cd ef']);
    expect(args(`echo "a b" 'c d' e""f ''`)).toEqual(['echo', 'a b', 'c d', 'ef', '']);
  });
  it('keeps empty quoted words as empty arguments', () => {
    expect(args(`'' ""`)).toEqual(['', '']);
    expect(args(`cmd --name= "" x`)).toEqual(['cmd', '--name=', '', 'x']);
  });
  it('keeps newlines inside quotes', () => {
    expect(args(`sh -c 'echo a\necho b'`)).toEqual(['sh', '-c', 'echo a\necho b']);
  });
});

describe('parseCommandLine: escapes', () => {
  it('in double quotes, unescapes only \\" \\\\ \\$ and \\`', () => {
    expect(args(`echo "a \\"b\\" \\\\ \\$HOME \\\`x\\\` \\n"`)).toEqual(['echo', 'a "b" \\ $HOME `x` \\n']);
  });
  it('in double quotes, drops a backslash-newline (a line continuation)', () => {
    expect(args('echo "a\\\nb"')).toEqual(['echo', 'ab']);
  });
  it('outside quotes, a backslash keeps the next character, space and quotes included', () => {
    expect(args('a\\ b c')).toEqual(['a b', 'c']);
    expect(args(`it\\'s \\"x\\" \\\\`)).toEqual([`it's`, '"x"', '\\']);
    expect(args('\\n\\t')).toEqual(['nt']);
  });
  it('outside quotes, backslash-newline joins the lines', () => {
    expect(args('c\\\nd')).toEqual(['cd']);
    expect(args('nginx \\\n  -g off')).toEqual(['nginx', '-g', 'off']);
    expect(args('\\\n')).toEqual([]);
  });
  it('an escaped quote does not open a quote', () => {
    expect(args(`echo \\"unbalanced`)).toEqual(['echo', '"unbalanced']);
  });
});

describe('parseCommandLine: no expansion', () => {
  it('passes shell metacharacters through as text', () => {
    expect(args('echo $HOME ~ *.txt ; rm -rf / | cat && $(id) `id` > out')).toEqual(['echo', '$HOME', '~', '*.txt', ';', 'rm', '-rf', '/', '|', 'cat', '&&', '$(id)', '`id`', '>', 'out']);
  });
});

describe('parseCommandLine: unicode', () => {
  it('keeps letters, combining marks and emoji whole', () => {
    expect(args('echo héllo 日本語 "👋 wave" e\u0301')).toEqual(['echo', 'héllo', '日本語', '👋 wave', 'e\u0301']);
  });
  it('escapes a character outside the BMP as one character', () => {
    expect(args('\\😀x')).toEqual(['😀x']);
  });
});

describe('parseCommandLine: unfinished lines', () => {
  it('reports an unclosed single quote', () => {
    expect(parseCommandLine(`sh -c 'oops`)).toEqual({ ok: false, error: UNCLOSED_SINGLE });
    expect(renderMessage(UNCLOSED_SINGLE, 'en')).toBe('A single quote is not closed.');
  });
  it('reports an unclosed double quote, also when it ends in a backslash', () => {
    expect(parseCommandLine('echo "oops')).toEqual({ ok: false, error: UNCLOSED_DOUBLE });
    expect(parseCommandLine('echo "oops\\')).toEqual({ ok: false, error: UNCLOSED_DOUBLE });
    expect(parseCommandLine('"')).toEqual({ ok: false, error: UNCLOSED_DOUBLE });
    expect(renderMessage(UNCLOSED_DOUBLE, 'en')).toBe('A double quote is not closed.');
  });
  it('reports a trailing lone backslash', () => {
    expect(parseCommandLine('echo \\')).toEqual({ ok: false, error: LONE_BACKSLASH });
    expect(renderMessage(LONE_BACKSLASH, 'en')).toBe('The command ends with a lone backslash.');
  });
  it('a quote closed by an escaped one is still open', () => {
    expect(parseCommandLine(`echo "a\\"`)).toEqual({ ok: false, error: UNCLOSED_DOUBLE });
  });
});

describe('splitCommand', () => {
  it('returns the arguments', () => {
    expect(splitCommand(`top -d '1'`)).toEqual(['top', '-d', '1']);
    expect(splitCommand('')).toEqual([]);
  });
  it('throws a CommandLineError with the same message on an unfinished line', () => {
    expect(() => splitCommand(`echo 'x`)).toThrow(CommandLineError);
    expect(() => splitCommand(`echo 'x`)).toThrow('A single quote is not closed.');
    expect(() => splitCommand('echo \\')).toThrow('The command ends with a lone backslash.');
    expect(renderMessage(LONE_BACKSLASH, 'zh-CN')).toBe('命令以单独的反斜杠结尾。');
  });
});

describe('formatCommandLine', () => {
  it('writes arguments back as a line that splits into the same arguments', () => {
    for (const argv of [['nginx', '-g', 'daemon off;'], ['sh', '-c', `echo "it's" $HOME \\ done`], ['a b', '', "'", 'x=y,z']]) {
      expect(args(formatCommandLine(argv))).toEqual(argv);
    }
    expect(formatCommandLine(['ls', '-la', '/tmp'])).toBe('ls -la /tmp');
  });
});
