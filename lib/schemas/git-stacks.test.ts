import { describe, expect, it } from 'vitest';
import { createGitStackSchema } from './git-stacks.ts';

const base = { swarmId: 'c1234567890abcdefghijklmn', stackName: 'web', url: 'https://git.example.com/team/app.git', ref: 'main', composePath: 'deploy/compose.yml' };
const field = (input: Record<string, unknown>) => {
  const parsed = createGitStackSchema.safeParse({ ...base, ...input });
  return parsed.success ? null : parsed.error.issues.map((i) => i.path.join('.'));
};

describe('createGitStackSchema', () => {
  it('takes an http(s) URL, a branch or tag, a path, and defaults the interval and auto-apply', () => {
    const parsed = createGitStackSchema.safeParse({ ...base, ref: 'release/v1.2' });
    expect(parsed.success && { poll: parsed.data.pollSeconds, auto: parsed.data.autoApply }).toEqual({ poll: 300, auto: false });
  });

  it('refuses other schemes and URLs carrying credentials, a query or a fragment (case 20)', () => {
    for (const url of ['file:///etc/passwd', 'ssh://example.com/r.git', "git@example.com:r.git'; id", 'ext::sh -c id', 'git://example.com/r.git', 'http://user:pw@example.com/r.git', 'https://example.com/r.git?x=1', 'https://example.com/r.git#x', 'not a url']) {
      expect(field({ url })).toEqual(['url']);
    }
  });

  it('takes SSH addresses (ssh:// and the scp form) with a plain path, and a host key fingerprint or none', () => {
    expect(field({ url: 'ssh://git@git.example.com:2222/team/app.git', hostKey: `SHA256:${'A'.repeat(43)}` })).toBeNull();
    expect(field({ url: 'git@github.com:team/app.git', hostKey: '' })).toBeNull();
    expect(field({ url: 'git@github.com:team/app.git', hostKey: 'MD5:aa:bb' })).toEqual(['hostKey']);
  });

  it('refuses refs that could be options or climb (case 21)', () => {
    for (const ref of ['--upload-pack=sh', '-x', '../x', 'a..b', '/main', 'main/', 'x.lock', 'a b', 'a;b', '$(id)']) {
      expect(field({ ref })).toEqual(['ref']);
    }
  });

  it('keeps the interval between a minute and a day', () => {
    expect(field({ pollSeconds: 59 })).toEqual(['pollSeconds']);
    expect(field({ pollSeconds: 86_401 })).toEqual(['pollSeconds']);
    expect(field({ pollSeconds: 60 })).toBeNull();
  });
});
