import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors.ts';
import { assertSafePath, commandLine, describeCommand, modeString, remoteScript, shellQuote } from './remote-command.ts';

const scratch = mkdtempSync(join(tmpdir(), 'wharf-quote-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const NASTY = [
  "it's",
  "''",
  '"double" quotes',
  '$(touch PWNED)',
  '`touch PWNED`',
  '${HOME} $HOME $0 $@ $$',
  'a; touch PWNED',
  'a && touch PWNED || touch PWNED',
  'a | touch PWNED',
  'a & touch PWNED',
  '> PWNED',
  '< /etc/passwd',
  '*',
  '~',
  '\\',
  "\\'",
  'line1\nline2\ntouch PWNED',
  '\t tab and  spaces ',
  '#comment',
  '!history',
  '',
  '-n',
  '--',
  'é ü 漢字 🚢',
  "'; touch PWNED; echo '",
];

/** What a POSIX shell hands to a program after parsing the command line: argv after the program name. */
function argvSeenBy(shell: string, line: string): string[] {
  const out = execFileSync(shell, ['-c', line], { cwd: scratch, env: { ...process.env, PATH: '/usr/bin:/bin' } });
  return out.toString('utf8').split('\0').slice(0, -1);
}

const shells = ['/bin/sh', '/bin/bash', '/bin/dash'].filter((s) => existsSync(s));

describe('shellQuote', () => {
  it('wraps in single quotes and writes each quote as \'\\\'\'', () => {
    expect(shellQuote('plain')).toBe("'plain'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('')).toBe("''");
  });

  it.each(shells)('round-trips metacharacters through %s unchanged and runs nothing', (shell) => {
    const line = ['printf', '%s\\0', ...NASTY].map(shellQuote).join(' ');
    expect(argvSeenBy(shell, line)).toEqual(NASTY);
    expect(existsSync(join(scratch, 'PWNED'))).toBe(false);
  });

  it('refuses NUL, which no argument can carry', () => {
    expect(() => shellQuote('a\0b')).toThrow(AppError);
  });
});

describe('commandLine', () => {
  it('quotes every word, sets PATH and LC_ALL through env, and adds sudo -n only when asked', () => {
    expect(commandLine(['id', '-u'])).toBe("'env' 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' 'LC_ALL=C' 'id' '-u'");
    expect(commandLine(['id', '-u'], { sudo: true }).startsWith("'sudo' '-n' '--' 'env' ")).toBe(true);
  });

  it('runs a fixed script with its values as positional parameters, never inside the script', () => {
    const script = remoteScript('echo args', 'printf "%s\\0" "$@"', NASTY);
    const line = commandLine(script);
    for (const shell of shells) expect(argvSeenBy(shell, line)).toEqual(NASTY);
    expect(existsSync(join(scratch, 'PWNED'))).toBe(false);
    expect(describeCommand(script)).toBe('echo args');
  });

  it('names the script in $0 with a safe word', () => {
    const line = commandLine(remoteScript("weird name; $(x)", 'printf %s "$0"'));
    expect(execFileSync('/bin/sh', ['-c', line]).toString()).toBe('wharf-weird-name-x-');
  });

  it('refuses an empty command', () => {
    expect(() => commandLine([])).toThrow();
  });
});

describe('assertSafePath and modeString', () => {
  it('accepts plain absolute paths', () => {
    expect(assertSafePath('/etc/docker/daemon.json')).toBe('/etc/docker/daemon.json');
    expect(assertSafePath('/usr/local/lib/wharf/dockerd-supervisor.sh')).toBe('/usr/local/lib/wharf/dockerd-supervisor.sh');
  });

  it.each(['etc/docker', '/etc/../root', '/a b', '/a;b', '/a$(x)', '/a\nb', "/a'b", '/a//b', '/' + 'x'.repeat(300)])('refuses %j', (path) => {
    expect(() => assertSafePath(path)).toThrow(/only plain absolute paths/);
  });

  it('writes modes in octal for chmod', () => {
    expect(modeString(0o600)).toBe('0600');
    expect(modeString(0o755)).toBe('0755');
    expect(() => modeString(0o10000)).toThrow();
  });
});
