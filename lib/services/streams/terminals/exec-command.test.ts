import { describe, expect, it } from 'vitest';
import { checkExecUser, checkTerminalSize, checkWorkdir, execArgv, killSessionArgv, SESSION_MARK_VAR } from './exec-command.ts';

describe('execArgv', () => {
  it('maps shell choices to argv', () => {
    expect(execArgv({ kind: 'sh' })).toEqual(['/bin/sh']);
    expect(execArgv({ kind: 'bash' })).toEqual(['/bin/bash']);
  });
  it('passes a command through as argv, metacharacters untouched', () => {
    expect(execArgv({ kind: 'command', argv: ['top', '-b', '; rm -rf / $(id) `x` | y'] })).toEqual(['top', '-b', '; rm -rf / $(id) `x` | y']);
  });
  it('refuses empty, oversized or NUL-holding commands', () => {
    expect(() => execArgv({ kind: 'command', argv: [] })).toThrow();
    expect(() => execArgv({ kind: 'command', argv: [' '] })).toThrow();
    expect(() => execArgv({ kind: 'command', argv: ['a\0b'] })).toThrow();
    expect(() => execArgv({ kind: 'command', argv: Array(65).fill('x') })).toThrow();
    expect(() => execArgv({ kind: 'command', argv: ['x'.repeat(5000)] })).toThrow();
    expect(() => execArgv({ kind: 'command', argv: [1 as unknown as string] })).toThrow();
  });
});

describe('checks', () => {
  it('accepts users the engine accepts', () => {
    expect(checkExecUser('root')).toBe('root');
    expect(checkExecUser('1000:1000')).toBe('1000:1000');
    expect(checkExecUser('')).toBeUndefined();
    for (const bad of ['root;id', '-u', 'a b', 'x:y:z', '$(id)']) expect(() => checkExecUser(bad)).toThrow();
  });
  it('accepts absolute working directories', () => {
    expect(checkWorkdir('/srv/app')).toBe('/srv/app');
    expect(checkWorkdir(undefined)).toBeUndefined();
    for (const bad of ['relative', '/a\0b', '/a\nb']) expect(() => checkWorkdir(bad)).toThrow();
  });
  it('bounds the terminal size', () => {
    expect(checkTerminalSize(80, 24)).toEqual({ cols: 80, rows: 24 });
    for (const [c, r] of [[0, 24], [80, 0], [1.5, 24], [5000, 24], [80, 1000]]) expect(() => checkTerminalSize(c, r)).toThrow();
  });
});

describe('killSessionArgv', () => {
  it('passes the mark and signal as arguments to a constant script', () => {
    const mark = 'ab'.repeat(16);
    const hup = killSessionArgv(mark, 'HUP');
    const kill = killSessionArgv(mark, 'KILL');
    expect(hup.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(hup[2]).toBe(kill[2]);
    expect(hup[2]).not.toContain(mark);
    expect(hup.slice(3)).toEqual(['wharf-kill', SESSION_MARK_VAR, mark, 'HUP']);
  });
  it('refuses a mark that is not ours', () => {
    expect(() => killSessionArgv('x; reboot', 'HUP')).toThrow();
  });
});
