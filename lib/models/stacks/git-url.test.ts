import { describe, expect, it } from 'vitest';
import { isSshAddress, parseGitAddress, parseSshAddress, safeRemotePath, uploadPackCommand } from './git-url.ts';

describe('parseSshAddress', () => {
  it('reads ssh:// URLs with and without a port, and the scp form', () => {
    expect(parseSshAddress('ssh://git@git.example.com/team/app.git')).toEqual({ user: 'git', host: 'git.example.com', port: 22, path: '/team/app.git' });
    expect(parseSshAddress('ssh://root@10.99.0.50:2222/srv/git/app.git')).toEqual({ user: 'root', host: '10.99.0.50', port: 2222, path: '/srv/git/app.git' });
    expect(parseSshAddress('ssh://git@[fd00::1]:22/app.git')).toMatchObject({ host: 'fd00::1', path: '/app.git' });
    expect(parseSshAddress('ssh://git@example.com/~/app.git')).toMatchObject({ path: 'app.git' });
    expect(parseSshAddress('git@github.com:team/app.git')).toEqual({ user: 'git', host: 'github.com', port: 22, path: 'team/app.git' });
  });

  it('refuses what could change the remote command or is not an address', () => {
    for (const raw of [
      "git@host:team/app.git'; rm -rf /",
      'git@host:team/app .git',
      'git@host:-oProxyCommand=sh',
      'git@host:../../etc',
      'ssh://git@host/a/../../b',
      'ssh://git@host/a$(id)',
      'ssh://git@host/a`id`',
      'ssh://git:pw@host/a.git',
      'ssh://host/a.git',
      'ssh://git@host/a.git?x=1',
      'ssh://git@host:99999/a.git',
      'git@host:',
      'git@ho st:a.git',
      'git@host:a\nb',
    ]) expect(parseSshAddress(raw), raw).toBeNull();
  });
});

describe('parseGitAddress', () => {
  it('tells http(s) from SSH and refuses credentials in http URLs and other schemes', () => {
    expect(parseGitAddress('https://git.example.com/app.git')).toEqual({ kind: 'http', url: 'https://git.example.com/app.git' });
    expect(parseGitAddress('git@github.com:team/app.git')?.kind).toBe('ssh');
    expect(parseGitAddress('http://user:pw@example.com/r.git')).toBeNull();
    expect(parseGitAddress('file:///etc/passwd')).toBeNull();
    expect(parseGitAddress('ext::sh -c id')).toBeNull();
    expect(isSshAddress('https://x@example.com:8443/r.git')).toBe(false);
  });
});

describe('uploadPackCommand', () => {
  it('quotes a safe path and refuses any other', () => {
    expect(uploadPackCommand('/srv/git/app.git')).toBe("git-upload-pack '/srv/git/app.git'");
    expect(safeRemotePath("a'b")).toBe(false);
    expect(() => uploadPackCommand("a'b")).toThrow();
  });
});
